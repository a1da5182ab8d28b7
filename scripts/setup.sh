#!/usr/bin/env bash
# Create .venv and install Kuzet; with --dev also the test, lint and benchmark tools.
# Idempotent: re-running only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
# natasha (bench only) still imports pkg_resources, which setuptools 81 removed.
.venv/bin/python -m pip install -q --disable-pip-version-check 'setuptools<81' wheel
if [ "${1:-}" = "--dev" ]; then
  .venv/bin/python -m pip install -q --disable-pip-version-check -e '.[dev]'
else
  .venv/bin/python -m pip install -q --disable-pip-version-check -e .
fi
