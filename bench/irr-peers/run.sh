#!/usr/bin/env bash
# Side-by-side IRR benchmark: the same workload (61 monthly flows: -capex then 60 rents, rents varied
# across scenarios) through node-irr, @formulajs/formulajs, LibreOffice Calc and Gpunomics (scalar and
# batch), in one run; then a corpus of hard cash-flow shapes through every peer; then XIRR (run-xirr.sh).
#   bash bench/irr-peers/run.sh [SCENARIOS] [SECONDS] [SHEET_ROWS]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
scenarios="${1:-1000000}"
seconds="${2:-3}"
rows="${3:-10000}"
out="$here/out"
mkdir -p "$out"

cd "$here"
if [ ! -d node_modules/node-irr ] || [ ! -d node_modules/@formulajs/formulajs ]; then
  npm ci --no-audit --no-fund >/dev/null
fi
if ! command -v soffice >/dev/null 2>&1; then
  echo "installing libreoffice-calc-nogui (once)..." >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libreoffice-calc-nogui >/dev/null
fi
dotnet build "$root/bench/Gpunomics.IrrPeers" -c Release -v q -nologo >/dev/null
peers_dll="$root/bench/Gpunomics.IrrPeers/bin/Release/net10.0/Gpunomics.IrrPeers.dll"

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load average $(cut -d' ' -f1-3 /proc/loadavg)"
: > "$out/throughput.jsonl"
echo "Gpunomics ($scenarios scenarios, best of >= ${seconds}s)..." >&2
dotnet "$peers_dll" throughput --scenarios "$scenarios" --seconds "$seconds" >> "$out/throughput.jsonl"
echo "Node peers (100000 scenarios)..." >&2
node peers.mjs throughput 100000 "$seconds" >> "$out/throughput.jsonl"

# LibreOffice Calc: time converting a sheet with IRR formulas minus the same sheet without them,
# so start-up, loading and writing cancel out and the difference is the IRR recalculation.
echo "LibreOffice Calc ($rows rows)..." >&2
lo() { soffice -env:UserInstallation=file://$out/lo-profile --headless --convert-to csv --outdir "$out" "$1" >/dev/null 2>&1; }
node make-sheet.mjs workload "$rows" 1 "$out/irr.fods"
node make-sheet.mjs workload "$rows" 0 "$out/values.fods"
lo "$out/values.fods"  # warm the profile
best_with=999999; best_without=999999
for _ in 1 2 3; do
  t0=$(date +%s.%N); lo "$out/values.fods"; t1=$(date +%s.%N); lo "$out/irr.fods"; t2=$(date +%s.%N)
  best_without=$(awk -v a="$t1" -v b="$t0" -v m="$best_without" 'BEGIN { d = a - b; print (d < m ? d : m) }')
  best_with=$(awk -v a="$t2" -v b="$t1" -v m="$best_with" 'BEGIN { d = a - b; print (d < m ? d : m) }')
done
node -e '
  const fs = require("fs");
  const [rows, withIrr, without, csv] = process.argv.slice(1);
  const cells = fs.readFileSync(csv, "utf8").split("\n").filter(Boolean).map((l) => l.split(",")[0]);
  const ok = cells.filter((c) => c.endsWith("%")).map((c) => parseFloat(c) / 100);
  const recalc = Math.max(Number(withIrr) - Number(without), 1e-9);
  console.log(JSON.stringify({ peer: "libreoffice-calc", how: "IRR() recalculation, load time subtracted, 1 core", cores: 1, solves: Number(rows),
    bestSeconds: recalc, solvesPerSecond: rows / recalc, solvesPerSecondPerCore: rows / recalc,
    meanMonthlyIrr: ok.reduce((a, b) => a + b, 0) / Math.max(ok.length, 1), failed: cells.length - ok.length }));
' "$rows" "$best_with" "$best_without" "$out/irr.csv" >> "$out/throughput.jsonl"
fails=$(node -e 'const l=require("fs").readFileSync(process.argv[1],"utf8").trim().split("\n").pop(); console.log(JSON.parse(l).failed)' "$out/throughput.jsonl")
echo "LibreOffice: $fails of $rows workload rows returned an error with the default 10% guess (mean IRR is over the rows that solved)" >&2

# Hard shapes.
: > "$out/corpus.jsonl"
dotnet "$peers_dll" corpus --json-out "$out/corpus.json" >> "$out/corpus.jsonl"
node peers.mjs corpus "$out/corpus.json" >> "$out/corpus.jsonl"
node make-sheet.mjs corpus "$out/corpus.json" "$out/corpus.fods"
lo "$out/corpus.fods"
node -e '
  const fs = require("fs");
  const cases = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
  const cells = fs.readFileSync(process.argv[2], "utf8").split("\n").filter(Boolean).map((l) => l.split(",")[0]);
  cases.forEach((c, i) => {
    const v = cells[i] ?? "";
    const r = v.endsWith("%") ? parseFloat(v) / 100 : null;
    console.log(JSON.stringify({ case: c.name, peer: "libreoffice-calc", result: r, error: r === null ? v : null }));
  });
' "$out/corpus.json" "$out/corpus.csv" >> "$out/corpus.jsonl"

node summarize.mjs "$out/throughput.jsonl" "$out/corpus.jsonl"
bash "$here/run-xirr.sh"
