#!/usr/bin/env bash
# Installs what the project needs on a fresh machine of this kind (Debian,
# Rust toolchain, Node.js present). Idempotent: safe to run again.
#  - Rust: rustfmt and clippy, and every crate fetched once (Cargo.lock);
#  - the browser tests: Debian's chromium and CJK fonts (never a browser
#    download), and playwright-core from npm (tests/e2e/package-lock.json);
#  - the store's tests on PostgreSQL: Debian's postgresql (initdb, pg_ctl in
#    /usr/lib/postgresql/NN/bin; each test run starts a throw-away server).
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""
if [ "$(id -u)" != "0" ] && command -v sudo >/dev/null; then SUDO=sudo; fi

rustup component add rustfmt clippy >/dev/null 2>&1 || true
cargo fetch --locked

if ! command -v chromium >/dev/null || ! fc-list 2>/dev/null | grep -qi "noto.*cjk"; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk >/dev/null
fi
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends postgresql >/dev/null
fi
(cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error)
