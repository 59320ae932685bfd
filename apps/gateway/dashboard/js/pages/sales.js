// Sales: period or date range, granularity, KPIs against the previous window, revenue by bucket,
// categories, top products, CSV downloads. The choice lives in the URL so a reload keeps it.

import { api } from '../api.js';
import { h, query } from '../dom.js';
import * as fmt from '../format.js';
import { COLORS, PALETTE, chart } from '../charts.js';
import * as ui from '../ui.js';

const PERIODS = [['daily', 'Today'], ['weekly', 'Last 7 days'], ['monthly', 'Month to date'], ['quarterly', 'Last 90 days'], ['custom', 'Date range']];
const GRANULARITIES = [['day', 'Day'], ['week', 'Week'], ['month', 'Month'], ['quarter', 'Quarter']];

function params() {
  const q = new URLSearchParams(location.search);
  return { period: q.get('period') || 'quarterly', granularity: q.get('granularity') || 'week', start: q.get('start') || '', end: q.get('end') || '' };
}

function apiQuery(p) {
  return p.period === 'custom' ? { start_date: p.start, end_date: p.end, granularity: p.granularity } : { period: p.period, granularity: p.granularity };
}

function csvLinks(p) {
  const tables = [['buckets', 'Buckets'], ['daily', 'Daily'], ['products', 'Products'], ['categories', 'Categories']];
  return h('div', { class: 'toolbar', 'aria-label': 'CSV downloads' }, tables.map(([t, label]) =>
    h('a', { class: 'button secondary', href: `/api/v1/analytics/sales${query({ ...apiQuery(p), format: 'csv', table: t })}`, download: '' }, `${label} CSV`)));
}

function draw(data) {
  const k = data.kpis;
  const c = data.comparison.change;
  return h('div', { class: 'stack' },
    h('p', { class: 'muted' }, `${fmt.date(data.start_date)} – ${fmt.date(data.end_date)}, compared with ${fmt.date(data.comparison.start_date)} – ${fmt.date(data.comparison.end_date)}`),
    ui.kpis(
      ui.kpi('Revenue', fmt.money(k.total_revenue), { delta: c.revenue_pct, testid: 'revenue' }),
      ui.kpi('Transactions', fmt.number(k.total_transactions), { delta: c.transactions_pct }),
      ui.kpi('Average ticket', fmt.money(k.average_ticket), { delta: c.average_ticket_pct }),
      ui.kpi('Units sold', fmt.number(k.total_quantity, 2), { delta: c.quantity_pct, hint: k.seasonal_hint }),
    ),
    ui.section('Revenue by period',
      chart(`Revenue by ${data.granularity}`, {
        type: 'bar',
        data: {
          labels: data.buckets.map((b) => (b.partial ? `${b.label}*` : b.label)),
          datasets: [
            { type: 'bar', label: 'Revenue', data: data.buckets.map((b) => b.total_revenue), backgroundColor: COLORS.blue, yAxisID: 'y' },
            { type: 'line', label: 'Transactions', data: data.buckets.map((b) => b.total_transactions), borderColor: COLORS.orange, backgroundColor: COLORS.orange, yAxisID: 'y1', pointRadius: 2 },
          ],
        },
        options: { scales: { y: { ticks: { callback: (v) => fmt.moneyCompact(v) } }, y1: { position: 'right', grid: { drawOnChartArea: false } } } },
      }, { tall: true }),
      data.buckets.some((b) => b.partial) ? h('p', { class: 'muted' }, '* the window covers only part of this period') : null),
    h('div', { class: 'grid-2' },
      ui.section('Categories',
        chart('Revenue share by category', {
          type: 'doughnut',
          data: { labels: data.categories.map((x) => x.category), datasets: [{ data: data.categories.map((x) => x.revenue), backgroundColor: PALETTE }] },
          options: { plugins: { legend: { position: 'right' } } },
        }),
        ui.table([
          { label: 'Category', value: (x) => x.category },
          { label: 'Units', value: (x) => fmt.number(x.total_quantity, 2), numeric: true },
          { label: 'Revenue', value: (x) => fmt.money(x.revenue), numeric: true },
          { label: 'Share', value: (x) => fmt.percent(x.share_of_revenue), numeric: true },
        ], data.categories)),
      ui.section('Top products',
        ui.table([
          { label: 'Product', value: (p) => p.name },
          { label: 'Category', value: (p) => p.category },
          { label: 'Units', value: (p) => fmt.number(p.total_quantity, 2), numeric: true },
          { label: 'Revenue', value: (p) => fmt.money(p.revenue), numeric: true },
        ], k.top_products, { empty: 'No sales in this window.' }))));
}

export async function render(main, { session, navigate }) {
  const p = params();
  const set = (changes) => navigate(`/sales${query({ ...p, ...changes })}`);
  const start = ui.input('From', { type: 'date', value: p.start || fmt.addDays(session.today, -29), max: session.today });
  const end = ui.input('To', { type: 'date', value: p.end || session.today, max: session.today });
  const range = p.period === 'custom'
    ? [start, end, ui.button('Apply', () => set({ start: start.querySelector('input').value, end: end.querySelector('input').value }))]
    : [];
  const body = h('div', {});
  main.replaceChildren(
    ui.pageHeader('Sales', 'Revenue, transactions and what sold', csvLinks(p)),
    ui.toolbar(
      ui.select('Period', PERIODS, p.period, (v) => set({ period: v, start: v === 'custom' ? fmt.addDays(session.today, -29) : '', end: v === 'custom' ? session.today : '' })),
      ui.select('Granularity', GRANULARITIES, p.granularity, (v) => set({ granularity: v })),
      range),
    body);
  if (p.period === 'custom' && !(p.start && p.end)) return;
  await ui.block(body, () => api('/api/v1/analytics/sales', { query: { ...apiQuery(p), top: 10 } }), draw);
}
