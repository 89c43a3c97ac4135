#!/usr/bin/env bash
# The main job: the report on the built-in 'article' scenario, written to ./out (or the given directory).
# Runs the Release build directly, building it first only when a source has changed (scripts/gpunomics.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
exec bash scripts/gpunomics.sh report --out "${1:-out}"
