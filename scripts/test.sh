#!/usr/bin/env bash
# Runs the whole test suite and prints one summary line: "N passed, N failed, N skipped".
# dotnet test prints one line per test project; this adds them up.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

log=$(mktemp)
trap 'rm -f "$log"' EXIT
dotnet test Gpunomics.slnx -c Release "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

read -r passed failed skipped projects < <(
  grep -E '^(Passed|Failed)!' "$log" | awk '
    { for (i = 1; i <= NF; i++) { v = $(i + 1); gsub(",", "", v)
        if ($i == "Passed:") p += v; else if ($i == "Failed:") f += v; else if ($i == "Skipped:") s += v }
      n++ }
    END { printf "%d %d %d %d\n", p, f, s, n }')

echo
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$projects" -eq 0 ]; then
  echo "no test project reported results" >&2
  exit 1
fi
if [ "$failed" -gt 0 ] || [ "$status" -ne 0 ]; then
  exit 1
fi
exit 0
