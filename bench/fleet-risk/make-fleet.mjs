// Writes a synthetic fleet of 10,000 contracts for the fleet risk benchmark (not shipped data: renters, prices and dates
// are drawn from a fixed-seed generator). 16 vintages, one a quarter from 2023-01 to 2026-10, cycling five systems, each
// of 8,000 GPUs over 6 years; 625 contracts of 8 GPUs a vintage, starting within its life, 12 to 48 months, $1.50 to
// $6.00 per GPU-hour, 60% investment-grade; half of each vintage's capex borrowed over 36 months with DSCR and LTV covenants.
//   node bench/fleet-risk/make-fleet.mjs OUT.json [contracts]
import { writeFileSync } from "node:fs";

const out = process.argv[2];
const total = Number(process.argv[3] ?? 10000);
if (!out || !(total >= 1 && total <= 10000)) {
  console.error("usage: node bench/fleet-risk/make-fleet.mjs OUT.json [contracts, 1 to 10000]");
  process.exit(2);
}
let state = 0x2545f491n;
const next = () => { state = (state * 6364136223846793005n + 1442695040888963407n) & 0xffffffffffffffffn; return Number(state >> 11n) / 2 ** 53; };
const systems = ["h100", "h200", "b200", "gb200-nvl72", "gb300-nvl72"];
const month = (y, m) => `${y + Math.floor((m - 1) / 12)}-${String(((m - 1) % 12) + 1).padStart(2, "0")}`;
const deployments = [];
for (let q = 0; q < 16; q++) {
  deployments.push({ id: `v${String(q + 1).padStart(2, "0")}`, system: systems[q % systems.length], count: 8000, date: month(2023, 1 + 3 * q), lifeYears: 6 });
}
const contracts = [];
for (let i = 0; i < total; i++) {
  const q = i % deployments.length;
  const term = [12, 24, 36, 48][Math.floor(next() * 4)];
  const offset = Math.floor(next() * (72 - term + 1));
  contracts.push({
    id: `c${String(i + 1).padStart(5, "0")}`,
    renter: `renter ${1 + Math.floor(next() * 2000)}`,
    credit: next() < 0.6 ? "investment-grade" : "non-investment-grade",
    deployment: deployments[q].id,
    gpus: 8,
    start: month(2023, 1 + 3 * q + offset),
    termMonths: term,
    pricePerGpuHour: Math.round((1.5 + 4.5 * next()) * 100) / 100,
    prepayShare: next() < 0.5 ? 0 : 0.1,
  });
}
const fleet = {
  name: `synthetic fleet of ${total} contracts`,
  description: "A generated fleet for the fleet risk benchmark; not observed deals.",
  deployments,
  contracts,
  spot: {
    pricing: "on-demand",
    utilization: 0.7,
    anchors: {
      "h200": { date: "2024-06", pricePerGpuHour: 3.2 },
      "b200": { date: "2025-03", pricePerGpuHour: 5.0 },
      "gb200-nvl72": { date: "2025-06", pricePerGpuHour: 5.5 },
      "gb300-nvl72": { date: "2026-03", pricePerGpuHour: 4.54 },
    },
  },
  defaults: { mode: "expected" },
  debt: { share: 0.5, rate: 0.11, termMonths: 36, repayment: "level", covenantMinDscr: 1.2, covenantMaxLtv: 1.25 },
};
writeFileSync(out, JSON.stringify(fleet, null, 1) + "\n");
