#!/usr/bin/env bash
# Install everything the tests need into .venv (from pyproject.toml) and run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[test]"
if [ -f scripts/install-system-deps.sh ]; then bash scripts/install-system-deps.sh; fi
exec .venv/bin/python -m pytest -q "$@"
