#!/usr/bin/env bash
# Longer fault runs than CI's: an ingest and a reindex killed (SIGKILL) at
# ROUNDS random points each (default 250; in a release build about 4 ingests
# in 10 finish before their kill point), checking after every kill that the
# store is whole and the index agrees with it; then the full-disk, read-only
# and concurrent-reader tests. Release build; prints the figures that
# RELIABILITY.md records.
#
#   bench/faults/run.sh [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS=${1:-250}
start=$(date +%s)
SHUZIBAO_CRASH_ROUNDS=$ROUNDS cargo test --release --locked -p shuzibao --test integration -- \
  crash:: disk:: concurrent:: --nocapture --test-threads 1 2>&1 |
  grep -E "runs killed|^test |test result" 
echo "rounds per test: $ROUNDS; took $(( $(date +%s) - start )) s on $(nproc) cores, $(date -u +%F)"
