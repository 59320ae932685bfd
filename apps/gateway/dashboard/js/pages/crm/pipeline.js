// Pipeline health (the seed's /pipeline page): health score and rating, open and weighted
// pipeline, win rate, the stage funnel, the health radar, the forecast categories, risks and
// recommendations.

import { h } from '../../dom.js';
import * as fmt from '../../format.js';
import { COLORS, chart } from '../../charts.js';
import * as ui from '../../ui.js';
import * as crm from './api.js';
import { healthRadar } from './dashboard.js';

const STAGE_COLORS = ['#94a3b8', '#60a5fa', '#3b82f6', '#6366f1', '#8b5cf6', COLORS.green, COLORS.red];

function draw(health) {
  const v = health.velocity_metrics || {};
  const f = health.forecast || {};
  const stages = health.stage_summary || [];
  const lost = stages.find((s) => s.stage === 'Closed Lost')?.count ?? 0;
  const won = v.closed_won_count ?? 0;
  const winRate = won + lost > 0 ? (100 * won) / (won + lost) : null;
  return h('div', { class: 'stack' },
    ui.kpis(
      ui.kpi('Health', `${fmt.number(health.health_score?.score, 1)} / 100`, { hint: health.health_score?.rating }),
      ui.kpi('Open pipeline', fmt.moneyCompact(v.open_pipeline_value), { hint: `${fmt.number(v.open_deals)} open deals` }),
      ui.kpi('Weighted forecast', fmt.moneyCompact(f.total_weighted)),
      ui.kpi('Win rate', winRate === null ? '—' : fmt.percent(winRate, 0), { hint: `${fmt.number(won)} won, ${fmt.number(lost)} lost` })),
    h('div', { class: 'grid-2' },
      ui.section('Funnel', chart('Deals per stage', {
        type: 'bar',
        data: { labels: stages.map((s) => s.stage), datasets: [{ label: 'Deals', data: stages.map((s) => s.count), backgroundColor: STAGE_COLORS }] },
        options: { indexAxis: 'y', plugins: { legend: { display: false } } },
      })),
      ui.section('Health factors', healthRadar(health.health_score)),
      ui.section('Forecast categories', chart('Open pipeline by forecast category', {
        type: 'doughnut',
        data: { labels: ['Commit', 'Best case', 'Pipeline'], datasets: [{ data: [f.commit ?? 0, f.best_case ?? 0, f.pipeline ?? 0], backgroundColor: [COLORS.green, COLORS.blue, COLORS.grey] }] },
        options: { plugins: { legend: { position: 'right' } } },
      })),
      ui.section('Risks',
        (health.risk_indicators || []).length
          ? h('ul', { class: 'list' }, health.risk_indicators.map((r) => h('li', {}, ui.severityBadge(r.severity), ' ', h('strong', {}, r.type), h('div', {}, r.message))))
          : h('p', { class: 'muted empty' }, 'No risk indicator.'))),
    ui.section('Recommendations', h('ul', {}, (health.recommendations || []).map((r) => h('li', {}, r)))),
    ui.section('Stages', ui.table([
      { label: 'Stage', value: (s) => s.stage },
      { label: 'Deals', value: (s) => fmt.number(s.count), numeric: true },
      { label: 'Value', value: (s) => fmt.money(s.total_value, 0), numeric: true },
      { label: 'Average', value: (s) => fmt.money(s.avg_value, 0), numeric: true },
      { label: 'Weighted', value: (s) => fmt.money(s.weighted_value, 0), numeric: true },
    ], stages)));
}

export async function render(main, { available }) {
  main.replaceChildren(ui.pageHeader('Pipeline health', 'How healthy the sales pipeline is, and what to do about it'));
  if (!available) { main.append(ui.unavailable('CRM analytics')); return; }
  const body = h('div', {});
  main.append(body);
  await ui.block(body, () => crm.get('pipelineHealth'), draw);
}
