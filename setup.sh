#!/usr/bin/env bash
# One-step set-up: a virtual environment in .venv with mlkata and its pinned dependencies,
# bubblewrap for the hardened sandbox and chromium for the browser tests when we can install
# them, then the problem list.
set -euo pipefail
cd "$(dirname "$0")"

PYTHON="${PYTHON:-python3}"
if ! command -v bwrap >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "== installing bubblewrap (hardened sandbox)"
    (apt-get update -qq && apt-get install -y -qq bubblewrap) >/dev/null 2>&1 \
      || echo "   could not install bubblewrap: mlkata will use its rlimit + fork sandbox"
  else
    echo "== bubblewrap not found: mlkata will use its rlimit + fork sandbox (see 'mlkata doctor')"
  fi
fi
# Debian's chromium runs the browser tests (Playwright drives it; it never downloads a browser).
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "== installing chromium (browser tests of the web app)"
    (apt-get update -qq && apt-get install -y -qq chromium) >/dev/null 2>&1 \
      || echo "   could not install chromium: the browser tests will be skipped"
  else
    echo "== chromium not found: the browser tests will be skipped (as root: apt-get install chromium)"
  fi
fi

if [ ! -x .venv/bin/python ]; then
  echo "== creating .venv"
  "$PYTHON" -m venv .venv
fi
echo "== installing mlkata and pinned dependencies (torch CPU 2.13.0)"
.venv/bin/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[test]"

echo
.venv/bin/mlkata list
echo
echo "Ready. Start practising:  .venv/bin/mlkata start softmax"
