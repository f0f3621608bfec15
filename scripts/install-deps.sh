#!/usr/bin/env bash
# Installs what the project needs on a fresh machine of this kind (Debian,
# Rust toolchain present). Idempotent: safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
rustup component add rustfmt clippy >/dev/null 2>&1 || true
# Fetch every crate once, so that the test run itself needs no network.
cargo fetch --locked
