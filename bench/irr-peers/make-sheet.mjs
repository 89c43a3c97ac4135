// Writes flat ODF spreadsheets (.fods) for LibreOffice Calc.
//   node make-sheet.mjs workload N withIrr(0|1) FILE   one row per scenario: IRR in column A (if withIrr), flows in B..BJ
//   node make-sheet.mjs corpus CORPUS.json FILE          one row per hard case: IRR with the default guess in A, flows from B
//   node make-sheet.mjs xirr-corpus XCORPUS.json FILE    two rows per dated case: XIRR in A of the first, amounts from B, dates below them
import { writeFileSync, readFileSync } from 'node:fs';

const CAPEX = 60000, MONTHS = 60;
const rent = (i) => 1200 + 800 * ((i * 7919) % 1000) / 1000;

const col = (k) => { let s = ''; k += 1; while (k > 0) { const m = (k - 1) % 26; s = String.fromCharCode(65 + m) + s; k = Math.floor((k - 1) / 26); } return s; };
const cell = (v) => `<table:table-cell office:value-type="float" office:value="${v}"/>`;
const head = `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:body><office:spreadsheet><table:table table:name="irr">
`;
const tail = `</table:table></office:spreadsheet></office:body></office:document>
`;
const row = (r, values, withIrr) => {
  const first = withIrr ? `<table:table-cell table:formula="of:=IRR([.B${r}:.${col(values.length)}${r}])"/>` : cell(0);
  return `<table:table-row>${first}${values.map(cell).join('')}</table:table-row>\n`;
};

const [mode, a1, a2, a3] = process.argv.slice(2);
const parts = [head];
if (mode === 'workload') {
  const n = Number(a1), withIrr = a2 === '1';
  for (let i = 0; i < n; i++) {
    const f = new Array(MONTHS + 1).fill(rent(i)); f[0] = -CAPEX;
    parts.push(row(i + 1, f, withIrr));
  }
  parts.push(tail);
  writeFileSync(a3, parts.join(''));
} else if (mode === 'corpus') {
  const cases = JSON.parse(readFileSync(a1, 'utf8'));
  cases.forEach((c, i) => parts.push(row(i + 1, c.flows, true)));
  parts.push(tail);
  writeFileSync(a2, parts.join(''));
} else if (mode === 'xirr-corpus') {
  const cases = JSON.parse(readFileSync(a1, 'utf8'));
  const dateCell = (d) => `<table:table-cell office:value-type="date" office:date-value="${d}"/>`;
  cases.forEach((c, i) => {
    const r = 2 * i + 1, last = col(c.amounts.length);
    parts.push(`<table:table-row><table:table-cell table:formula="of:=XIRR([.B${r}:.${last}${r}];[.B${r + 1}:.${last}${r + 1}])"/>${c.amounts.map(cell).join('')}</table:table-row>\n`);
    parts.push(`<table:table-row>${cell(0)}${c.dates.map(dateCell).join('')}</table:table-row>\n`);
  });
  parts.push(tail);
  writeFileSync(a2, parts.join(''));
} else {
  console.error('usage: node make-sheet.mjs workload N 0|1 FILE | corpus CORPUS.json FILE | xirr-corpus XCORPUS.json FILE');
  process.exit(2);
}
