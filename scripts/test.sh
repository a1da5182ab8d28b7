#!/usr/bin/env bash
# Set up everything the tests need, then run lint and every test. CI runs exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-deps.sh
bash scripts/setup.sh --dev
.venv/bin/ruff check kuzet tests bench tools
.venv/bin/python -m pytest -q "$@"
