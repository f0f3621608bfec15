#!/usr/bin/env bash
# Trains the entity model (crates/people/model/ner.bin) from the annotated
# training sets in ../shared/data/ner-train.tar.xz: MSRA train (nine of every
# ten sentences; the tenth is the development split), Weibo NER and Resume
# NER train, and once more each of those sentences with its names replaced
# by other names of the training sentences. Deterministic: the same data
# gives the same file, byte for byte. The data is unpacked to a temporary folder and never copied into the project.
#
#   scripts/train-ner.sh [path/to/ner-train.tar.xz] [OUT.bin]
set -euo pipefail
cd "$(dirname "$0")/.."
ARCHIVE=${1:-../shared/data/ner-train.tar.xz}
OUT=${2:-crates/people/model/ner.bin}
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
tar -xJf "$ARCHIVE" -C "$TMP"
cargo run -q --release -p shuzibao-people --example ner_train -- "$TMP/ner-train" "$OUT"
sha256sum "$OUT"
