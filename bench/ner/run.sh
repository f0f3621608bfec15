#!/usr/bin/env bash
# Person, place and organisation precision / recall / F1 of the entity
# finder on the NER gold sets in ../shared/data/ner.tar.xz (MSRA test,
# People's Daily BIO test, CLUENER2020 dev). The data is unpacked to a
# temporary folder and never copied into the project.
#
#   bench/ner/run.sh [path/to/ner.tar.xz]
set -euo pipefail
cd "$(dirname "$0")/../.."
ARCHIVE=${1:-../shared/data/ner.tar.xz}
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
tar -xJf "$ARCHIVE" -C "$TMP"
cargo run -q --release -p shuzibao-people --example ner_eval -- \
  --msra "$TMP/ner_insanelife/NER/MSRA/testright1.txt" \
  --pd "$TMP/ner_bio_zjy/data/example.test" \
  --clue "$TMP/cluener2020/BERT-CRF/data/clue/test.json"
