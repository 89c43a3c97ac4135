// Prints the XIRR side-by-side tables from the JSON lines that run-xirr.sh collected: speed against the fastest peer,
// and each peer's answer on every dated corpus set against the set's 50-digit reference roots.
import { readFileSync } from 'node:fs';
const [throughputFile, corpusFile, casesFile] = process.argv.slice(2);
const lines = (f) => readFileSync(f, 'utf8').split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
const fmt = (v) => (v >= 1e6 ? (v / 1e6).toFixed(2) + ' M' : v >= 1e3 ? (v / 1e3).toFixed(1) + ' k' : v.toFixed(1));
const pad = (s, n) => String(s).padEnd(n);

const t = lines(throughputFile);
const peers = t.filter((r) => !r.peer.startsWith('gpunomics'));
const fastest = peers.reduce((a, b) => (b.solvesPerSecondPerCore > a.solvesPerSecondPerCore ? b : a), peers[0]);
console.log('\nXIRR workload: -60,000 on 2026-01-15, 60 rents of 1,200..2,000 on the 15th of each month; solves per second, 1 core');
for (const r of t) {
  const mean = r.meanAnnualXirr ?? r.meanMonthlyIrr;
  console.log(pad(r.peer, 22) + pad(fmt(r.solvesPerSecond), 12) + pad('mean ' + (mean * 100).toFixed(6) + '%', 22) + (r.solvesPerSecondPerCore / fastest.solvesPerSecondPerCore).toFixed(3) + 'x ' + fastest.peer);
}

// A peer agrees with the reference when its rate is one of the reference roots to 1e-6 in ln(1 + r); a rate where
// the reference has none, or a borrowing root given as a return, or a second root left out, is called what it is.
const cases = JSON.parse(readFileSync(casesFile, 'utf8'));
const c = lines(corpusFile);
const names = [...new Set(c.map((r) => r.peer))];
const near = (a, b) => Math.abs(Math.log1p(a) - Math.log1p(b)) <= 1e-6 * Math.max(1, Math.abs(Math.log1p(b)));
console.log('\nDated corpus sets: each peer against the 50-digit reference roots (ok: the return; borrowing: a rising root given as a return; one of N: a return given where N roots exist; wrong: no reference root; fails: error or no number)');
console.log(pad('case', 58) + names.map((n) => pad(n, 28)).join(''));
const tally = Object.fromEntries(names.map((n) => [n, {}]));
for (const k of cases) {
  const cells = names.map((n) => {
    const r = c.find((x) => x.case === k.name && x.peer === n);
    let verdict;
    const got = r?.result;
    const falling = k.roots.filter((_, i) => k.slopes[i] !== 'rising');
    if (got == null) verdict = k.roots.length === 1 && k.slopes[0] !== 'rising' ? 'fails' : (n === 'gpunomics' ? 'none, with note' : 'no number');
    else if (!k.roots.some((x) => near(got, x))) verdict = 'wrong';
    else if (k.roots.length === 1 && k.slopes[0] === 'rising') verdict = 'borrowing';
    else if (k.roots.length > 1 && falling.length === 1 && near(got, falling[0])) verdict = n === 'gpunomics' ? 'ok (roots listed)' : 'one of ' + k.roots.length;
    else if (k.roots.length > 1) verdict = 'one of ' + k.roots.length;
    else verdict = 'ok';
    tally[n][verdict] = (tally[n][verdict] ?? 0) + 1;
    return pad(verdict + (got == null ? '' : ' ' + (got * 100).toPrecision(8) + '%'), 28);
  });
  console.log(pad(k.name.slice(0, 56), 58) + cells.join(''));
}
for (const n of names) console.log(`${pad(n, 18)} ${Object.entries(tally[n]).map(([v, k]) => `${v}: ${k}`).join(', ')}`);
