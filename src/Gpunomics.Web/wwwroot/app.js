// Gpunomics dashboard: every number comes from the JSON API; user text is only ever set as textContent.
'use strict';

const $ = (id) => document.getElementById(id);
const money = (v, d = 2) => v == null ? '-' : (v < 0 ? '-$' : '$') + Math.abs(v).toFixed(d);
const pct = (v) => v == null ? 'none' : (v * 100).toFixed(1) + '%';
const sliders = {
  price: (v) => money(v), multiplier: (v) => 'x' + v.toFixed(2), hurdle: (v) => pct(v),
  term: (v) => v.toFixed(0), prepay: (v) => pct(v), debt: (v) => pct(v), 'debt-rate': (v) => pct(v), tax: (v) => pct(v),
  reference: (v) => money(v), 'below-trend': (v) => pct(v),
};

let current = null;      // last chart response
let loadedScenario = null; // id of the saved scenario last loaded, kept in the link
let comparePair = null;    // [idA, idB] of the scenarios compared, kept in the link
const urlControls = [...Object.keys(sliders), 'ceiling-from', 'precision'];
// The fleet view: which view is shown, the named renter default (CONTRACT@YYYY-MM) and the periods, kept in the link;
// the pasted or uploaded fleet file (null: the shipped example), which the link does not keep.
const fleet = { view: 'economics', default: '', granularity: 'yearly', text: null, source: null, pending: null, shown: null };

// The view lives in the link: system, every slider and choice, the loaded scenario and the compared pair.
function writeUrl() {
  const q = new URLSearchParams({ system: $('system').value });
  for (const id of urlControls) q.set(id, $(id).value);
  if (loadedScenario != null) q.set('scenario', loadedScenario);
  if (comparePair) q.set('compare', comparePair.join(','));
  if (fleet.view === 'fleet') q.set('view', 'fleet');
  if (fleet.default) q.set('fleetDefault', fleet.default);
  if (fleet.granularity !== 'yearly') q.set('granularity', fleet.granularity);
  history.replaceState(null, '', location.pathname + '?' + q);
}

function ceilingFromChanged() {
  const trend = $('ceiling-from').value === 'trend';
  $('reference').disabled = trend;
  $('below-trend').disabled = !trend;
}
let pending = null;      // AbortController of the request in flight
// A loaded scenario's loan when it has a shape the debt sliders cannot show (sized by DSCR or LTV, sculpted, balloon,
// interest-only, drawn over months, priced by credit): it is kept as saved, and the sliders are off while it is.
let savedLoan = null;
let timer = 0;

function params() {
  const p = new URLSearchParams({
    price: $('price').value, systemPriceMultiplier: $('multiplier').value, hurdle: $('hurdle').value,
    termMonths: $('term').value, prepay: $('prepay').value, debtShare: $('debt').value, debtRate: $('debt-rate').value,
    taxRate: $('tax').value, referencePricePerPflopHour: $('reference').value,
    precision: $('precision').value,
  });
  // The saved loan reaches the model through the saved scenario; the sliders' other inputs apply over it.
  if (savedLoan && loadedScenario != null) { p.delete('debtShare'); p.delete('debtRate'); p.set('scenario', loadedScenario); }
  if ($('ceiling-from').value === 'trend') {
    p.set('ceilingFrom', 'trend');
    p.set('belowTrend', $('below-trend').value);
    p.delete('referencePricePerPflopHour');
  }
  return p;
}

async function getJson(url, options) {
  const r = await fetch(url, options);
  const body = r.status === 204 ? null : await r.json().catch(() => null);
  if (!r.ok) {
    const detail = body && (body.errors ? Object.values(body.errors).flat().join('; ') : body.detail || body.title);
    throw new Error(detail || ('HTTP ' + r.status));
  }
  return body;
}

function rows(tbody, data) {
  tbody.replaceChildren(...data.map((cells) => {
    const tr = document.createElement('tr');
    cells.forEach((c, i) => {
      const td = document.createElement('td');
      td.textContent = c;
      if (i > 0) td.className = 'num';
      tr.appendChild(td);
    });
    return tr;
  }));
}

function showSliders() {
  for (const [id, fmt] of Object.entries(sliders)) $(id + '-value').textContent = fmt(parseFloat($(id).value));
}

function schedule() {
  showSliders();
  clearTimeout(timer);
  timer = setTimeout(update, 30);
}

async function update() {
  const system = $('system').value;
  if (!system) return;
  writeUrl();
  const shownFor = location.search;
  if (pending) pending.abort();
  pending = new AbortController();
  const started = performance.now();
  try {
    const p = params();
    p.set('svg', 'true');
    const data = await getJson(`api/chart/${encodeURIComponent(system)}?${p}`, { signal: pending.signal });
    $('round-trip').textContent = (performance.now() - started).toFixed(0) + ' ms';
    current = data;
    const chart = $('chart');
    chart.innerHTML = data.svg; // SVG drawn by the server's chart code from numbers only
    chart.dataset.floor = data.chart.floorPrice.toFixed(4);
    const c = data.chart;
    $('floor-price').textContent = money(c.floorPrice);
    $('ceiling-price').textContent = money(c.ceiling);
    $('ceiling-source').textContent = c.ceilingFrom === 'trend' ? 'from the ' + c.ceilingSource : 'incumbent $/PFLOP-hour x PFLOPS';
    $('max-multiplier').textContent = c.maxSystemPriceMultiplier == null ? (c.maxSystemPriceNote || '-') : 'x' + c.maxSystemPriceMultiplier.toFixed(2);
    $('irr-at-price').textContent = pct(irrAt(curveFor(c, parseFloat($('multiplier').value)), parseFloat($('price').value)));
    // Where the curves have no return (e.g. a prepayment above the capex) the server says why; the curve has a gap there.
    $('chart-note').textContent = c.note || '';
    $('chart-note').hidden = !c.note;
    $('irr-basis').textContent = (parseFloat($('debt').value) > 0 ? 'equity' : 'project') + ' IRR, '
      + (parseFloat($('tax').value) > 0 ? 'after tax' : 'pre-tax') + ', at the chosen rental price';
    const v = c.valueSplit;
    const share = (x) => (x == null ? '-' : pct(x));
    rows($('split-table').tBodies[0], [
      ['renter (ceiling - price)', money(v.renter), share(v.renterShare)],
      ['neocloud (price - floor)', money(v.neocloud), share(v.neocloudShare)],
      ['system supplier (floor - floor at cost)', money(v.supplier), share(v.supplierShare)],
      ['pool (ceiling - floor at cost)', money(v.pool), v.status === 'split' ? '100%' : '-'],
    ].concat(v.note ? [[v.note, '', '']] : []));
    // The view the page shows now answers this URL (a link copied from here reproduces it).
    chart.dataset.shownFor = shownFor;
    updateSide(system, p);
  } catch (e) {
    if (e.name === 'AbortError') return;
    $('round-trip').textContent = 'error: ' + e.message;
    if (e.message.startsWith('no floor exists')) {
      // The chart is built on the floor: its place says why there is none.
      $('chart').textContent = e.message;
      delete $('chart').dataset.floor;
      $('floor-price').textContent = 'no floor exists';
      $('max-multiplier').textContent = '-';
      $('irr-at-price').textContent = '-';
      rows($('split-table').tBodies[0], [[e.message, '', '']]);
    }
  }
}

async function updateSide(system, p) {
  const m = p.get('systemPriceMultiplier');
  const [project, tco, chain] = await Promise.all([
    getJson(`api/project/${encodeURIComponent(system)}?${p}`),
    getJson(`api/tco/${encodeURIComponent(system)}?systemPriceMultiplier=${m}`),
    getJson(`api/value-chain/${encodeURIComponent(system)}?price=${p.get('price')}`).catch((e) => ({ error: e.message })),
  ]);
  const whole = (v) => (v < 0 ? '-$' : '$') + Math.abs(v).toLocaleString('en-US', { maximumFractionDigits: 0 });
  rows($('project-table').tBodies[0], [
    [project.irrBasis.startsWith('equity') ? 'equity IRR' : 'project IRR', project.irr == null ? 'none' : pct(project.irr)],
    ...(project.borrowingRate == null ? [] : [['borrowing rate: the cost of the money received, not a return', pct(project.borrowingRate)]]),
    ...(project.irr == null && project.irrNote ? [['why no IRR', project.irrNote]] : []),
    ['MIRR (at the hurdle)', project.mirr == null ? '-' : pct(project.mirr)],
    ['NPV at the hurdle, per GPU', whole(project.npv)],
    ['beats the hurdle (NPV at the hurdle >= 0)', project.beatsHurdle ? 'yes' : 'no'],
    ['payback month', project.paybackMonth == null ? 'never' : String(project.paybackMonth)],
    ...(project.paybackNote ? [['why never', project.paybackNote]] : []),
    ['money multiple', project.moic == null ? '-' : project.moic.toFixed(2) + 'x'],
    ['capex per GPU', whole(project.capexPerGpu)],
  ]);
  // The networking line's components sit under it; a tier given as a total alone says so in their place.
  rows($('capex-table').tBodies[0], tco.capexLines.flatMap((l) => [[l.label + (l.supplierPriced ? ' (supplier-priced)' : ''), whole(l.perGpu)]]
    .concat(l.name !== 'networking' ? []
      : tco.networkingComponents ? tco.networkingComponents.map((c) => ['\u00a0\u00a0' + c.label, whole(c.perGpu)])
        : [['\u00a0\u00a0components', tco.networkingComponentsNote]]))
    .concat([['total (' + tco.networkTier + ' networking)', whole(tco.capexPerGpu)]]));
  rows($('tco-table').tBodies[0], tco.lines.map((l) => [l.label, money(l.perGpuHour, 4)]).concat([['total', money(tco.tcoPerGpuHour, 4)]]));
  rows($('value-chain-table').tBodies[0], chain.error
    ? [[chain.error, '', '']]
    : chain.layers.map((l) => [l.name, money(l.perGpuHour, 2), money(l.perMillionTokens, 4)])
      .concat([['tokens/s per GPU ' + Math.round(chain.tokensPerSecondPerGpu).toLocaleString('en-US') + ', ' + chain.tokensPerSecondSource, '', '']])
      .concat([['served on ' + (chain.servingWorkload ? chain.servingWorkload.label : 'a workload not given') + '; priced as ' + chain.pricingWorkload.label
        + (chain.workloadsMatch ? ' (the same workload)' : ''), '', '']])
      .concat(chain.notes.map((n) => [n, '', ''])));
}

async function loadComparison() {
  const data = await getJson('api/systems/comparison?' + params());
  rows($('compare-table').tBodies[0], data.systems.map((s) => [
    s.system, money(s.tcoPerGpuHour), money(s.tcoPerPflopHour.bf16), money(s.tcoPerPflopHour.fp8), money(s.tcoPerPflopHour.fp4),
  ]));
}

function curveFor(c, m) {
  return c.curves.reduce((best, k) => Math.abs(k.multiplier - m) < Math.abs(best.multiplier - m) ? k : best, c.curves[0]);
}

function irrAt(curve, price) {
  const pts = curve.points;
  for (let i = 0; i + 1 < pts.length; i++) {
    const a = pts[i], b = pts[i + 1];
    if (price >= a.price && price <= b.price && a.irr != null && b.irr != null) {
      return a.irr + (b.irr - a.irr) * (price - a.price) / (b.price - a.price);
    }
  }
  return null;
}

function hover(ev) {
  if (!current) return;
  const box = $('chart').getBoundingClientRect();
  const L = current.layout;
  const scale = box.width / L.width;
  const x = (ev.clientX - box.left) / scale;
  const tip = $('hover');
  if (x < L.left || x > L.right) { tip.hidden = true; return; }
  const price = L.xMin + (x - L.left) / (L.right - L.left) * (L.xMax - L.xMin);
  const c = current.chart;
  const lines = [`$${price.toFixed(2)}/GPU-hour = $${(price / c.pflops).toFixed(3)}/PFLOP-hour`];
  for (const k of c.curves) lines.push(`x${k.multiplier.toFixed(2)}: IRR ${pct(irrAt(k, price))}`);
  tip.textContent = lines.join('\n');
  tip.hidden = false;
  const panel = $('chart-panel').getBoundingClientRect();
  tip.style.left = (ev.clientX - panel.left + 14) + 'px';
  tip.style.top = (ev.clientY - panel.top + 14) + 'px';
}

async function loadScenarios() {
  const data = await getJson('api/scenarios');
  for (const id of ['compare-a', 'compare-b']) {
    const select = $(id);
    const chosen = select.value;
    select.replaceChildren(...data.scenarios.map((s) => {
      const o = document.createElement('option');
      o.value = s.id; o.textContent = s.name;
      return o;
    }));
    if (chosen) select.value = chosen;
  }
  $('scenario-list').replaceChildren(...data.scenarios.map((s) => {
    const li = document.createElement('li');
    li.dataset.id = s.id;
    const name = document.createElement('span'); name.className = 'name'; name.textContent = s.name;
    const notes = document.createElement('span'); notes.className = 'notes'; notes.textContent = s.notes;
    li.append(name, notes,
      button('Load', () => loadScenario(s.id)),
      button('Rename', async () => { const n = prompt('New name', s.name); if (n) await act(`api/scenarios/${s.id}/rename`, 'POST', { name: n }); }),
      button('Duplicate', async () => { const n = prompt('Name of the copy', s.name + ' (copy)'); if (n) await act(`api/scenarios/${s.id}/duplicate`, 'POST', { name: n }); }),
      button('Delete', async () => { if (confirm('Delete ' + s.name + '?')) await act(`api/scenarios/${s.id}`, 'DELETE'); }),
      link('Export', `api/scenarios/${s.id}/export`, s.name + '.json'));
    return li;
  }));
}

function button(text, onClick) {
  const b = document.createElement('button');
  b.textContent = text;
  b.addEventListener('click', onClick);
  return b;
}

function link(text, href, file) {
  const a = document.createElement('a');
  a.textContent = text; a.href = href; a.download = file;
  return a;
}

async function act(url, method, body) {
  try {
    await getJson(url, { method, headers: body ? { 'Content-Type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined });
    $('scenario-message').textContent = '';
  } catch (e) {
    $('scenario-message').textContent = e.message;
  }
  await loadScenarios();
}

function scenarioBody() {
  return {
    hurdleRate: parseFloat($('hurdle').value),
    contract: { termMonths: parseInt($('term').value, 10), prepayShare: parseFloat($('prepay').value) },
    debt: savedLoan ?? { share: parseFloat($('debt').value), rate: parseFloat($('debt-rate').value) },
    tax: { rate: parseFloat($('tax').value) },
    ceiling: { referencePricePerPflopHour: parseFloat($('reference').value), precision: $('precision').value },
  };
}

async function loadScenario(id) {
  const s = await getJson(`api/scenarios/${id}`);
  const b = s.scenario;
  if (b.hurdleRate != null) $('hurdle').value = b.hurdleRate;
  if (b.contract?.termMonths != null) $('term').value = b.contract.termMonths;
  if (b.contract?.prepayShare != null) $('prepay').value = b.contract.prepayShare;
  const shaped = b.debt && Object.keys(b.debt).some((k) => !['share', 'rate', 'termMonths'].includes(k));
  savedLoan = shaped ? b.debt : null;
  $('debt').disabled = $('debt-rate').disabled = shaped;
  $('debt').value = b.debt?.share ?? 0;
  if (b.debt?.rate != null) $('debt-rate').value = b.debt.rate;
  $('tax').value = b.tax?.rate ?? 0;
  if (b.ceiling?.referencePricePerPflopHour != null) $('reference').value = b.ceiling.referencePricePerPflopHour;
  if (b.ceiling?.precision) $('precision').value = b.ceiling.precision;
  $('scenario-message').textContent = 'loaded ' + s.name + (shaped ? ': its loan is used as saved (the debt sliders cannot show its shape, so they are off)' : '');
  loadedScenario = id;
  schedule();
}

// Two saved scenarios on one One Chart (each one's curves from /api/chart/{system}?scenario=ID, A solid and B
// dashed, with a legend) and one table (POST /api/compare).
async function runCompare() {
  const system = $('system').value;
  const a = $('compare-a').value, b = $('compare-b').value;
  const message = $('compare-message');
  message.hidden = true;
  if (!a || !b) { message.textContent = 'save two scenarios to compare them'; message.hidden = false; return; }
  const names = [$('compare-a').selectedOptions[0].textContent, $('compare-b').selectedOptions[0].textContent];
  try {
    const [ca, cb, diff] = await Promise.all([
      getJson(`api/chart/${encodeURIComponent(system)}?scenario=${encodeURIComponent(a)}`),
      getJson(`api/chart/${encodeURIComponent(system)}?scenario=${encodeURIComponent(b)}`),
      getJson('api/compare', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ aId: +a, bId: +b, system }) }),
    ]);
    comparePair = [a, b];
    writeUrl();
    drawComparison([ca.chart ?? ca, cb.chart ?? cb], names); // without svg=true the chart contract is the whole answer
    const num = (v) => v == null ? null : (Math.abs(v) >= 100 ? v.toLocaleString('en-US', { maximumFractionDigits: 0 }) : String(+v.toPrecision(5)));
    const cell = (v, note) => v == null ? (note || 'none') : num(v);
    const sys = diff.systems[0];
    rows($('compare-scenarios-table').tBodies[0], [
      ...diff.inputs.map((i) => [i.key, i.a == null ? 'none' : String(i.a), i.b == null ? 'none' : String(i.b), '']),
      ...(sys ? sys.measures.map((m) => [m.measure + (m.unit ? ', ' + m.unit : ''), cell(m.a, m.aNote), cell(m.b, m.bNote), m.difference == null ? 'none' : num(m.difference)]) : []),
    ]);
  } catch (e) {
    $('compare-chart').replaceChildren();
    $('compare-scenarios-table').tBodies[0].replaceChildren();
    message.textContent = e.message;
    message.hidden = false;
  }
}

function drawComparison(charts, names) {
  const ns = 'http://www.w3.org/2000/svg';
  const W = 720, H = 380, L = 60, R = 200, T = 20, B = 40;
  const pts = charts.flatMap((c) => c.curves.flatMap((k) => k.points)).filter((p) => p.irr != null);
  const x0 = Math.min(...pts.map((p) => p.price)), x1 = Math.max(...pts.map((p) => p.price));
  const y0 = Math.max(-1, Math.min(...pts.map((p) => p.irr))), y1 = Math.min(2, Math.max(...pts.map((p) => p.irr)));
  const X = (v) => L + (v - x0) / (x1 - x0 || 1) * (W - L - R);
  const Y = (v) => T + (1 - (Math.min(y1, Math.max(y0, v)) - y0) / (y1 - y0 || 1)) * (H - T - B);
  const el = (name, attrs, text) => {
    const e = document.createElementNS(ns, name);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    if (text != null) e.textContent = text;
    return e;
  };
  const svg = el('svg', { viewBox: `0 0 ${W} ${H}`, width: '100%' });
  svg.append(el('title', {}, `project IRR against rental price: ${names[0]} (solid) and ${names[1]} (dashed)`));
  svg.append(el('line', { x1: L, y1: H - B, x2: W - R, y2: H - B, stroke: '#444' }), el('line', { x1: L, y1: T, x2: L, y2: H - B, stroke: '#444' }));
  svg.append(el('text', { x: (L + W - R) / 2, y: H - 8, 'text-anchor': 'middle', 'font-size': 12 }, 'rental price, $/GPU-hour'));
  for (const v of [x0, (x0 + x1) / 2, x1]) svg.append(el('text', { x: X(v), y: H - B + 14, 'text-anchor': 'middle', 'font-size': 11 }, '$' + v.toFixed(2)));
  for (const v of [y0, (y0 + y1) / 2, y1]) svg.append(el('text', { x: L - 4, y: Y(v) + 4, 'text-anchor': 'end', 'font-size': 11 }, pct(v)));
  const colours = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b'];
  let row = 0;
  charts.forEach((c, s) => {
    c.curves.forEach((k, i) => {
      let d = '', pen = 'M';
      for (const p of k.points) {
        if (p.irr == null) { pen = 'M'; continue; }
        d += `${pen}${X(p.price).toFixed(1)},${Y(p.irr).toFixed(1)} `;
        pen = 'L';
      }
      const colour = colours[i % colours.length];
      svg.append(el('path', { d, fill: 'none', stroke: colour, 'stroke-width': 2, 'stroke-dasharray': s === 0 ? 'none' : '6 4', 'data-scenario': s === 0 ? 'a' : 'b' }));
      const ly = T + 14 + 16 * row++;
      svg.append(el('line', { x1: W - R + 10, y1: ly - 4, x2: W - R + 40, y2: ly - 4, stroke: colour, 'stroke-width': 2, 'stroke-dasharray': s === 0 ? 'none' : '6 4' }));
      svg.append(el('text', { x: W - R + 46, y: ly, 'font-size': 11, class: 'legend' }, `${names[s]} x${k.multiplier.toFixed(2)}`));
    });
  });
  $('compare-chart').replaceChildren(svg);
}

// Restores the view a link gives (see writeUrl): a saved scenario first, then the controls the link sets.
async function readUrl() {
  const q = new URLSearchParams(location.search);
  const system = q.get('system');
  if (system && [...$('system').options].some((o) => o.value === system)) $('system').value = system;
  if (q.get('scenario')) {
    try { await loadScenario(q.get('scenario')); } catch (e) { $('scenario-message').textContent = 'scenario ' + q.get('scenario') + ' in the link: ' + e.message; }
  }
  for (const id of urlControls) {
    const v = q.get(id);
    if (v == null) continue;
    if ($(id).tagName === 'SELECT' && ![...$(id).options].some((o) => o.value === v)) continue;
    $(id).value = v;
  }
  ceilingFromChanged();
  const pair = (q.get('compare') || '').split(',').filter((x) => x);
  return pair.length === 2 ? pair : null;
}

// The token chart as inline SVG (drawn by the server's chart code), so that it scales to its box like the One Chart.
async function loadTokenChart() {
  const box = $('token-chart');
  try {
    const r = await fetch('api/inferencex/chart?kind=cost');
    if (!r.ok) throw new Error('HTTP ' + r.status);
    const doc = new DOMParser().parseFromString(await r.text(), 'image/svg+xml');
    const svg = doc.documentElement;
    if (svg.nodeName !== 'svg') throw new Error('not an SVG image');
    svg.querySelectorAll('script, foreignObject').forEach((e) => e.remove());
    if (!svg.hasAttribute('viewBox')) svg.setAttribute('viewBox', `0 0 ${svg.getAttribute('width')} ${svg.getAttribute('height')}`);
    box.replaceChildren(document.importNode(svg, true));
  } catch (e) {
    box.textContent = 'token chart unavailable: ' + e.message;
  }
}

// Any cash flows: the pasted text goes to the API as it is, which reads it as the command line reads a file.
const rate = (v) => v == null ? 'none' : (v * 100).toFixed(Math.abs(v) < 1 ? 4 : 2) + '%';

async function computeCashFlows() {
  const text = $('cashflows-text').value;
  const body = { text };
  const r = $('cashflows-rate').value.trim();
  if (r) body.rate = r;
  const periods = $('cashflows-periods').value.trim();
  if (periods && !/\d{4}-\d{2}-\d{2}/.test(text)) body.periodsPerYear = periods;
  const message = $('cashflows-message');
  const tbody = $('cashflows-table').querySelector('tbody');
  try {
    const c = await getJson('/api/cashflows', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    message.hidden = true;
    const dated = c.input.kind === 'dated';
    const irr = dated ? c.xirr : c.irr;
    const name = dated ? 'XIRR' : 'IRR';
    const out = [['flows', dated ? `${c.input.flows} dated, ${c.input.firstDate} to ${c.input.lastDate}` : `${c.input.flows} periodic, ${c.input.periodsPerYear} periods a year`]];
    if (!dated) out.push([name + ' per period', irr.ratePerPeriod == null ? 'none' : rate(irr.ratePerPeriod)]);
    out.push([name + ' (annual effective)', irr.rate == null ? 'none: ' + irr.note : rate(irr.rate)]);
    if (irr.rate != null && irr.note) out.push([name + ' chosen', irr.note]);
    if (irr.borrowingRate != null) out.push(['borrowing rate (annual)', rate(irr.borrowingRate) + ': the cost of the money received, not a return']);
    if (irr.roots.length > 1) out.push(['rates making NPV zero (annual)', irr.roots.map(rate).join(', ')]);
    const npv = dated ? c.xnpv : c.npv;
    if (npv) out.push([(dated ? 'XNPV' : 'NPV') + ' at ' + rate(npv.rate) + ' a year', npv.value == null ? 'none: ' + npv.note : npv.value.toFixed(2)]);
    if (c.mirr) out.push(['MIRR (annual effective)', c.mirr.rate == null ? 'none: ' + c.mirr.note : rate(c.mirr.rate)]);
    const p = c.payback;
    out.push(['payback', p.note ? 'never: ' + p.note : (dated ? p.date : 'period ' + p.period) + ` (${p.years.toFixed(2)} years)`]);
    for (const n of c.input.notes) out.push(['note', n]);
    rows(tbody, out);
  } catch (e) {
    tbody.replaceChildren();
    message.textContent = e.message;
    message.hidden = false;
  }
}

// Risk: the tornado and the Monte Carlo of the selected system, each input picked by name or scenario key.
function fillTornadoInputs(bars) {
  const select = $('tornado-inputs');
  if (select.options.length > 0 && select.dataset.system === $('system').value) return;
  select.dataset.system = $('system').value;
  select.replaceChildren(...bars.map((b) => {
    const o = document.createElement('option');
    o.value = b.key || b.input;
    o.textContent = b.key ? `${b.input} (${b.key})` : b.input;
    return o;
  }));
}

async function runTornado() {
  const message = $('tornado-message');
  const tbody = $('tornado-table').querySelector('tbody');
  message.hidden = true;
  const p = new URLSearchParams({ price: $('price').value, range: $('tornado-range').value });
  const chosen = [...$('tornado-inputs').selectedOptions].map((o) => o.value);
  if (chosen.length > 0) p.set('vary', chosen.join(';'));
  try {
    const t = await getJson(`api/sensitivity/${encodeURIComponent($('system').value)}?${p}`);
    if (chosen.length === 0) fillTornadoInputs(t.bars);
    const widest = Math.max(1e-12, ...t.bars.map((b) => b.low == null || b.high == null ? 0 : Math.abs(b.high - b.low)));
    tbody.replaceChildren(...t.bars.map((b) => {
      const tr = document.createElement('tr');
      tr.dataset.input = b.input;
      const swing = b.low == null || b.high == null ? null : Math.abs(b.high - b.low);
      const cells = [b.input, b.key || '-', String(+b.lowValue.toPrecision(6)), String(+b.highValue.toPrecision(6)),
        b.noEffect ? 'no effect' : pct(b.low), b.noEffect ? 'no effect' : pct(b.high)];
      cells.forEach((c, i) => { const td = document.createElement('td'); td.textContent = c; if (i > 1) td.className = 'num'; tr.appendChild(td); });
      const bar = document.createElement('td');
      const fill = document.createElement('span');
      fill.className = 'bar';
      fill.style.display = 'inline-block';
      fill.style.height = '0.8em';
      fill.style.background = '#4a7';
      fill.style.width = swing == null ? '0' : (100 * swing / widest).toFixed(1) + 'px';
      bar.appendChild(fill);
      bar.append(' ' + (swing == null ? 'none' : (swing * 100).toFixed(2) + ' pts'));
      tr.appendChild(bar);
      const note = document.createElement('td');
      note.textContent = b.noEffect || (b.low == null || b.high == null ? 'no IRR that is a return at one end' : '');
      tr.appendChild(note);
      return tr;
    }));
  } catch (e) {
    tbody.replaceChildren();
    message.textContent = e.message;
    message.hidden = false;
  }
}

async function runMonteCarlo() {
  const message = $('mc-message');
  const tbody = $('mc-table').querySelector('tbody');
  message.hidden = true;
  const lines = (id) => $(id).value.split('\n').map((l) => l.trim()).filter((l) => l.length > 0).join(';');
  const p = new URLSearchParams({ price: $('price').value, scenarios: $('mc-scenarios').value });
  if (lines('mc-distributions')) p.set('distribution', lines('mc-distributions'));
  if (lines('mc-correlations')) p.set('correlation', lines('mc-correlations'));
  try {
    const r = await getJson(`api/montecarlo/${encodeURIComponent($('system').value)}?${p}`);
    const row = (label, s, fmt) => s == null ? [label, 'none', 'none', 'none', 'none']
      : [label, s.p5 == null ? 'too few' : fmt(s.p5), s.p50 == null ? 'too few' : fmt(s.p50), s.p95 == null ? 'too few' : fmt(s.p95), s.mean == null ? 'beyond range' : fmt(s.mean)];
    rows(tbody, [
      row('IRR (' + r.irrBasis + ')', r.irrPercentiles, pct),
      row('NPV at hurdle, $/GPU', r.npvPercentiles, (v) => money(v, 0)),
      row('floor, $/GPU-hour', r.floorPercentiles, (v) => money(v, 4)),
      ['probability of beating the hurdle', '', pct(r.probabilityAboveHurdle), '', ''],
      ...Object.entries(r.distributions).map(([k, d]) => [k, '', d, '', '']),
    ]);
  } catch (e) {
    tbody.replaceChildren();
    message.textContent = e.message;
    message.hidden = false;
  }
}

async function init() {
  const systems = await getJson('api/systems');
  $('system').replaceChildren(...systems.systems.map((s) => {
    const o = document.createElement('option');
    o.value = s.id; o.textContent = s.name;
    if (s.id === 'gb300-nvl72') o.selected = true;
    return o;
  }));
  for (const id of Object.keys(sliders)) $(id).addEventListener('input', schedule);
  $('system').addEventListener('change', schedule);
  $('ceiling-from').addEventListener('change', () => { ceilingFromChanged(); schedule(); });
  $('precision').addEventListener('change', () => { schedule(); loadComparison(); });
  $('chart').addEventListener('mousemove', hover);
  $('cashflows-run').addEventListener('click', computeCashFlows);
  $('tornado-run').addEventListener('click', runTornado);
  $('mc-run').addEventListener('click', runMonteCarlo);
  $('system').addEventListener('change', () => { $('tornado-inputs').replaceChildren(); });
  $('chart').addEventListener('mouseleave', () => { $('hover').hidden = true; });
  $('save-scenario').addEventListener('click', () =>
    act('api/scenarios', 'POST', { name: $('scenario-name').value, notes: $('scenario-notes').value, scenario: scenarioBody() }));
  $('import-file').addEventListener('change', async (ev) => {
    const f = ev.target.files[0];
    if (!f) return;
    const text = await f.text();
    await act(`api/scenarios/import?name=${encodeURIComponent(f.name.replace(/\.json$/i, ''))}`, 'POST', JSON.parse(text));
  });
  $('compare-run').addEventListener('click', runCompare);
  const fleetView = initFleet();
  const pair = await readUrl();
  showSliders();
  const fleetLoad = fleetView ? showView('fleet') : null;
  await Promise.all([update(), loadComparison(), loadScenarios(), loadTokenChart(), fleetLoad]);
  if (pair) {
    $('compare-a').value = pair[0];
    $('compare-b').value = pair[1];
    await runCompare();
  }
  document.body.dataset.ready = 'true';
}

// ---- The fleet view (GET /api/fleet/example, POST /api/fleet): cards, the revenue stack, backlog and cash, the tables.

function showView(view) {
  fleet.view = view === 'fleet' ? 'fleet' : 'economics';
  $('economics-view').hidden = fleet.view !== 'economics';
  $('fleet-view').hidden = fleet.view !== 'fleet';
  for (const b of document.querySelectorAll('#views button')) b.setAttribute('aria-pressed', String(b.dataset.view === fleet.view));
  writeUrl();
  return fleet.view === 'fleet' && !fleet.shown ? runFleet() : null;
}

const whole = (v) => v == null ? '-' : (v < 0 ? '-$' : '$') + Math.abs(v).toLocaleString('en-US', { maximumFractionDigits: 0 });
// $ in a chart's axis: $850k, $12.5M, $1.2B.
function short(v) {
  const a = Math.abs(v), sign = v < 0 ? '-' : '';
  if (a >= 1e9) return sign + '$' + +(a / 1e9).toPrecision(3) + 'B';
  if (a >= 1e6) return sign + '$' + +(a / 1e6).toPrecision(3) + 'M';
  if (a >= 1e3) return sign + '$' + +(a / 1e3).toPrecision(3) + 'k';
  return sign + '$' + +a.toPrecision(3);
}

async function runFleet() {
  const message = $('fleet-message');
  const q = new URLSearchParams({ granularity: fleet.granularity });
  if (fleet.default) q.set('default', fleet.default);
  if (fleet.pending) fleet.pending.abort();
  fleet.pending = new AbortController();
  const options = fleet.text == null ? { signal: fleet.pending.signal }
    : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: fleet.text, signal: fleet.pending.signal };
  try {
    const r = await fetch((fleet.text == null ? 'api/fleet/example?' : 'api/fleet?') + q, options);
    const body = await r.json().catch(() => null);
    if (!r.ok) { fleetProblem(r.status, body); return; }
    message.hidden = true;
    $('fleet-errors').hidden = true;
    fleet.shown = body;
    showFleet(body);
  } catch (e) {
    if (e.name === 'AbortError') return;
    message.textContent = 'fleet: ' + e.message;
    message.hidden = false;
  }
}

// A problem: each bad row of the file in the table (its path, value and what is allowed), anything else in the message;
// the figures of the last run are taken away, since they are not this request's.
function fleetProblem(status, body) {
  const message = $('fleet-message');
  const table = $('fleet-errors');
  for (const id of ['fleet-irr', 'fleet-npv', 'fleet-payback', 'fleet-min-dscr', 'fleet-breach', 'fleet-outcome']) $(id).textContent = '-';
  for (const id of ['fleet-breach', 'fleet-outcome']) $(id).closest('.card').classList.remove('bad');
  for (const id of ['fleet-revenue-chart', 'fleet-balance-chart']) $(id).replaceChildren();
  for (const id of ['fleet-vintage-table', 'fleet-period-table']) $(id).tBodies[0].replaceChildren();
  $('fleet-notes').textContent = '';
  if (body && Array.isArray(body.problems)) {
    rows(table.tBodies[0], body.problems.map((p) => [p.row ?? '-', p.key ?? '-', p.value == null ? '-' : p.value, p.allowed]));
    table.hidden = false;
    message.textContent = 'the fleet file has ' + (body.problems.length === 1 ? 'a problem' : body.problems.length + ' problems') + ': see the table under the file';
  } else {
    table.hidden = true;
    const detail = body && (body.errors ? Object.entries(body.errors).map(([k, v]) => k + ': ' + v.join('; ')).join('\n') : body.detail || body.title);
    message.textContent = detail || ('HTTP ' + status);
  }
  message.hidden = false;
  document.body.dataset.fleet = 'problem';
}

function showFleet(f) {
  $('fleet-name').textContent = f.name;
  $('fleet-source').textContent = (fleet.text == null ? 'the shipped example, ' + f.file : 'your fleet file') + ': '
    + f.vintages.length + ' vintage' + (f.vintages.length === 1 ? '' : 's') + ', ' + f.contracts.length + ' contract' + (f.contracts.length === 1 ? '' : 's')
    + ', ' + f.months[0] + ' to ' + f.months[f.months.length - 1];
  fillDefaultPicker(f);
  const e = f.equity;
  $('fleet-irr').textContent = e.irr == null ? 'none' : pct(e.irr);
  $('fleet-irr-note').textContent = e.irrNote || 'equity\'s net cash flows, annual';
  $('fleet-npv').textContent = short(e.npv);
  $('fleet-npv-note').textContent = 'at the ' + pct(f.hurdle) + ' hurdle';
  $('fleet-payback').textContent = e.paybackMonth == null ? 'never' : 'month ' + e.paybackMonth + ' (' + f.months[e.paybackMonth] + ')';
  $('fleet-payback-note').textContent = e.paybackNote || 'month the cumulative net turns positive';
  $('fleet-min-dscr').textContent = f.minDscr == null ? f.minDscrNote : f.minDscr.toFixed(2) + 'x at month ' + f.minDscrMonth + ' (' + f.months[f.minDscrMonth] + ')';
  $('fleet-breach').textContent = f.firstBreach ? f.firstBreach.text + ' (' + f.firstBreach.date + ')' : f.covenants;
  $('fleet-breach').closest('.card').classList.toggle('bad', !!f.firstBreach);
  $('fleet-outcome').textContent = f.outcome;
  $('fleet-outcome').closest('.card').classList.toggle('bad', !f.survives);
  $('fleet-notes').textContent = ['defaults: ' + f.defaults]
    .concat(f.spotPrices.map((p) => p.system + ' spot: ' + p.basis + (p.warning ? ' (warning: ' + p.warning + ')' : ''))).join(' · ');
  drawFleetRevenue(f);
  drawFleetBalance(f);
  rows($('fleet-vintage-table').tBodies[0], f.vintages.map((v) => [v.id, v.system, v.gpus.toLocaleString('en-US'), v.date, String(v.lifeMonths), whole(v.capexPerGpu),
    whole(v.contractedRevenue), whole(v.spotRevenue), whole(v.operatingCost), whole(v.debtService), whole(v.net),
    v.equity.irr == null ? 'none: ' + v.equity.irrNote : pct(v.equity.irr), whole(v.equity.npv)]));
  $('fleet-period-caption').textContent = f.granularity === 'monthly'
    ? 'By month, $ (month 0: the capex at the fleet\'s start)' : 'By year, $ (backlog, cash and LTV at the year\'s end; DSCR the year\'s lowest)';
  rows($('fleet-period-table').tBodies[0], f.periods.map((p) => [f.granularity === 'monthly' ? p.firstMonth + ' ' + p.label : p.label,
    whole(p.contractedRevenue), whole(p.spotRevenue), whole(p.backlog), whole(p.operatingCost), whole(p.debtService), whole(p.net), whole(p.cash),
    p.dscr == null ? p.dscrNote : p.dscr.toFixed(2) + 'x', p.ltv == null ? p.ltvNote : pct(p.ltv)]));
  document.body.dataset.fleet = f.survives ? 'survives' : 'breach';
}

// The contracts of the fleet shown; a contract chosen bounds the month to the months it bills.
function fillDefaultPicker(f) {
  const select = $('fleet-default-contract');
  const named = fleet.default ? fleet.default.split(',')[0].split('@') : ['', ''];
  select.replaceChildren(select.options[0], ...f.contracts.map((c) => {
    const o = document.createElement('option');
    o.value = c.id;
    o.textContent = `${c.id}: ${c.renter} (${c.credit}), ${c.gpus} GPUs of ${c.deployment}, ${c.start} to ${c.last}`;
    return o;
  }));
  const chosen = f.contracts.find((c) => c.id.toLowerCase() === named[0].toLowerCase());
  select.value = chosen ? chosen.id : '';
  const month = $('fleet-default-month');
  month.disabled = !chosen;
  month.min = chosen ? chosen.start : '';
  month.max = chosen ? chosen.last : '';
  month.value = chosen ? named[1] : '';
}

function fleetDefaultChanged(fromContract) {
  const id = $('fleet-default-contract').value;
  const month = $('fleet-default-month');
  const c = fleet.shown && fleet.shown.contracts.find((x) => x.id === id);
  if (!c) { fleet.default = ''; month.value = ''; month.disabled = true; }
  else {
    month.disabled = false;
    month.min = c.start; month.max = c.last;
    if (fromContract || !month.value) month.value = c.start;
    fleet.default = c.id + '@' + month.value;
  }
  writeUrl();
  runFleet();
}

function svgEl(name, attrs, text) {
  const e = document.createElementNS('http://www.w3.org/2000/svg', name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text != null) e.textContent = text;
  return e;
}

// Round steps for an axis from lo to hi: 1, 2 or 5 times a power of ten, about five of them.
function ticks(lo, hi) {
  const span = hi - lo || Math.abs(hi) || 1;
  const raw = span / 5, p = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw);
  const out = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  return { lo: Math.min(lo, Math.floor(lo / step) * step), hi: Math.max(hi, Math.ceil(hi / step) * step), values: out };
}

const vintageColours = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2', '#17becf', '#7f7f7f', '#bcbd22'];

// A chart's frame: the plot area (class plot-area, the box every mark lies in), the y axis with its ticks and title,
// the period labels under the x axis spaced so that none overlaps.
function fleetFrame(f, W, H, M, y, title) {
  const svg = svgEl('svg', { viewBox: `0 0 ${W} ${H}`, width: '100%' });
  svg.append(svgEl('title', {}, title));
  const plotW = W - M.l - M.r, plotH = H - M.t - M.b;
  const Y = (v) => M.t + (1 - (v - y.lo) / (y.hi - y.lo || 1)) * plotH;
  const n = f.periods.length, band = plotW / n;
  const X = (i) => M.l + (i + 0.5) * band;
  svg.append(svgEl('rect', { class: 'plot-area', x: M.l, y: M.t, width: plotW, height: plotH, fill: 'none', stroke: 'none' }));
  for (const v of y.values) {
    svg.append(svgEl('line', { x1: M.l, y1: Y(v), x2: M.l + plotW, y2: Y(v), stroke: v === 0 ? '#444' : '#e6e9ed' }));
    svg.append(svgEl('text', { x: M.l - 6, y: Y(v) + 4, 'text-anchor': 'end', 'font-size': 11 }, short(v)));
  }
  svg.append(svgEl('line', { x1: M.l, y1: M.t, x2: M.l, y2: M.t + plotH, stroke: '#444' }));
  const label = (p) => f.granularity === 'monthly' ? (p.firstMonth === 0 ? 'start' : p.label) : p.label;
  const every = Math.max(1, Math.ceil((f.granularity === 'monthly' ? 54 : 36) / band));
  f.periods.forEach((p, i) => {
    if (i % every !== 0) return;
    svg.append(svgEl('text', { x: X(i), y: M.t + plotH + 16, 'text-anchor': 'middle', 'font-size': 11 }, label(p)));
  });
  return { svg, X, Y, band, plotW, plotH };
}

function drawFleetRevenue(f) {
  const vintages = f.vintages.map((v) => v.id);
  const legendRows = vintages.length + 3;
  const W = 900, M = { l: 70, r: 190, t: 24, b: 30 };
  const H = Math.max(340, M.t + 16 * legendRows + 20 + M.b);
  let lo = 0, hi = 0;
  for (const p of f.periods) {
    const parts = p.vintages.flatMap((v) => [v.contractedRevenue, v.spotRevenue]);
    hi = Math.max(hi, parts.filter((x) => x > 0).reduce((a, b) => a + b, 0));
    lo = Math.min(lo, parts.filter((x) => x < 0).reduce((a, b) => a + b, 0));
  }
  const y = ticks(lo, hi || 1);
  const per = f.granularity === 'monthly' ? 'a month' : 'a year';
  const { svg, X, Y, band } = fleetFrame(f, W, H, M, y, `revenue ${per} by vintage: contracted (solid) and spot (pale)`);
  svg.append(svgEl('text', { x: M.l, y: 14, 'font-size': 12 }, `revenue ${per}, $: contracted (solid) and spot (pale) by vintage`));
  const width = Math.max(1, band * 0.8);
  f.periods.forEach((p, i) => {
    let up = 0, down = 0;
    // Contracted revenue of every vintage at the bottom, spot above it: the contracted share reads at a glance.
    for (const kind of ['contractedRevenue', 'spotRevenue']) {
      p.vintages.forEach((v, k) => {
        const value = v[kind];
        if (!value) return;
        const from = value > 0 ? up : down, to = from + value;
        if (value > 0) up = to; else down = to;
        const top = Y(Math.max(from, to)), bottom = Y(Math.min(from, to));
        const bar = svgEl('rect', { class: 'mark', x: X(i) - width / 2, y: top, width, height: Math.max(0, bottom - top),
          fill: vintageColours[k % vintageColours.length], 'fill-opacity': kind === 'contractedRevenue' ? 1 : 0.4,
          'data-vintage': v.id, 'data-kind': kind === 'contractedRevenue' ? 'contracted' : 'spot' });
        bar.append(svgEl('title', {}, `${p.label} ${v.id} ${kind === 'contractedRevenue' ? 'contracted' : 'spot'}: ${whole(value)}`));
        svg.append(bar);
      });
    }
  });
  const lx = W - M.r + 14;
  vintages.forEach((id, k) => {
    const ly = M.t + 12 + 16 * k;
    svg.append(svgEl('rect', { x: lx, y: ly - 9, width: 12, height: 10, fill: vintageColours[k % vintageColours.length] }));
    svg.append(svgEl('text', { x: lx + 18, y: ly, 'font-size': 11, class: 'legend' }, id));
  });
  const ly = M.t + 12 + 16 * (vintages.length + 1);
  svg.append(svgEl('rect', { x: lx, y: ly - 9, width: 12, height: 10, fill: '#555' }));
  svg.append(svgEl('text', { x: lx + 18, y: ly, 'font-size': 11, class: 'legend' }, 'contracted'));
  svg.append(svgEl('rect', { x: lx, y: ly + 7, width: 12, height: 10, fill: '#555', 'fill-opacity': 0.4 }));
  svg.append(svgEl('text', { x: lx + 18, y: ly + 16, 'font-size': 11, class: 'legend' }, 'spot'));
  $('fleet-revenue-chart').replaceChildren(svg);
}

function drawFleetBalance(f) {
  const W = 900, H = 300, M = { l: 70, r: 190, t: 24, b: 30 };
  const series = [
    { key: 'backlog', label: 'backlog (contracted, still to bill)', colour: '#1f77b4', values: f.periods.map((p) => p.backlog) },
    { key: 'cash', label: 'equity cash, cumulative', colour: '#2ca02c', values: f.periods.map((p) => p.cash) },
  ];
  const all = series.flatMap((s) => s.values);
  const y = ticks(Math.min(0, ...all), Math.max(0, ...all));
  const { svg, X, Y } = fleetFrame(f, W, H, M, y, 'backlog and equity cash at each period\'s end');
  svg.append(svgEl('text', { x: M.l, y: 14, 'font-size': 12 }, `backlog and equity cash at each ${f.granularity === 'monthly' ? 'month' : 'year'}'s end, $`));
  series.forEach((s, k) => {
    const d = s.values.map((v, i) => `${i === 0 ? 'M' : 'L'}${X(i).toFixed(1)},${Y(v).toFixed(1)}`).join(' ');
    svg.append(svgEl('path', { class: 'mark', d, fill: 'none', stroke: s.colour, 'stroke-width': 2, 'data-series': s.key }));
    const ly = M.t + 12 + 16 * k, lx = W - M.r + 14;
    svg.append(svgEl('line', { x1: lx, y1: ly - 4, x2: lx + 24, y2: ly - 4, stroke: s.colour, 'stroke-width': 2 }));
    svg.append(svgEl('text', { x: lx + 30, y: ly, 'font-size': 11, class: 'legend' }, s.key));
  });
  $('fleet-balance-chart').replaceChildren(svg);
}

function initFleet() {
  const q = new URLSearchParams(location.search);
  fleet.default = q.get('fleetDefault') || '';
  fleet.granularity = q.get('granularity') === 'monthly' ? 'monthly' : 'yearly';
  $('fleet-granularity').value = fleet.granularity;
  for (const b of document.querySelectorAll('#views button')) b.addEventListener('click', () => showView(b.dataset.view));
  $('fleet-granularity').addEventListener('change', () => { fleet.granularity = $('fleet-granularity').value; writeUrl(); runFleet(); });
  $('fleet-default-contract').addEventListener('change', () => fleetDefaultChanged(true));
  $('fleet-default-month').addEventListener('change', () => fleetDefaultChanged(false));
  $('fleet-run').addEventListener('click', () => {
    fleet.text = $('fleet-text').value;
    fleet.default = '';
    writeUrl();
    runFleet();
  });
  $('fleet-example').addEventListener('click', () => { fleet.text = null; fleet.default = ''; writeUrl(); runFleet(); });
  $('fleet-file').addEventListener('change', async (ev) => {
    const file = ev.target.files[0];
    if (!file) return;
    $('fleet-text').value = await file.text();
    fleet.text = $('fleet-text').value;
    fleet.default = '';
    writeUrl();
    runFleet();
  });
  return q.get('view') === 'fleet';
}

init().catch((e) => { $('round-trip').textContent = 'error: ' + e.message; });
