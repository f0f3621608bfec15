#!/usr/bin/env bash
# Runs the README's first command exactly as written (from the README itself,
# in the repository's root, as a newcomer on a fresh clone would) and fetches
# the web edition's home page: it must answer 200 with the sample paper on it.
# Part of scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
cmd=$(awk '/^## Two commands/{f=1} f && /^```sh/{getline; print; exit}' README.md)
case "$cmd" in
  "cargo run"*) ;;
  *) echo "README's first command is not a cargo run: '$cmd'" >&2; exit 1 ;;
esac
addr=127.0.0.1:8080
created=""
[ -e shuzibao-data ] || created=1
log=$(mktemp)
echo "\$ $cmd   (fetching http://$addr/ once it answers)"
bash -c "$cmd" >"$log" 2>&1 &
pid=$!
cleanup() {
  kill -INT "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  [ -n "$created" ] && rm -rf shuzibao-data
  rm -f "$log"
}
trap cleanup EXIT
fetch() {
  python3 - "$1" <<'PY'
import sys, urllib.request
try:
    with urllib.request.urlopen(sys.argv[1], timeout=5) as r:
        body = r.read().decode("utf-8")
        print(r.status)
        sys.exit(0 if r.status == 200 and "徐汇报" in body else 3)
except Exception as e:
    print(e)
    sys.exit(2)
PY
}
# the release build comes first: up to 20 minutes on a fresh machine
for _ in $(seq 1 1200); do
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "the README's first command stopped before serving:" >&2
    tail -n 30 "$log" >&2
    exit 1
  fi
  if out=$(fetch "http://$addr/"); then
    echo "GET / -> $out, with the sample paper on it"
    exit 0
  elif [ $? = 3 ]; then
    echo "GET / answered, but not with the sample paper: $out" >&2
    exit 1
  fi
  sleep 1
done
echo "the README's first command did not serve within 20 minutes" >&2
tail -n 30 "$log" >&2
exit 1
