#!/usr/bin/env bash
# Quickstart: install Flashpoint into .venv and run the main job on the bundled illustrative corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e .
.venv/bin/flashpoint demo --db flashpoint-demo.duckdb
