#!/usr/bin/env bash
# Bounded load test on loopback: starts 'gpunomics serve' (Release) on a free port with a scratch
# database, runs 50 clients for 10 seconds against the chart endpoint (its numbers, then the numbers
# and the SVG image as the dashboard asks for them on every slider move), then the floor endpoint;
# prints requests, errors and p50/p99 latency after a 5-second warm-up at the same load. Each endpoint
# is then measured again, in the same run, beside 4 abusive clients sending oversized list parameters
# back to back (1,500 hardware names, 1,500 multipliers), so the two p99 can be compared. The server's
# resident memory is printed after each endpoint and once more 5 seconds after the load stops.
#   bash bench/load/run.sh [clients] [seconds] [path] [abusive clients]
# Last, the chart with the dashboard's debt and tax sliders on (60% debt at 9%, 21% tax) and without them, measured
# alternately twice on the same server, each with its p99 and the ratio of the two (with / without).
# GPUNOMICS_SERVER_DLL=DIR/gpunomics.dll serves from another build (a copy published before a change, say) to
# compare the two under the same conditions. GPUNOMICS_LOAD_DEBT_TAX_ONLY=1 runs only the debt and tax comparison.
set -euo pipefail
cd "$(dirname "$0")/../.."
for p in src/Gpunomics.Cli bench/Gpunomics.LoadTest; do dotnet build -c Release "$p" -v quiet -nologo >/dev/null; done
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
db=$(mktemp -d)/load.db
dotnet "${GPUNOMICS_SERVER_DLL:-src/Gpunomics.Cli/bin/Release/net10.0/gpunomics.dll}" serve --urls "http://127.0.0.1:${port}" --db "$db" >/dev/null &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$(dirname "$db")"' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:${port}/api/systems" >/dev/null && break; sleep 0.1; done
rss() { echo "server resident memory $1: $(awk '/VmRSS/ {printf "%d MB", $2/1024}' /proc/$server/status)"; }
rss "before the load"
paths=("/api/chart/gb300-nvl72" "/api/chart/gb300-nvl72?svg=true" "/api/floor/vr-nvl72")
[ -n "${3:-}" ] && paths=("$3")
[ -n "${GPUNOMICS_LOAD_DEBT_TAX_ONLY:-}" ] && paths=()
for path in "${paths[@]}"; do
  dotnet bench/Gpunomics.LoadTest/bin/Release/net10.0/Gpunomics.LoadTest.dll "http://127.0.0.1:${port}" "${1:-50}" "${2:-10}" "$path" 5 "${4:-4}"
  rss "after $path"
done
# The chart's p99 with the debt and tax sliders against without, alternately: the measured phase's p99 of each.
plain=/api/chart/gb300-nvl72
financed="/api/chart/gb300-nvl72?debtShare=0.6&debtRate=0.09&taxRate=0.21"
out=$(mktemp)
measure() {
  dotnet bench/Gpunomics.LoadTest/bin/Release/net10.0/Gpunomics.LoadTest.dll "http://127.0.0.1:${port}" "${1:-50}" "${2:-10}" "$3" 5 0 | tee "$out"
  p99=$(sed -n 's/.* measured: .* p99 \([0-9.]*\) ms.*/\1/p' "$out")
}
for round in 1 2; do
  measure "${1:-50}" "${2:-10}" "$plain"; without=$p99
  measure "${1:-50}" "${2:-10}" "$financed"; with=$p99
  echo "chart p99, round $round: ${with} ms with debt and tax, ${without} ms without: ratio $(python3 -c "print(f'{$with / $without:.2f}')") (load average $(cut -d' ' -f1 /proc/loadavg))"
done
rm -f "$out"
rss "after the debt and tax comparison"
sleep 5
rss "5 s after the load stopped"
