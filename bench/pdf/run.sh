#!/usr/bin/env bash
# The PDF path side by side with poppler on one core: text and layout
# (pages/s, against `pdftotext -bbox`) and the page images of the three
# sizes with PNG encoding (ms/page, against `pdftoppm -png`), on the same
# page PDFs. See compare.py for what is timed.
#
#   bench/pdf/run.sh [--repeat N] [--cpu C] [DIR]
#
# DIR holds the page PDFs (default: the evaluation pages in /tmp/lp-hold,
# else made into bench/work/pdfpages with ../shared/eval/pdfpages/make_pages.py
# from the rmrb-2019 data; never committed). Results go to
# bench/work/pdf/results.json and stdout.
set -euo pipefail
cd "$(dirname "$0")/../.."
REPEAT=3; CPU=1; DIR=""
while [ $# -gt 0 ]; do
  case "$1" in
    --repeat) REPEAT="$2"; shift 2 ;;
    --cpu) CPU="$2"; shift 2 ;;
    *) DIR="$1"; shift ;;
  esac
done
command -v pdftoppm >/dev/null || { sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo; $sudo apt-get install -y poppler-utils; }
if [ -z "$DIR" ]; then
  if ls /tmp/lp-hold/*.pdf >/dev/null 2>&1; then DIR=/tmp/lp-hold
  else
    DIR=bench/work/pdfpages
    if ! ls "$DIR"/*.pdf >/dev/null 2>&1; then
      mkdir -p bench/work/rmrb && tar -xJf ../shared/data/rmrb-2019.tar.xz -C bench/work/rmrb
      ${PYTHON:-/tmp/pdfvenv/bin/python} ../shared/eval/pdfpages/make_pages.py "bench/work/rmrb/2019年10月" "$DIR" --pages 20 --seed 7
    fi
  fi
fi
cargo build --release -p shuzibao-pdf --example pdf_speed
T=${CARGO_TARGET_DIR:-target}
mkdir -p bench/work/pdf
python3 bench/pdf/compare.py --bin "$T/release/examples/pdf_speed" --repeat "$REPEAT" --cpu "$CPU" \
  --json bench/work/pdf/results.json "$DIR"/*.pdf
