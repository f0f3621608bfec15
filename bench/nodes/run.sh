#!/usr/bin/env bash
# Several `serve` nodes on one PostgreSQL archive, under load: a throw-away
# PostgreSQL (Debian's, as the tests use), three `serve --database` nodes on
# 127.0.0.1, then ISSUES made-up issues ingested at once through the three
# nodes' APIs and the command line while readers search all three. Prints,
# per node, the delay from an issue's commit (its POST answered) to its
# being searchable there (p50, p99, max), the ingest throughput and the
# readers' latency (drive.py).
#
#   bench/nodes/run.sh [ISSUES] [READERS]      (default 300 issues, 4 readers)
#
# Release build. A small smoke run: bench/nodes/run.sh 24 1
set -euo pipefail
cd "$(dirname "$0")/../.."
ISSUES=${1:-300}
READERS=${2:-4}
BIN=${SHUZIBAO_BIN:-target/release/shuzibao}
[ -x "$BIN" ] || cargo build --release --locked -p shuzibao --bin shuzibao
PG=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$PG" ] || { echo "PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 2; }
WORK=$(mktemp -d /tmp/shuzibao-nodes-XXXXXX)
chmod 755 "$WORK"
RUNAS=()
if [ "$(id -u)" = 0 ]; then RUNAS=(runuser -u nobody --); fi
PIDS=()
cleanup() {
  local rc=$?
  if [ "$rc" != 0 ]; then
    for i in 0 1 2; do [ -f "$WORK/node$i.log" ] && { echo "--- node$i.log" >&2; tail -20 "$WORK/node$i.log" >&2; }; done
    [ -f "$WORK/cli.log" ] && { echo "--- cli.log" >&2; tail -20 "$WORK/cli.log" >&2; }
  fi
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  "${RUNAS[@]}" "$PG/pg_ctl" -D "$WORK/pg" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
mkdir -p "$WORK/pg" "$WORK/socket" && chown -R "$(if [ ${#RUNAS[@]} -gt 0 ]; then echo nobody; else id -un; fi)" "$WORK/pg" "$WORK/socket"
"${RUNAS[@]}" "$PG/initdb" -D "$WORK/pg" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
"${RUNAS[@]}" "$PG/pg_ctl" -D "$WORK/pg" -l "$WORK/pg/log" -w \
  -o "-k $WORK/socket -c listen_addresses= -c max_connections=200" start >/dev/null
"$PG/createdb" -h "$WORK/socket" -U postgres news
URL="postgresql://postgres@/news?host=$WORK/socket"
mkdir -p "$WORK/files"
printf 'a-token-of-the-admin-0123456789' > "$WORK/token"
# the first node makes the schema (and takes the samples) alone
PORTS=(18481 18482 18483)
for i in 0 1 2; do
  RUST_LOG=warn "$BIN" serve --database "$URL" --data "$WORK/node$i" --files "$WORK/files" \
    --addr "127.0.0.1:${PORTS[$i]}" --admin-token-file "$WORK/token" 2>"$WORK/node$i.log" &
  PIDS+=($!)
  for _ in $(seq 600); do curl -sf "http://127.0.0.1:${PORTS[$i]}/api/v1/papers" >/dev/null && break; sleep 0.1; done
done
python3 bench/nodes/drive.py --bin "$BIN" --database "$URL" --work "$WORK" --issues "$ISSUES" \
  --readers "$READERS" --token "$(cat "$WORK/token")" --ports "${PORTS[@]}"
echo "on $(nproc) cores, $(date -u +%F)"
