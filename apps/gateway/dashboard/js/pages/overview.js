// Overview: the last 30 days against the 30 before, daily revenue, top products, stock health,
// open alerts, and (when the CRM API exists) pipeline health and churn breakdown.

import { api } from '../api.js';
import { h } from '../dom.js';
import * as fmt from '../format.js';
import { COLORS, chart, alpha } from '../charts.js';
import * as ui from '../ui.js';
import { crmSummaryPanel } from './crm/dashboard.js';

function salesPart(sales) {
  const k = sales.kpis;
  const c = sales.comparison.change;
  return [
    ui.kpis(
      ui.kpi('Revenue', fmt.money(k.total_revenue), { delta: c.revenue_pct, testid: 'revenue' }),
      ui.kpi('Transactions', fmt.number(k.total_transactions), { delta: c.transactions_pct, testid: 'transactions' }),
      ui.kpi('Average ticket', fmt.money(k.average_ticket), { delta: c.average_ticket_pct, testid: 'average-ticket' }),
      ui.kpi('Units sold', fmt.number(k.total_quantity, 2), { delta: c.quantity_pct }),
    ),
    h('div', { class: 'grid-2' },
      ui.section('Daily revenue',
        chart('Daily revenue over the last 30 days', {
          type: 'line',
          data: {
            labels: sales.daily.map((d) => fmt.dateShort(d.date)),
            datasets: [{ label: 'Revenue', data: sales.daily.map((d) => d.total_revenue), borderColor: COLORS.blue, backgroundColor: alpha(COLORS.blue, 0.12), fill: true, pointRadius: 0, tension: 0.25 }],
          },
          options: { plugins: { legend: { display: false } }, scales: { y: { ticks: { callback: (v) => fmt.moneyCompact(v) } } } },
        })),
      ui.section('Top products',
        ui.table([
          { label: 'Product', value: (p) => p.name },
          { label: 'Units', value: (p) => fmt.number(p.total_quantity, 2), numeric: true },
          { label: 'Revenue', value: (p) => fmt.money(p.revenue), numeric: true },
          { label: 'Share', value: (p) => fmt.percent(p.share_of_revenue), numeric: true },
        ], k.top_products, { caption: `${fmt.date(sales.start_date)} – ${fmt.date(sales.end_date)}` }))),
  ];
}

function stockPart(stock) {
  const k = stock.kpis;
  const ok = k.products_count - k.low_stock_count - k.out_of_stock_count - k.dead_stock_count;
  return ui.section('Stock health',
    ui.kpis(
      ui.kpi('Stock value', fmt.money(k.total_stock_value)),
      ui.kpi('Low / out of stock', `${fmt.number(k.low_stock_count)} / ${fmt.number(k.out_of_stock_count)}`),
      ui.kpi('Urgent reorders', fmt.number(k.urgent_reorder_count), { hint: 'coverage under a week' }),
    ),
    chart('Products by stock status', {
      type: 'bar',
      data: {
        labels: ['OK', 'LOW', 'OUT', 'DEAD'],
        datasets: [{ data: [ok, k.low_stock_count, k.out_of_stock_count, k.dead_stock_count], backgroundColor: [COLORS.green, COLORS.amber, COLORS.red, COLORS.grey] }],
      },
      options: { indexAxis: 'y', plugins: { legend: { display: false } } },
    }),
    h('p', {}, h('a', { href: '/stock', 'data-nav': true }, 'All products and reorder suggestions')));
}

function alertsPart(page) {
  return ui.section(`Open alerts (${fmt.number(page.total)})`,
    page.items.length
      ? h('ul', { class: 'list' }, page.items.map((a) => h('li', {},
          ui.severityBadge(a.severity), ' ', h('strong', {}, a.title), h('div', { class: 'muted' }, `${a.type} · ${fmt.instant(a.created_at)}`))))
      : h('p', { class: 'muted empty' }, 'No open alerts.'),
    h('p', {}, h('a', { href: '/alerts', 'data-nav': true }, 'All anomalies and alerts')));
}

export async function render(main, { session }) {
  const end = session.today;
  const start = fmt.addDays(end, -29);
  const salesBox = h('div', { class: 'stack' });
  const stockBox = h('div', {});
  const alertsBox = h('div', {});
  const crmBox = h('div', {});
  main.replaceChildren(
    ui.pageHeader('Overview', `Last 30 days (${fmt.date(start)} – ${fmt.date(end)}) compared with the 30 days before`),
    salesBox, h('div', { class: 'grid-2' }, stockBox, alertsBox), crmBox);
  await Promise.all([
    ui.block(salesBox, () => api('/api/v1/analytics/sales', { query: { start_date: start, end_date: end, granularity: 'day', top: 5 } }), salesPart),
    ui.block(stockBox, () => api('/api/v1/analytics/stock'), stockPart),
    ui.block(alertsBox, () => api('/api/v1/alerts', { query: { status: 'open', per_page: 5 } }), alertsPart),
    session.features?.crm
      ? crmSummaryPanel(crmBox)
      : Promise.resolve(crmBox.replaceChildren(ui.section('Pipeline health and churn', ui.unavailable('CRM analytics')))),
  ]);
}
