#!/usr/bin/env bash
# Side-by-side benchmark: installs the peers, imports the shared data, scales it,
# generates the queries, runs every peer (and shuzibao-bench when built) and
# prints the report (also written to WORK/results-TAG/report.md).
#
#   bench/run.sh [--size N] [--work DIR] [--data DIR] [--peers "LIST"]
#                [--budget S] [--timeout S] [--no-install]
#
#   --size N      scale the natural corpus (~30k articles) to N (e.g. 1000000)
#   --work DIR    scratch folder (default bench/work, gitignored)
#   --data DIR    the shared archives (default /work/shared/data)
#   --peers LIST  any of: lucene-cjk lucene-smartcn sqlite pg (default: all)
#   --budget S    seconds per query pass and engine; queries left over are
#                 recorded as skipped (default 900)
#   --timeout S   hard limit for each runner, ingest included (default 3600)
#   --no-install  skip apt-get / pip / javac when already done
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH")"
SIZE="" WORK="$BENCH/work" DATA="/work/shared/data"
PEERS="lucene-cjk lucene-smartcn sqlite pg" BUDGET=900 TIMEOUT=3600 INSTALL=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --size) SIZE="$2"; shift 2 ;;
    --work) WORK="$2"; shift 2 ;;
    --data) DATA="$2"; shift 2 ;;
    --peers) PEERS="$2"; shift 2 ;;
    --budget) BUDGET="$2"; shift 2 ;;
    --timeout) TIMEOUT="$2"; shift 2 ;;
    --no-install) INSTALL=0; shift ;;
    *) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
mkdir -p "$WORK"
WORK="$(cd "$WORK" && pwd)"
VENV="$WORK/venv"
PY="$VENV/bin/python"
JARS=/usr/share/java
CP="$WORK/classes:$JARS/lucene-core-8.7.0.jar:$JARS/lucene-analyzers-common-8.7.0.jar"
CP="$CP:$JARS/lucene-analyzers-smartcn-8.7.0.jar:$JARS/gson.jar"
log() { echo "[$(date +%T)] $*" >&2; }
step() {  # step NAME CMD...: time a step, bounded by --timeout
  local name="$1"; shift
  local t0=$SECONDS
  log "$name ..."
  if timeout "$TIMEOUT" "$@"; then log "$name done in $((SECONDS - t0)) s"
  else log "$name FAILED or timed out after $((SECONDS - t0)) s (exit $?)"; fi
}

# ---- install (Debian bookworm packages, a venv for the Python peers, javac)
if [[ $INSTALL == 1 ]]; then
  pkgs=()
  for p in liblucene8-java libgoogle-gson-java postgresql postgresql-contrib time; do
    dpkg -s "$p" >/dev/null 2>&1 || pkgs+=("$p")
  done
  command -v javac >/dev/null || pkgs+=(default-jdk-headless)
  if [[ ${#pkgs[@]} -gt 0 ]]; then
    log "apt-get install ${pkgs[*]}"
    SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO=sudo
    $SUDO apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "${pkgs[@]}" >/dev/null
  fi
  [[ -x "$PY" ]] || python3 -m venv "$VENV"
  "$PY" -m pip install -q jieba psycopg2-binary
  mkdir -p "$WORK/classes"
  javac -d "$WORK/classes" -cp "$CP" "$BENCH/peers/lucene/LuceneBench.java"
fi

# ---- data
[[ -s "$WORK/docs.jsonl" ]] || step import "$PY" "$BENCH/data/import.py" --data "$DATA" --out "$WORK/docs.jsonl"
DOCS="$WORK/docs.jsonl" TAG="natural"
if [[ -n "$SIZE" ]]; then
  DOCS="$WORK/docs-$SIZE.jsonl" TAG="$SIZE"
  [[ -s "$DOCS" ]] || step scale "$PY" "$BENCH/data/scale.py" "$SIZE" "$WORK/docs.jsonl" "$DOCS"
fi
QUERIES="$WORK/queries-$TAG.jsonl"
[[ -s "$QUERIES" ]] || step queries "$PY" "$BENCH/data/queries.py" "$DOCS" "$QUERIES"
RES="$WORK/results-$TAG"
IDX="$WORK/index-$TAG"
mkdir -p "$RES" "$IDX"

# ---- runners: each under /usr/bin/time -v (its log, next to the result, gives the peak RSS)
run() {  # run ENGINE CMD...: writes $RES/ENGINE.json and $RES/ENGINE.time.txt
  local engine="$1"; shift
  step "$engine" /usr/bin/time -v -o "$RES/$engine.time.txt" "$@"
  rm -rf "${IDX:?}"/*  # free the disk before the next engine
}
for peer in $PEERS; do
  case "$peer" in
    lucene-cjk|lucene-smartcn)
      run "$peer" java -Xmx4g -cp "$CP" LuceneBench "${peer#lucene-}" "$DOCS" "$QUERIES" "$IDX" "$RES/$peer.json" ;;
    sqlite)
      run sqlite "$PY" "$BENCH/peers/sqlite_fts5.py" "$DOCS" "$QUERIES" "$IDX" "$RES/sqlite.json" \
        --like-out "$RES/sqlite-like.json" --budget "$BUDGET"
      cp "$RES/sqlite.time.txt" "$RES/sqlite-like.time.txt" 2>/dev/null || true ;;
    pg)
      run pg "$PY" "$BENCH/peers/pg_trgm.py" "$DOCS" "$QUERIES" "$IDX" "$RES/pg.json" --budget "$BUDGET" ;;
    *) log "unknown peer $peer" ;;
  esac
done
BIN="${CARGO_TARGET_DIR:-$ROOT/target}/release/shuzibao-bench"
if [[ -x "$BIN" ]]; then
  run shuzibao "$BIN" "$DOCS" "$QUERIES" "$IDX" "$RES/shuzibao.json"
else
  log "no $BIN: peers only"
fi

# ---- report
shopt -s nullglob
results=("$RES"/*.json)
step report "$PY" "$BENCH/report.py" --docs "$DOCS" --queries "$QUERIES" --md "$RES/report.md" "${results[@]}"
log "report: $RES/report.md"
