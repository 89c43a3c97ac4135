// Node peers of the IRR benchmark: node-irr and @formulajs/formulajs (Excel-compatible IRR, default guess 10%).
//   node peers.mjs throughput N SECONDS   -> one JSON line per peer
//   node peers.mjs corpus FILE            -> one JSON line per case and peer
//   node peers.mjs xirr-throughput N SECONDS, xirr-corpus FILE: the same for XIRR (dated flows)
import { irr as nodeIrr, xirr as nodeXirr, convertRate, RateInterval } from 'node-irr';
import * as formulajs from '@formulajs/formulajs';

const CAPEX = 60000, MONTHS = 60;
// Same workload as bench/Gpunomics.IrrPeers/Workload.cs.
const rent = (i) => 1200 + 800 * ((i * 7919) % 1000) / 1000;
const flows = (i) => { const f = new Array(MONTHS + 1).fill(rent(i)); f[0] = -CAPEX; return f; };

const peers = {
  'node-irr': (f) => nodeIrr(f),
  'formulajs': (f) => formulajs.IRR(f),
};

// XIRR peers: amounts and dates (UTC midnight) in; the annual rate out.
const xirrPeers = {
  'node-irr': (amounts, dates) => convertRate(nodeXirr(amounts.map((amount, i) => ({ amount, date: dates[i] }))).rate, RateInterval.Year),
  'formulajs': (amounts, dates) => formulajs.XIRR(amounts, dates),
};
// Same dated workload as bench/Gpunomics.IrrPeers/DatedWorkload.cs: -capex on 2026-01-15, rents on the 15th of the next 60 months.
const datedFlows = (i) => ({ amounts: flows(i), dates: Array.from({ length: MONTHS + 1 }, (_, t) => new Date(Date.UTC(2026, t, 15))) });

const emit = (o) => console.log(JSON.stringify(o));
const num = (v) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

const [mode, a1, a2] = process.argv.slice(2);
if (mode === 'throughput') {
  const n = Number(a1 ?? 100000), seconds = Number(a2 ?? 3);
  const data = Array.from({ length: n }, (_, i) => flows(i));
  for (const [peer, solve] of Object.entries(peers)) {
    const out = new Float64Array(n);
    const run = () => { for (let i = 0; i < n; i++) out[i] = solve(data[i]); };
    run(); // warm-up
    let best = Infinity, rounds = 0;
    const start = process.hrtime.bigint();
    while (Number(process.hrtime.bigint() - start) / 1e9 < seconds || rounds < 3) {
      const t = process.hrtime.bigint();
      run();
      best = Math.min(best, Number(process.hrtime.bigint() - t) / 1e9);
      rounds++;
    }
    let mean = 0; for (const r of out) mean += r;
    emit({ peer, how: 'Node ' + process.version + ', 1 core', cores: 1, solves: n, rounds, bestSeconds: best, solvesPerSecond: n / best, solvesPerSecondPerCore: n / best, meanMonthlyIrr: mean / n });
  }
} else if (mode === 'corpus') {
  const { readFileSync } = await import('node:fs');
  const cases = JSON.parse(readFileSync(a1, 'utf8'));
  for (const c of cases) {
    for (const [peer, solve] of Object.entries(peers)) {
      let result = null, error = null;
      try { const r = solve(c.flows); result = num(r); if (result === null) error = String(r); } catch (e) { error = e.message; }
      emit({ case: c.name, peer, result, error });
    }
  }
} else if (mode === 'xirr-throughput') {
  const n = Number(a1 ?? 20000), seconds = Number(a2 ?? 3);
  const data = Array.from({ length: n }, (_, i) => datedFlows(i));
  for (const [peer, solve] of Object.entries(xirrPeers)) {
    const out = new Float64Array(n);
    const run = () => { for (let i = 0; i < n; i++) out[i] = solve(data[i].amounts, data[i].dates); };
    run();
    let best = Infinity, rounds = 0;
    const start = process.hrtime.bigint();
    while (Number(process.hrtime.bigint() - start) / 1e9 < seconds || rounds < 3) {
      const t = process.hrtime.bigint();
      run();
      best = Math.min(best, Number(process.hrtime.bigint() - t) / 1e9);
      rounds++;
    }
    let mean = 0; for (const r of out) mean += r;
    emit({ peer: peer + '-xirr', how: peer + ' XIRR, Node ' + process.version + ', 1 core', cores: 1, solves: n, rounds, bestSeconds: best, solvesPerSecond: n / best, solvesPerSecondPerCore: n / best, meanAnnualXirr: mean / n });
  }
} else if (mode === 'xirr-corpus') {
  const { readFileSync } = await import('node:fs');
  const cases = JSON.parse(readFileSync(a1, 'utf8'));
  for (const c of cases) {
    const dates = c.dates.map((d) => new Date(d + 'T00:00:00Z'));
    for (const [peer, solve] of Object.entries(xirrPeers)) {
      let result = null, error = null;
      try { const r = solve(c.amounts, dates); result = num(r); if (result === null) error = String(r); } catch (e) { error = e.message; }
      emit({ case: c.name, peer, result, error });
    }
  }
} else {
  console.error('usage: node peers.mjs throughput N SECONDS | corpus FILE | xirr-throughput N SECONDS | xirr-corpus FILE');
  process.exit(2);
}
