#!/usr/bin/env bash
# Side-by-side XIRR (dated flows): the dated workload (-60,000 on 2026-01-15, then 60 rents on the 15th of each month,
# rents varied across scenarios) through Gpunomics, node-irr and @formulajs/formulajs; then every dated set of the
# cash-flow corpus (tests/Gpunomics.Engine.Tests/Data/cashflows-corpus.json, 50-digit references) through every peer,
# LibreOffice Calc's XIRR() included. Called by run.sh; runs alone too:
#   bash bench/irr-peers/run-xirr.sh [SCENARIOS] [SECONDS]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
scenarios="${1:-20000}"
seconds="${2:-3}"
out="$here/out"
mkdir -p "$out"
cd "$here"
[ -d node_modules/node-irr ] && [ -d node_modules/@formulajs/formulajs ] || npm ci --no-audit --no-fund >/dev/null
dotnet build "$root/bench/Gpunomics.IrrPeers" -c Release -v q -nologo >/dev/null
peers_dll="$root/bench/Gpunomics.IrrPeers/bin/Release/net10.0/Gpunomics.IrrPeers.dll"
corpus="$root/tests/Gpunomics.Engine.Tests/Data/cashflows-corpus.json"

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load average $(cut -d' ' -f1-3 /proc/loadavg)"
: > "$out/xirr-throughput.jsonl"
echo "XIRR: Gpunomics ($scenarios scenarios, best of >= ${seconds}s)..." >&2
dotnet "$peers_dll" xirr-throughput --scenarios "$scenarios" --seconds "$seconds" >> "$out/xirr-throughput.jsonl"
echo "XIRR: Node peers ($scenarios scenarios)..." >&2
node peers.mjs xirr-throughput "$scenarios" "$seconds" >> "$out/xirr-throughput.jsonl"

: > "$out/xirr-corpus.jsonl"
dotnet "$peers_dll" xirr-corpus --corpus "$corpus" --json-out "$out/xirr-corpus.json" >> "$out/xirr-corpus.jsonl"
node peers.mjs xirr-corpus "$out/xirr-corpus.json" >> "$out/xirr-corpus.jsonl"
node make-sheet.mjs xirr-corpus "$out/xirr-corpus.json" "$out/xirr-corpus.fods"
soffice -env:UserInstallation=file://$out/lo-profile --headless --convert-to csv --outdir "$out" "$out/xirr-corpus.fods" >/dev/null 2>&1
node -e '
  const fs = require("fs");
  const cases = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
  const cells = fs.readFileSync(process.argv[2], "utf8").split("\n").map((l) => l.split(",")[0]);
  cases.forEach((c, i) => {
    const v = cells[2 * i] ?? "";
    const n = Number(v.replace("%", ""));
    const r = v !== "" && Number.isFinite(n) ? (v.endsWith("%") ? n / 100 : n) : null;
    console.log(JSON.stringify({ case: c.name, peer: "libreoffice-calc", result: r, error: r === null ? v : null }));
  });
' "$out/xirr-corpus.json" "$out/xirr-corpus.csv" >> "$out/xirr-corpus.jsonl"

node summarize-xirr.mjs "$out/xirr-throughput.jsonl" "$out/xirr-corpus.jsonl" "$out/xirr-corpus.json"
