#!/usr/bin/env bash
# A real archive as a new user makes one: ~230 page files of two papers on
# the same dates, named in five patterns, plus the 徐汇报 samples, ingested
# twice. Checks "N added, 0 updated", then "N unchanged", and that every page
# went to the paper, date and page its name gives. Reads ../shared/data;
# writes only under bench/work/pages/.
set -euo pipefail
cd "$(dirname "$0")/../.."
W=bench/work/pages
B=${SHUZIBAO_BIN:-target/release/shuzibao}
[ -x "$B" ] || cargo build --release --bin shuzibao
rm -rf "$W" && mkdir -p "$W/rmrb"
tar -xJf ../shared/data/rmrb-2019.tar.xz -C "$W/rmrb"
python3 bench/pages/make_pages.py "$W/rmrb" "$W/in"
"$B" ingest "$W/in" samples --data "$W/data" --json > "$W/first.json" 2> "$W/first.err"
"$B" ingest "$W/in" samples --data "$W/data" > "$W/second.txt" 2> /dev/null
python3 - "$W" <<'PY'
import json, sys
w = sys.argv[1]
s = json.load(open(f"{w}/first.json"))
exp = {tuple(x) for x in json.load(open(f"{w}/walk-expected.json"))}
got = {(p["paper"], p["date"], p["page"]) for p in s["pages"]}
print(f"first ingest: {s['added']} added, {s['updated']} updated, {s['unchanged']} unchanged, {len(s['failed'])} failed")
print(f"placed as their names say: {len(exp & got)} of {len(exp)}")
print("second ingest:", open(f"{w}/second.txt").read().strip())
ok = s["updated"] == 0 and not s["failed"] and exp <= got
sys.exit(0 if ok else 1)
PY
