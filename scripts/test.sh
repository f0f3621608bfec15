#!/usr/bin/env bash
# The whole test suite: formatting, lints, docs, every test, and the benches
# compiled (not run). This is the README's test command; CI runs it too.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}
echo "== fmt";    cargo fmt --all -- --check
echo "== clippy"; cargo clippy --workspace --all-targets --locked -- -D warnings
echo "== test";   cargo test --workspace --locked
echo "== doc";    RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --locked
echo "== bench (compile only)"; cargo bench --workspace --locked --no-run
echo "== all tests passed"
