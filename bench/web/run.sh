#!/usr/bin/env bash
# Load on the web edition, on loopback and bounded in time: article pages,
# issue pages and searches, each for DURATION seconds with CONNECTIONS
# connections (wrk, from Debian). Prints requests/s, latency percentiles
# and the server's peak memory; writes them to bench/web/work/results.md.
#
#   bench/web/run.sh [--docs N] [--duration S] [--connections C]
#
# The archive: the sample issues and N-3 copies of them on other dates
# (default N = 300 issues, ~1,000 articles), ingested first.
set -euo pipefail
cd "$(dirname "$0")/../.."
ISSUES=300; DURATION=15; CONN=64
while [ $# -gt 0 ]; do
  case "$1" in
    --docs) ISSUES="$2"; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    --connections) CONN="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
command -v wrk >/dev/null || { sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo; $sudo apt-get install -y wrk; }
cargo build --release --bin shuzibao
BIN=target/release/shuzibao
W=bench/web/work; rm -rf "$W"; mkdir -p "$W/in"
python3 - "$W/in" "$ISSUES" <<'PY'
import os, re, sys
out, n = sys.argv[1], int(sys.argv[2])
samples = sorted(os.listdir("samples"))
texts = [open(os.path.join("samples", s), encoding="utf-8").read() for s in samples]
for i in range(n):
    t = texts[i % len(texts)]
    y, m, d = 2000 + i // 336, 1 + (i // 28) % 12, 1 + i % 28
    t = re.sub(r"20(22|23)年(\d+)月(\d+)日", f"{y}年{m}月{d}日", t, count=1).replace("2024 年  \n1 月 1 日", f"{y} 年  \n{m} 月 {d} 日")
    open(os.path.join(out, f"issue-{i:05}.txt"), "w", encoding="utf-8").write(t)
PY
"$BIN" ingest "$W/in" --data "$W/data" >/dev/null
PORT=18080
RUST_LOG=warn "$BIN" serve --data "$W/data" --addr 127.0.0.1:$PORT --no-samples &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
for i in $(seq 50); do curl -sf http://127.0.0.1:$PORT/about >/dev/null && break; sleep 0.1; done
ARTICLES=$(curl -s "http://127.0.0.1:$PORT/api/v1/articles?limit=200" | python3 -c 'import json,sys; print("\n".join("/articles/%d" % a["id"] for a in json.load(sys.stdin)["articles"]))')
echo "$ARTICLES" > "$W/articles.txt"
curl -s "http://127.0.0.1:$PORT/api/v1/issues" | python3 -c 'import json,sys; print("\n".join(sorted({"/issues/%s" % i["date"] for i in json.load(sys.stdin) if i["date"]})))' > "$W/issues.txt"
# search words from the sample headlines, with and without filters
python3 - > "$W/searches.txt" <<'PY'
import urllib.parse as u
words = ["徐汇", "曹立强", "主题教育", "党史", "重大工程", "科技企业", "新年贺词", "区区合作", "\"高质量发展\"", "调研", "钟晓咏", "漕河泾"]
for i, w in enumerate(words * 4):
    q = {"q": w}
    if i % 3 == 1: q["from"] = "2003"
    if i % 3 == 2: q["page"] = "1"; q["sort"] = "newest"
    print("/search?" + u.urlencode(q))
PY
{
echo "# Web edition under load"
echo
echo "$(date -u +%Y-%m-%d), $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); archive of $ISSUES issues, $(wc -l < "$W/articles.txt") article paths; wrk -t2 -c$CONN -d${DURATION}s on loopback."
echo
echo "| what | requests/s | p50 | p90 | p99 | errors |"
echo "|---|---|---|---|---|---|"
} > "$W/results.md"
for kind in articles issues searches; do
  out=$(PATHS="$W/$kind.txt" wrk -t2 -c"$CONN" -d"${DURATION}s" --latency -s bench/web/urls.lua "http://127.0.0.1:$PORT")
  echo "$out" > "$W/wrk-$kind.txt"
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '/^ +50%/ {print $2}'); p90=$(echo "$out" | awk '/^ +90%/ {print $2}'); p99=$(echo "$out" | awk '/^ +99%/ {print $2}')
  errs=$(echo "$out" | awk '/Non-2xx|Socket errors/ {print}' | tr '\n' ' ')
  echo "| $kind | $rps | $p50 | $p90 | $p99 | ${errs:-none} |" >> "$W/results.md"
done
RSS=$(awk '/VmHWM/ {printf "%.0f MB", $2/1024}' /proc/$PID/status)
echo >> "$W/results.md"
echo "Server peak memory (VmHWM): $RSS." >> "$W/results.md"
cat "$W/results.md"
