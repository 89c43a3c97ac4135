#!/usr/bin/env bash
# Fleet risk benchmark: generates a fleet of 10,000 contracts (bench/fleet-risk/make-fleet.mjs) and runs
# 'gpunomics fleet risk' on it at 1,000 and 10,000 paths (and each path count on one thread with
# DOTNET_PROCESSOR_COUNT=1), printing the wall time and peak resident memory of the whole command (start-up, reading
# the fleet and the market, the run) from /usr/bin/time. Memory flat in the paths: the two peaks agree.
#   bash bench/fleet-risk/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build -c Release src/Gpunomics.Cli -v quiet -nologo >/dev/null
fleet=$(mktemp -d)/fleet-10000.json
node bench/fleet-risk/make-fleet.mjs "$fleet" 10000
cli=src/Gpunomics.Cli/bin/Release/net10.0/gpunomics.dll
for cores in 0 1; do
  for paths in 1000 10000; do
    env_cores=(); [[ $cores == 1 ]] && env_cores=(DOTNET_PROCESSOR_COUNT=1)
    stats=$( { env "${env_cores[@]}" /usr/bin/time -f '%e %M' dotnet "$cli" fleet risk "$fleet" --paths "$paths" --seed 1 --json >/dev/null; } 2>&1 | tail -1)
    read -r secs kb <<<"$stats"
    printf '%-12s %6d paths: %6.2f s wall, peak %5.0f MB\n' "$([[ $cores == 1 ]] && echo "one core" || echo "all cores")" "$paths" "$secs" "$((kb / 1024))"
  done
done
