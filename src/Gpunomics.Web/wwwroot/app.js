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

// The view lives in the link: system, every slider and choice, the loaded scenario and the compared pair.
function writeUrl() {
  const q = new URLSearchParams({ system: $('system').value });
  for (const id of urlControls) q.set(id, $(id).value);
  if (loadedScenario != null) q.set('scenario', loadedScenario);
  if (comparePair) q.set('compare', comparePair.join(','));
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
  const pair = await readUrl();
  showSliders();
  await Promise.all([update(), loadComparison(), loadScenarios(), loadTokenChart()]);
  if (pair) {
    $('compare-a').value = pair[0];
    $('compare-b').value = pair[1];
    await runCompare();
  }
  document.body.dataset.ready = 'true';
}

init().catch((e) => { $('round-trip').textContent = 'error: ' + e.message; });
