#!/usr/bin/env bash
# The main job: the report on the built-in 'article' scenario, written to ./out (or the given directory).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run --project src/Gpunomics.Cli -c Release -- report --out "${1:-out}"
