// Lead scoring (the seed's /leads page): KPIs, score ranges, priorities, the scored leads with a
// priority filter, and a drill-down into each lead's factor explanation and daily trend.

import { h, query } from '../../dom.js';
import * as fmt from '../../format.js';
import { chart } from '../../charts.js';
import * as ui from '../../ui.js';
import * as crm from './api.js';
import { doughnut } from './dashboard.js';
import { show } from './drilldown.js';

function draw([dist, leads], detail) {
  const p = dist.priority_breakdown || {};
  const rows = crm.items(leads);
  return h('div', { class: 'stack' },
    ui.kpis(
      ui.kpi('Leads', fmt.number(dist.total_leads)),
      ui.kpi('Critical', fmt.number(p.Critical)),
      ui.kpi('High', fmt.number(p.High)),
      ui.kpi('Average score', fmt.number(dist.average_score, 1), { hint: `median ${fmt.number(dist.median_score, 1)}` })),
    h('div', { class: 'grid-2' },
      ui.section('Score ranges', chart('Leads by score range', {
        type: 'bar',
        data: { labels: Object.keys(dist.score_ranges || {}), datasets: [{ data: Object.values(dist.score_ranges || {}), backgroundColor: crm.PRIORITIES.map((x) => crm.PRIORITY_COLORS[x]) }] },
        options: { plugins: { legend: { display: false } } },
      })),
      ui.section('Priorities', doughnut('Leads by priority', p, crm.PRIORITIES, crm.PRIORITY_COLORS))),
    ui.section('Scored leads', ui.table([
      { label: 'Name', value: (l) => h('button', { type: 'button', class: 'linklike', 'aria-label': `Details of ${l.FirstName ?? ''} ${l.LastName ?? ''}`, on: { click: () => show(detail, 'lead', l) } }, `${l.FirstName ?? ''} ${l.LastName ?? ''}`) },
      { label: 'Company', value: (l) => l.Company ?? '' },
      { label: 'Industry', value: (l) => l.Industry ?? '' },
      { label: 'Source', value: (l) => l.LeadSource ?? '' },
      { label: 'Score', value: (l) => fmt.number(l.Lead_Score, 1), numeric: true },
      { label: 'Priority', value: (l) => ui.severityBadge(l.Priority) },
      { label: 'Status', value: (l) => l.Status ?? '' },
    ], rows, { caption: `${fmt.number(rows.length)} leads, best first`, empty: 'No lead matches.' })));
}

export async function render(main, { available, navigate }) {
  main.replaceChildren(ui.pageHeader('Lead scoring', 'Which leads to call first, and why'));
  if (!available) { main.append(ui.unavailable('CRM analytics')); return; }
  const priority = new URLSearchParams(location.search).get('priority') || '';
  const body = h('div', {});
  const detail = h('div', { 'aria-live': 'polite' });
  main.append(
    ui.toolbar(ui.select('Priority', [['', 'All'], ...crm.PRIORITIES.map((x) => [x, x])], priority, (v) => navigate(`/crm/leads${query({ priority: v })}`)),
      h('a', { class: 'button secondary', href: `${crm.PATHS.leads}${query({ priority, limit: 100, format: 'csv' })}`, download: '' }, 'Leads CSV')),
    body, detail);
  await ui.block(body, () => Promise.all([crm.get('distribution'), crm.get('leads', { priority, limit: 100 })]), (data) => draw(data, detail));
}
