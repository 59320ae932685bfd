// Churn risk (the seed's /churn page): KPIs, risk levels, revenue by level with its average
// table, the accounts with a level filter, and a drill-down into each account's factors and trend.

import { h, query } from '../../dom.js';
import * as fmt from '../../format.js';
import { chart } from '../../charts.js';
import * as ui from '../../ui.js';
import * as crm from './api.js';
import { doughnut } from './dashboard.js';
import { show } from './drilldown.js';

function byLevel(accounts) {
  const out = Object.fromEntries(crm.LEVELS.map((l) => [l, { count: 0, revenue: 0 }]));
  for (const a of accounts) {
    const slot = out[a.Churn_Risk_Level];
    if (slot) { slot.count += 1; slot.revenue += Number(a.AnnualRevenue) || 0; }
  }
  return out;
}

function draw([risk, accounts], detail) {
  const rows = crm.items(accounts);
  const levels = byLevel(rows);
  return h('div', { class: 'stack' },
    ui.kpis(
      ui.kpi('Accounts', fmt.number(risk.total_accounts)),
      ui.kpi('High risk', fmt.number(risk.risk_breakdown?.High)),
      ui.kpi('Revenue at risk', fmt.moneyCompact(risk.total_revenue_at_risk ?? risk.revenue_at_risk)),
      ui.kpi('Average risk', fmt.number(risk.average_risk_score, 2))),
    h('div', { class: 'grid-2' },
      ui.section('Risk levels', doughnut('Accounts by churn risk level', risk.risk_breakdown, crm.LEVELS, crm.CHURN_COLORS)),
      ui.section('Revenue by risk level',
        chart('Annual revenue by churn risk level', {
          type: 'bar',
          data: { labels: crm.LEVELS, datasets: [{ data: crm.LEVELS.map((l) => levels[l].revenue), backgroundColor: crm.LEVELS.map((l) => crm.CHURN_COLORS[l]) }] },
          options: { plugins: { legend: { display: false } }, scales: { y: { ticks: { callback: (v) => fmt.moneyCompact(v) } } } },
        }),
        ui.table([
          { label: 'Level', value: (l) => l },
          { label: 'Accounts', value: (l) => fmt.number(levels[l].count), numeric: true },
          { label: 'Average revenue', value: (l) => (levels[l].count ? fmt.moneyCompact(levels[l].revenue / levels[l].count) : '—'), numeric: true },
        ], crm.LEVELS, { caption: 'Average revenue by risk level (accounts listed below)' }))),
    ui.section('Accounts', ui.table([
      { label: 'Account', value: (a) => h('button', { type: 'button', class: 'linklike', 'aria-label': `Details of ${a.Name ?? ''}`, on: { click: () => show(detail, 'account', a) } }, a.Name ?? '') },
      { label: 'Industry', value: (a) => a.Industry ?? '' },
      { label: 'Annual revenue', value: (a) => fmt.moneyCompact(a.AnnualRevenue), numeric: true },
      { label: 'Type', value: (a) => a.Type ?? '' },
      { label: 'Risk score', value: (a) => fmt.number(a.Churn_Risk_Score, 3), numeric: true },
      { label: 'Level', value: (a) => ui.badge(a.Churn_Risk_Level, { High: 'danger', Medium: 'info', Low: 'ok' }[a.Churn_Risk_Level] || 'muted') },
    ], rows, { caption: `${fmt.number(rows.length)} accounts, riskiest first`, empty: 'No account matches.' })));
}

export async function render(main, { available, navigate }) {
  main.replaceChildren(ui.pageHeader('Churn risk', 'Which customers may leave, and why'));
  if (!available) { main.append(ui.unavailable('CRM analytics')); return; }
  const level = new URLSearchParams(location.search).get('level') || '';
  const body = h('div', {});
  const detail = h('div', { 'aria-live': 'polite' });
  main.append(
    ui.toolbar(ui.select('Level', [['', 'All'], ...crm.LEVELS.map((x) => [x, x])], level, (v) => navigate(`/crm/churn${query({ level: v })}`)),
      h('a', { class: 'button secondary', href: `${crm.PATHS.churnAccounts}${query({ level, limit: 100, format: 'csv' })}`, download: '' }, 'Accounts CSV')),
    body, detail);
  await ui.block(body, () => Promise.all([crm.get('churnRisk'), crm.get('churnAccounts', { level, limit: 100 })]), (data) => draw(data, detail));
}
