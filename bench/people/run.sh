#!/bin/sh
# The people index as a reader sees it: each month ingested into a fresh
# archive, then the most named people listed (name, articles, latest post).
#   bench/people/run.sh [BINARY] [TOP]
# 新闻联播 months (a source no rule was written on until 2026-12-04; tuning
# 2025-03 and 2024-06, the others checked only), 人民日报 2019-02/10, and web
# news (INEWS: 3,000 documents, ten a page, on made-up days).
# Unpacks ../shared/data to /tmp/people-data; pages and archives in /tmp/people.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-$here/../../target/release/shuzibao}
top=${2:-40}
data=${SHUZIBAO_DATA:-$here/../../../shared/data}
src=/tmp/people-data
out=/tmp/people
mkdir -p "$src" "$out"
[ -d "$src/news" ] || tar -xJf "$data/xinwenlianbo.tar.xz" -C "$src"
[ -d "$src/2019年2月" ] || tar -xJf "$data/rmrb-2019.tar.xz" -C "$src"
[ -f "$src/train.jsonl" ] || tar -xJf "$data/inews.tar.xz" -C "$src"
list() { # paper pages label
    rm -rf "$out/data-$3"
    "$bin" ingest --data "$out/data-$3" --paper "$1" "$2/" >"$out/ingest-$3.log" 2>&1
    echo "## $1 $3"
    "$bin" people --data "$out/data-$3" --limit "$top" | awk '{printf "%d %s %s %s\n", NR, $1, $2, ($NF ~ /^[0-9][0-9][0-9][0-9]-/ ? "" : $NF)}'
}
for m in 202503 202406 202309 202601 202210 202303 202412 202509 202606; do
    [ -d "$out/xwlb-$m" ] || python3 "$here/pages.py" xwlb "$src/news" "$m" "$out/xwlb-$m" >/dev/null
    list 新闻联播 "$out/xwlb-$m" "$m"
done
for m in 2 10; do
    [ -d "$out/rmrb-$m" ] || python3 "$here/pages.py" rmrb "$src/2019年$m月" "$out/rmrb-$m" >/dev/null
    list 人民日报 "$out/rmrb-$m" "2019-$m"
done
[ -d "$out/inews" ] || python3 "$here/pages.py" inews "$src/train.jsonl" "$out/inews" >/dev/null
list 网络新闻 "$out/inews" inews
