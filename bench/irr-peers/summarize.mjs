// Prints the side-by-side tables from the JSON lines that run.sh collected.
import { readFileSync } from 'node:fs';
const [throughputFile, corpusFile] = process.argv.slice(2);
const lines = (f) => readFileSync(f, 'utf8').split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
const fmt = (v) => (v >= 1e6 ? (v / 1e6).toFixed(2) + ' M' : v >= 1e3 ? (v / 1e3).toFixed(1) + ' k' : v.toFixed(1));
const pad = (s, n) => String(s).padEnd(n);

const t = lines(throughputFile);
const peers = t.filter((r) => !r.peer.startsWith('gpunomics'));
const fastest = peers.reduce((a, b) => (b.solvesPerSecondPerCore > a.solvesPerSecondPerCore ? b : a), peers[0]);
console.log('\nIRR workload: 61 monthly flows (-60,000 then 60 rents of 1,200..2,000), solves per second');
console.log(pad('peer', 30) + pad('how', 72) + pad('solves/s', 12) + pad('per core', 12) + pad('mean IRR/mo', 13) + 'x fastest peer (per core)');
for (const r of t) {
  const ratio = fastest ? (r.solvesPerSecondPerCore / fastest.solvesPerSecondPerCore).toFixed(1) + 'x' : '-';
  const mean = r.meanMonthlyIrr == null ? '-' : (r.meanMonthlyIrr * 100).toFixed(5) + '%';
  console.log(pad(r.peer, 30) + pad(r.how, 72) + pad(fmt(r.solvesPerSecond), 12) + pad(fmt(r.solvesPerSecondPerCore), 12) + pad(mean, 13) + ratio);
}
if (fastest) {
  const batch1 = t.find((r) => r.peer === 'gpunomics-batch-level' && r.cores === 1);
  const batchAll = t.find((r) => r.peer === 'gpunomics-batch-level' && r.cores > 1);
  console.log(`\nfastest peer: ${fastest.peer} at ${fmt(fastest.solvesPerSecondPerCore)} solves/s per core`);
  if (batch1) console.log(`Gpunomics batch, 1 core: ${fmt(batch1.solvesPerSecond)} solves/s = ${(batch1.solvesPerSecond / fastest.solvesPerSecondPerCore).toFixed(0)}x the fastest peer per core (target: >= 20 M/s per core, >= 30x)`);
  for (const g of t.filter((r) => r.peer === 'gpunomics-batch-general')) {
    const vsLevel = batch1 ? `, ${(g.solvesPerSecondPerCore / batch1.solvesPerSecondPerCore).toFixed(2)}x the level path` : '';
    console.log(`Gpunomics explicit flows (${g.solves.toLocaleString('en-US')} scenarios), 1 core: ${fmt(g.solvesPerSecondPerCore)} solves/s = ${(g.solvesPerSecondPerCore / fastest.solvesPerSecondPerCore).toFixed(1)}x the fastest peer per core${vsLevel}`);
  }
  if (batchAll) console.log(`Gpunomics batch, ${batchAll.cores} cores: ${fmt(batchAll.solvesPerSecond)} solves/s = ${(batchAll.solvesPerSecond / fastest.solvesPerSecond).toFixed(0)}x the fastest peer (1 core, as the peers run)`);
}

if (corpusFile) {
  const c = lines(corpusFile);
  const cases = [...new Set(c.map((r) => r.case))];
  const names = [...new Set(c.map((r) => r.peer))];
  console.log('\nHard cash-flow shapes: IRR per period (monthly) each peer returns; "fails" = error or no number');
  console.log(pad('case', 24) + names.map((n) => pad(n, 22)).join(''));
  for (const k of cases) {
    const cells = names.map((n) => {
      const r = c.find((x) => x.case === k && x.peer === n);
      if (!r) return pad('-', 22);
      if (r.result == null) return pad(r.status && r.status !== 'Converged' ? r.status : 'fails' + (r.error ? ` (${String(r.error).slice(0, 12)})` : ''), 22);
      return pad((r.result * 100).toFixed(6) + '%', 22);
    });
    console.log(pad(k, 24) + cells.join(''));
  }
  const roots = c.filter((r) => r.peer === 'gpunomics-scalar' && r.roots && r.roots.length > 1);
  for (const r of roots) console.log(`  ${r.case}: Gpunomics reports no single IRR; roots ${r.roots.map((x) => (x * 100).toFixed(4) + '%').join(', ')}`);
}
