// Forecast: the shop or one product, units or revenue, with the recent history, the forecast
// and its 80 % and 95 % bands, the model chosen and its backtest error.

import { api } from '../api.js';
import { h, query } from '../dom.js';
import * as fmt from '../format.js';
import { COLORS, alpha, chart } from '../charts.js';
import * as ui from '../ui.js';

const HORIZONS = [['7', '7 days'], ['14', '14 days'], ['28', '28 days'], ['56', '56 days'], ['91', '91 days']];
const TARGETS = [['units', 'Units'], ['revenue', 'Revenue']];
const MODELS = ['auto', 'linear', 'seasonal_naive', 'seasonal_mean', 'ses', 'damped', 'theta', 'croston', 'sba', 'combination', 'flat'].map((m) => [m, m]);

function chartOf(f) {
  const recent = f.history.recent || [];
  const historyDates = recent.map((_, i) => fmt.addDays(f.history.end, i - recent.length + 1));
  const labels = [...historyDates, ...f.dates].map(fmt.dateShort);
  const pad = (values) => [...recent.map(() => null), ...values];
  const value = f.target === 'revenue' ? (v) => fmt.moneyCompact(v) : (v) => fmt.number(v, 1);
  // The forecast line starts at the last observed day so the two lines join.
  const joined = [...recent.slice(0, -1).map(() => null), recent[recent.length - 1] ?? null, ...f.predictions];
  return chart(`History and forecast of ${f.target}, with 80 and 95 percent intervals`, {
    type: 'line',
    data: {
      labels,
      datasets: [
        { label: '95 % upper', data: pad(f.upper_95), borderWidth: 0, pointRadius: 0, fill: false },
        { label: '95 % interval', data: pad(f.lower_95), borderWidth: 0, pointRadius: 0, backgroundColor: alpha(COLORS.blue, 0.12), fill: '-1' },
        { label: '80 % upper', data: pad(f.upper_80), borderWidth: 0, pointRadius: 0, fill: false },
        { label: '80 % interval', data: pad(f.lower_80), borderWidth: 0, pointRadius: 0, backgroundColor: alpha(COLORS.blue, 0.25), fill: '-1' },
        { label: 'History', data: [...recent, ...f.predictions.map(() => null)], borderColor: COLORS.slate, pointRadius: 0, borderWidth: 1.5 },
        { label: 'Forecast', data: joined, borderColor: COLORS.blue, borderDash: [6, 4], pointRadius: 0, borderWidth: 2 },
      ],
    },
    options: {
      interaction: { mode: 'index', intersect: false },
      plugins: { legend: { labels: { filter: (item) => !item.text.includes('upper') } } },
      scales: { y: { beginAtZero: true, ticks: { callback: value } } },
    },
  }, { tall: true });
}

function draw(f) {
  const s = f.summary;
  const b = f.backtest || {};
  const money = f.target === 'revenue';
  const value = (v) => (money ? fmt.money(v) : fmt.number(v, 1));
  return h('div', { class: 'stack' },
    ui.kpis(
      ui.kpi(`Forecast total (${f.dates.length} days)`, value(s.total)),
      ui.kpi('Daily average', value(s.daily_average)),
      ui.kpi('Peak', value(s.peak_value), { hint: fmt.date(s.peak_day) }),
      ui.kpi('Trend', s.trend),
    ),
    ui.section(f.product ? `${f.product.name} (${f.product.sku})` : 'Whole shop', chartOf(f)),
    h('div', { class: 'grid-2' },
      ui.section('Model',
        h('dl', { class: 'facts', 'data-testid': 'model' },
          h('dt', {}, 'Model chosen'), h('dd', {}, h('strong', {}, f.model)),
          f.members?.length ? [h('dt', {}, 'Pooled'), h('dd', {}, f.members.join(', '))] : null,
          h('dt', {}, 'Backtest MASE'), h('dd', {}, fmt.number(b.mase, 3)),
          h('dt', {}, 'Backtest sMAPE'), h('dd', {}, b.smape === undefined ? '—' : fmt.percent(b.smape, 1)),
          h('dt', {}, 'Backtest MAE'), h('dd', {}, fmt.number(b.mae, 2)),
          h('dt', {}, 'History'), h('dd', {}, `${fmt.date(f.history.start)} – ${fmt.date(f.history.end)} (${fmt.number(f.history.points)} days)`)),
        f.note ? h('p', { class: 'notice' }, f.note) : null),
      ui.section('Candidates (lower MASE is better)',
        ui.table([
          { label: 'Model', value: (c) => c.model },
          { label: 'MASE', value: (c) => fmt.number(c.mase, 3), numeric: true },
        ], f.candidates, { empty: 'Only the requested model was fitted.' }))));
}

export async function render(main, { navigate }) {
  const q = new URLSearchParams(location.search);
  const p = { sku: q.get('sku') || '', target: q.get('target') || 'units', days: q.get('days') || '28', model: q.get('model') || 'auto' };
  const set = (changes) => navigate(`/forecast${query({ ...p, ...changes })}`);
  const controls = h('div', {});
  const body = h('div', {});
  main.replaceChildren(ui.pageHeader('Forecast', 'What the coming days will likely bring, with honest uncertainty'), controls, body);
  const stock = await api('/api/v1/analytics/stock').catch(() => ({ products: [] }));
  const products = [['', 'Whole shop'], ...stock.products.map((x) => [x.sku, `${x.name} (${x.sku})`])];
  controls.replaceChildren(ui.toolbar(
    ui.select('Scope', products, p.sku, (v) => set({ sku: v })),
    ui.select('Measure', TARGETS, p.target, (v) => set({ target: v })),
    ui.select('Horizon', HORIZONS, p.days, (v) => set({ days: v })),
    ui.select('Model', MODELS, p.model, (v) => set({ model: v }))));
  const body_ = { scope: p.sku ? 'PRODUCT' : 'GLOBAL', sku: p.sku || undefined, target: p.target, forecast_days: Number(p.days), model: p.model };
  await ui.block(body, () => api('/api/v1/ml/forecast', { method: 'POST', json: body_ }), draw);
}
