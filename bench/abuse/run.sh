#!/usr/bin/env bash
# The web edition under abuse, on loopback and bounded in time (about a
# minute): a real `shuzibao serve` on an archive of the sample issues plus
# one hostile issue (posted with the admin token), then bench/abuse/load.py
# for DURATION seconds: 1,000 keep-alive connections asking for pages and
# searches, 200 slowloris clients, a few thousand hostile queries, oversize
# bodies and admin token guesses, all at once. Prints the summary (status
# counts, errors, latencies, server RSS and open files before/after, whether
# the server still answers) and keeps it in bench/abuse/work/.
#
# ROUNDS times (default 2) on the same server, so that growth of memory or
# open files from one round to the next shows.
#
#   bench/abuse/run.sh [--duration S] [--conns N] [--slow N] [--hostile N] [--rounds N] [--no-build]
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=20; CONNS=1000; SLOW=200; HOSTILE=3000; ROUNDS=2; BUILD=1
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) DURATION="$2"; shift 2 ;;
    --conns) CONNS="$2"; shift 2 ;;
    --slow) SLOW="$2"; shift 2 ;;
    --hostile) HOSTILE="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

# every connection is a file descriptor, on both sides: the client needs
# CONNS + SLOW + some, and so does the server (which inherits this limit)
NEED=$(( (CONNS + SLOW) * 2 + 512 ))
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt "$NEED" ]; then
  ulimit -n "$NEED" 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
  if [ "$(ulimit -n)" -lt "$NEED" ]; then
    echo "ulimit -n is $(ulimit -n), below $NEED: lower --conns/--slow or raise the hard limit" >&2
    exit 1
  fi
fi

[ "$BUILD" = 1 ] && nice cargo build --release --bin shuzibao
BIN=target/release/shuzibao
W=bench/abuse/work; rm -rf "$W"; mkdir -p "$W"
TOKEN="abuse-run-token-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')

# warn: the wrong-token and too-many-connections warnings, not every request
SHUZIBAO_ADMIN_TOKEN="$TOKEN" RUST_LOG=warn "$BIN" serve --data "$W/data" --addr 127.0.0.1:$PORT 2> "$W/server.log" &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/about" >/dev/null && break; sleep 0.1; done

# an issue full of markup, so that the pages under load render hostile text
HOSTILE_ISSUE=$'第1期 / 2021年6月1日 星期二\n\n## <script>alert(1)</script>标题"><img src=x onerror=alert(2)>\n\n□ 记者 王明\n\n本报讯 正文 {{ 7*7 }} <a href="javascript:alert(3)">点我</a> </script><script>alert(4)</script> 结尾。\n'
curl -sf -X POST -H "Authorization: Bearer $TOKEN" --data-binary "$HOSTILE_ISSUE" \
  "http://127.0.0.1:$PORT/api/v1/issues" >/dev/null

echo "$(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), ulimit -n $(ulimit -n)" | tee "$W/summary.txt"
STATUS=0
for R in $(seq "$ROUNDS"); do
  echo "-- round $R" | tee -a "$W/summary.txt"
  nice python3 bench/abuse/load.py --port "$PORT" --pid "$PID" --token "$TOKEN" --duration "$DURATION" \
    --conns "$CONNS" --slow "$SLOW" --hostile "$HOSTILE" --json "$W/summary-$R.json" | tee -a "$W/summary.txt" || STATUS=$?
done

# graceful shutdown still works after all that
T0=$(date +%s%N)
kill -TERM $PID
for _ in $(seq 200); do kill -0 $PID 2>/dev/null || break; sleep 0.1; done
if kill -0 $PID 2>/dev/null; then
  echo "the server did not stop within 20 s of SIGTERM" | tee -a "$W/summary.txt"; STATUS=1
else
  echo "stopped $(( ($(date +%s%N) - T0) / 1000000 )) ms after SIGTERM" | tee -a "$W/summary.txt"
fi
echo "server log: $(wc -l < "$W/server.log") lines ($(grep -c 'wrong admin token' "$W/server.log" || true) wrong-token warnings, $(grep -c 'too many connections' "$W/server.log" || true) too-many-connections)" | tee -a "$W/summary.txt"
exit $STATUS
