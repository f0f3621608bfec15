#!/usr/bin/env bash
# Person, organisation and place precision / recall / F1 (exact spans) on
# every annotated set in ../shared/data that the entity model was not
# trained on: the development split of MSRA train (every 10th sentence),
# MSRA test, Weibo NER dev/test, Resume NER dev/test, CLUENER2020 train/dev.
# Twice: the model alone, then the archive's whole finder (model and rules,
# as `shuzibao entities` prints it). The People's Daily BIO files of
# ner.tar.xz are drawn from MSRA train and are not scored. The data is
# unpacked to a temporary folder and never copied into the project.
#
#   bench/ner/run.sh [ner-train.tar.xz] [ner.tar.xz]
set -euo pipefail
cd "$(dirname "$0")/../.."
TRAIN=${1:-../shared/data/ner-train.tar.xz}
DEV=${2:-../shared/data/ner.tar.xz}
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
tar -xJf "$TRAIN" -C "$TMP"
mkdir -p "$TMP/ner" && tar -xJf "$DEV" -C "$TMP/ner"
cargo build -q --release -p shuzibao-people --example ner_score
BIN=${CARGO_TARGET_DIR:-target}/release/examples/ner_score
echo "## The model alone"
"$BIN" "$TMP/ner-train" "$TMP/ner"
echo
echo "## The finder (model and rules)"
NER_PIPELINE=1 "$BIN" "$TMP/ner-train" "$TMP/ner"
