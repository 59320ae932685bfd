// Stock: every product's status (OK, LOW, OUT, DEAD) with coverage and reorder suggestions,
// filters, the below-minimum alerts, and a CSV download.

import { api } from '../api.js';
import { h, query } from '../dom.js';
import * as fmt from '../format.js';
import { COLORS, chart } from '../charts.js';
import * as ui from '../ui.js';

const STATUSES = [['', 'All statuses'], ['OK', 'OK'], ['LOW_STOCK', 'LOW'], ['OUT_OF_STOCK', 'OUT'], ['DEAD_STOCK', 'DEAD']];

function productsTable(products) {
  return ui.table([
    { label: 'Product', value: (p) => h('span', {}, p.name, h('div', { class: 'muted' }, p.sku)) },
    { label: 'Category', value: (p) => p.category },
    { label: 'Status', value: (p) => ui.stockBadge(p.status) },
    { label: 'In stock', value: (p) => fmt.number(p.current_stock, 2), numeric: true },
    { label: 'Minimum', value: (p) => fmt.number(p.min_stock, 2), numeric: true },
    { label: 'Sold / day', value: (p) => fmt.number(p.avg_daily_sales, 2), numeric: true },
    { label: 'Coverage (days)', value: (p) => fmt.number(p.coverage_days, 1), numeric: true },
    { label: 'Reorder', value: (p) => (p.suggested_reorder_quantity > 0 ? fmt.number(p.suggested_reorder_quantity) : '—'), numeric: true },
    { label: 'Urgent', value: (p) => (p.urgent_reorder ? ui.badge('URGENT', 'danger') : '') },
  ], products, { caption: `${fmt.number(products.length)} products`, empty: 'No product matches.' });
}

function draw(stock, alerts, filter) {
  const k = stock.kpis;
  const ok = k.products_count - k.low_stock_count - k.out_of_stock_count - k.dead_stock_count;
  const needle = filter.search.trim().toLowerCase();
  const shown = stock.products.filter((p) => (!filter.status || p.status === filter.status)
    && (!needle || p.name.toLowerCase().includes(needle) || p.sku.toLowerCase().includes(needle)));
  return h('div', { class: 'stack' },
    ui.kpis(
      ui.kpi('Stock value', fmt.money(k.total_stock_value)),
      ui.kpi('Out of stock', fmt.number(k.out_of_stock_count)),
      ui.kpi('Low stock', fmt.number(k.low_stock_count), { hint: `${fmt.percent(k.low_stock_ratio)} of products` }),
      ui.kpi('Dead stock', fmt.number(k.dead_stock_count)),
      ui.kpi('Urgent reorders', fmt.number(k.urgent_reorder_count)),
      ui.kpi('Average coverage', k.avg_coverage_days === null ? '—' : `${fmt.number(k.avg_coverage_days, 1)} days`),
    ),
    h('div', { class: 'grid-2' },
      ui.section('Products by status',
        chart('Products by stock status', {
          type: 'doughnut',
          data: { labels: ['OK', 'LOW', 'OUT', 'DEAD'], datasets: [{ data: [ok, k.low_stock_count, k.out_of_stock_count, k.dead_stock_count], backgroundColor: [COLORS.green, COLORS.amber, COLORS.red, COLORS.grey] }] },
          options: { plugins: { legend: { position: 'right' } } },
        })),
      ui.section(`Below minimum (${fmt.number(alerts.count)})`,
        alerts.alerts.length
          ? h('ul', { class: 'list' }, alerts.alerts.slice(0, 8).map((a) => h('li', {}, ui.severityBadge(a.severity), ' ', h('strong', {}, a.name), h('div', { class: 'muted' }, a.message))))
          : h('p', { class: 'muted empty' }, 'Every product is at or above its minimum.'))),
    ui.section('Products', productsTable(shown)));
}

export async function render(main, { navigate }) {
  const q = new URLSearchParams(location.search);
  const filter = { status: q.get('status') || '', search: q.get('q') || '' };
  const body = h('div', {});
  const search = ui.input('Search', { type: 'search', value: filter.search, placeholder: 'name or SKU' });
  search.querySelector('input').addEventListener('change', (e) => navigate(`/stock${query({ ...filter, q: e.target.value })}`));
  main.replaceChildren(
    ui.pageHeader('Stock', 'Status, coverage and what to reorder',
      h('a', { class: 'button secondary', href: '/api/v1/analytics/stock?format=csv', download: '' }, 'Stock CSV')),
    ui.toolbar(ui.select('Status', STATUSES, filter.status, (v) => navigate(`/stock${query({ ...filter, status: v })}`)), search),
    body);
  await ui.block(body,
    () => Promise.all([api('/api/v1/analytics/stock'), api('/api/v1/analytics/stock/alerts')]),
    ([stock, alerts]) => draw(stock, alerts, filter));
}
