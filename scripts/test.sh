#!/usr/bin/env bash
# The whole test suite: formatting, lints, docs, every test, the benches
# compiled (not run), the end-to-end tests in headless Chromium, and the
# README's first command run as written.
# This is the README's test command; CI runs it too.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}
echo "== fmt";    cargo fmt --all -- --check
echo "== clippy"; cargo clippy --workspace --all-targets --locked -- -D warnings
echo "== test";   cargo test --workspace --locked
echo "== doc";    RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --locked
echo "== bench (compile only)"; cargo bench --workspace --locked --no-run
echo "== end-to-end (headless Chromium)"
cargo build --locked --bin shuzibao
cargo build --locked -p shuzibao-archive --example made_up_pages
if [ ! -d tests/e2e/node_modules ]; then
  echo "tests/e2e/node_modules is missing: run scripts/install-deps.sh first" >&2
  exit 1
fi
SHUZIBAO_BIN=target/debug/shuzibao node tests/e2e/reader.test.mjs
SHUZIBAO_BIN=target/debug/shuzibao node tests/e2e/page_view.test.mjs
echo "== the README's first command, verbatim"
scripts/readme-first-command.sh
echo "== all tests passed"
