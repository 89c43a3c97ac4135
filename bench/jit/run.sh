#!/usr/bin/env bash
# Two builds of the command line side by side, alternated round by round so both see the same load: Monte Carlo
# 10,000,000 scenarios on both cores and on one core (the docs' workload), then the short commands `report` and `tco`.
# Prints, per command and build, the median wall time and CPU time (user + system) over the rounds, and B against A.
#   bash bench/jit/run.sh DIR_A DIR_B [ROUNDS]
# DIR_A, DIR_B: folders holding gpunomics.dll (a build output, or a ReadyToRun publish as scripts/install.sh makes it).
set -euo pipefail
a="$1"; b="$2"; rounds="${3:-5}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
mc=(montecarlo gb300-nvl72 --scenarios 10000000 --seed 1 --price 3.5 --distribution "price=uniform(2.5,4)"
    "systemPriceMultiplier=triangular(0.9,1,1.4)" "opexMultiplier=normal(1,0.1)" "termMonths=uniform(36,72)"
    "prepay=uniform(0,0.3)" "hurdle=normal(0.156,0.02)")
run() { # name build command...
  local name="$1" build="$2"; shift 2
  /usr/bin/time -f "%e %U %S" -o "$out/t" "$@" >/dev/null
  read -r wall user sys < "$out/t"
  echo "$name $build $wall $(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')" >> "$out/times"
}
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq "$rounds"); do
  # Alternate which build goes first.
  if (( r % 2 )); then order="A B"; else order="B A"; fi
  for x in $order; do
    dir="$a"; [ "$x" = B ] && dir="$b"
    run montecarlo-2-cores "$x" dotnet "$dir/gpunomics.dll" "${mc[@]}"
    run montecarlo-1-core "$x" taskset -c 0 dotnet "$dir/gpunomics.dll" "${mc[@]}"
    run report "$x" dotnet "$dir/gpunomics.dll" report --out "$out/report-$x"
    run tco "$x" dotnet "$dir/gpunomics.dll" tco gb300-nvl72
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg); $rounds rounds; A = $a; B = $b"
node -e '
  const rows = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n").map((l) => l.split(" "));
  const median = (v) => { const s = [...v].sort((x, y) => x - y); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
  const pick = (n, x, k) => rows.filter((r) => r[0] === n && r[1] === x).map((r) => Number(r[k]));
  console.log("command".padEnd(20) + "A wall".padEnd(10) + "B wall".padEnd(10) + "B/A".padEnd(8) + "A CPU".padEnd(10) + "B CPU".padEnd(10) + "B/A");
  for (const n of [...new Set(rows.map((r) => r[0]))]) {
    const [aw, bw, ac, bc] = [pick(n, "A", 2), pick(n, "B", 2), pick(n, "A", 3), pick(n, "B", 3)].map(median);
    console.log(n.padEnd(20) + (aw.toFixed(2) + " s").padEnd(10) + (bw.toFixed(2) + " s").padEnd(10) + (bw / aw).toFixed(2).padEnd(8)
      + (ac.toFixed(2) + " s").padEnd(10) + (bc.toFixed(2) + " s").padEnd(10) + (bc / ac).toFixed(2));
  }
' "$out/times"
