#!/bin/sh
# The parser on 人民日报 page cases: tuning split (February 2019, seeds 1-3)
# and confirming split (October 2019, seeds 7, 11, 23; and February seeds 7,
# 11, 23, the 2019 samples), as printed, flat and flat with column breaks,
# and the honesty curve of the confidence on each split.
#   bench/parser/run.sh [BINARY]   (default target/release/shuzibao)
# Needs ../shared/data/rmrb-2019.tar.xz unpacked in /tmp/rmrb (see
# ../shared/eval/README.md). Pages are made in /tmp/pe.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-$here/../../target/release/shuzibao}
eval=${SHUZIBAO_EVAL:-$here/../../../shared/eval}
out=/tmp/pe
mkdir -p "$out"
make() { # month seed
    for mode in print flat breaks; do
        d="$out/m$1-s$2-$mode"
        [ -d "$d" ] && continue
        case $mode in
            print) python3 "$eval/rmrb_pages.py" "/tmp/rmrb/2019年$1月" "$d" --pages 60 --seed "$2" ;;
            flat) python3 "$eval/rmrb_pages.py" "/tmp/rmrb/2019年$1月" "$d" --pages 60 --seed "$2" --flat ;;
            breaks) python3 "$eval/rmrb_pages.py" "/tmp/rmrb/2019年$1月" "$d" --pages 60 --seed "$2" --flat --breaks 0.3 ;;
        esac >/dev/null
    done
}
for s in 1 2 3 7 11 23; do make 2 "$s"; done
for s in 7 11 23; do make 10 "$s"; done
cd "$out"
echo "## tuning split: February 2019, seeds 1, 2, 3"
python3 "$here/eval_pages.py" --bin "$bin" --curve m2-s1-* m2-s2-* m2-s3-*
echo "## confirming split: October 2019, seeds 7, 11, 23"
python3 "$here/eval_pages.py" --bin "$bin" --curve m10-s7-* m10-s11-* m10-s23-*
echo "## confirming split, flat pages only (with and without column breaks)"
python3 "$here/eval_pages.py" --bin "$bin" --curve m10-*-flat m10-*-breaks | tail -6
echo "## the 2019 samples: February 2019, seeds 7, 11, 23"
python3 "$here/eval_pages.py" --bin "$bin" --curve m2-s7-* m2-s11-* m2-s23-*
