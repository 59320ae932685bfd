// CRM dashboard (the seed's `/` page): KPI cards, lead score ranges, pipeline by stage, churn
// levels, health radar, the trend of stored daily snapshots, and the latest CRM alerts.

import { h } from '../../dom.js';
import * as fmt from '../../format.js';
import { COLORS, chart } from '../../charts.js';
import * as ui from '../../ui.js';
import * as crm from './api.js';

export function healthRadar(health) {
  const b = health?.breakdown || {};
  const keys = ['coverage', 'distribution', 'win_rate', 'velocity'];
  return chart('Pipeline health factors, 25 points each', {
    type: 'radar',
    data: { labels: ['Coverage', 'Distribution', 'Win rate', 'Velocity'], datasets: [{ label: 'Points', data: keys.map((k) => b[k] ?? 0), borderColor: COLORS.blue, backgroundColor: 'rgba(37, 99, 235, 0.2)' }] },
    options: { scales: { r: { min: 0, max: 25 } }, plugins: { legend: { display: false } } },
  });
}

export function doughnut(label, breakdown, order, colors) {
  return chart(label, {
    type: 'doughnut',
    data: { labels: order, datasets: [{ data: order.map((k) => breakdown?.[k] ?? 0), backgroundColor: order.map((k) => colors[k]) }] },
    options: { plugins: { legend: { position: 'right' } } },
  });
}

/** The Overview's CRM part: pipeline health and churn breakdown. */
export function crmSummaryPanel(box) {
  return ui.block(box, () => crm.get('summary'), (s) => h('div', { class: 'grid-2' },
    ui.section('Pipeline health',
      ui.kpis(
        ui.kpi('Health', `${fmt.number(s.pipeline_health?.score, 1)} / 100`, { hint: s.pipeline_health?.rating }),
        ui.kpi('Open pipeline', fmt.moneyCompact(s.kpis?.total_pipeline_value), { hint: `${fmt.moneyCompact(s.pipeline_forecast?.total_weighted)} weighted` })),
      healthRadar(s.pipeline_health)),
    ui.section('Churn risk',
      ui.kpis(ui.kpi('Accounts', fmt.number(s.churn_summary?.total_accounts)), ui.kpi('Revenue at risk', fmt.moneyCompact(s.churn_summary?.revenue_at_risk))),
      doughnut('Accounts by churn risk level', s.churn_summary?.risk_breakdown, crm.LEVELS, crm.CHURN_COLORS))));
}

function trends(leads, pipeline, churn) {
  const list = (x) => crm.items(x);
  const labels = list(pipeline).map((p) => fmt.dateShort(p.date));
  if (!labels.length) return h('p', { class: 'muted empty' }, 'No stored daily snapshot yet: the daily pipeline has not run.');
  return chart('Daily trend of average lead score, pipeline health and average churn risk', {
    type: 'line',
    data: {
      labels,
      datasets: [
        { label: 'Pipeline health', data: list(pipeline).map((p) => p.score ?? p.health_score?.score), borderColor: COLORS.blue, yAxisID: 'y' },
        { label: 'Average lead score', data: list(leads).map((p) => p.average_score), borderColor: COLORS.orange, yAxisID: 'y' },
        { label: 'Average churn risk', data: list(churn).map((p) => p.average_risk_score), borderColor: COLORS.red, yAxisID: 'y1' },
      ],
    },
    options: { scales: { y: { min: 0, max: 100 }, y1: { position: 'right', min: 0, max: 1, grid: { drawOnChartArea: false } } } },
  });
}

function draw([s, funnel, alerts]) {
  const k = s.kpis || {};
  const stages = crm.items(funnel);
  return h('div', { class: 'stack' },
    ui.kpis(
      ui.kpi('Total leads', fmt.number(k.total_leads), { hint: `average score ${fmt.number(s.lead_summary?.average_score, 1)}` }),
      ui.kpi('Open opportunities', fmt.number(k.open_opportunities), { hint: `${fmt.number(k.open_cases)} open cases` }),
      ui.kpi('Pipeline value', fmt.moneyCompact(k.total_pipeline_value), { hint: `${fmt.moneyCompact(s.pipeline_forecast?.total_weighted)} weighted` }),
      ui.kpi('Pipeline health', `${fmt.number(s.pipeline_health?.score, 1)} / 100`, { hint: s.pipeline_health?.rating })),
    h('div', { class: 'grid-2' },
      ui.section('Lead score ranges', chart('Leads by score range', {
        type: 'doughnut',
        data: { labels: Object.keys(s.lead_summary?.score_ranges || {}), datasets: [{ data: Object.values(s.lead_summary?.score_ranges || {}), backgroundColor: crm.PRIORITIES.map((p) => crm.PRIORITY_COLORS[p]) }] },
        options: { plugins: { legend: { position: 'right' } } },
      })),
      ui.section('Pipeline by stage', chart('Pipeline value and deal count by stage', {
        type: 'bar',
        data: {
          labels: stages.map((x) => x.stage),
          datasets: [
            { type: 'bar', label: 'Value', data: stages.map((x) => x.total_value), backgroundColor: COLORS.blue, yAxisID: 'y' },
            { type: 'line', label: 'Deals', data: stages.map((x) => x.count), borderColor: COLORS.orange, yAxisID: 'y1' },
          ],
        },
        options: { scales: { y: { ticks: { callback: (v) => fmt.moneyCompact(v) } }, y1: { position: 'right', grid: { drawOnChartArea: false } } } },
      })),
      ui.section('Churn risk', doughnut('Accounts by churn risk level', s.churn_summary?.risk_breakdown, crm.LEVELS, crm.CHURN_COLORS)),
      ui.section('Pipeline health factors', healthRadar(s.pipeline_health))),
    ui.section('Latest alerts',
      crm.items(alerts).length
        ? h('ul', { class: 'list' }, crm.items(alerts).slice(-10).reverse().map((a) => h('li', {},
            ui.severityBadge(a.priority), ' ', h('strong', {}, a.type), ' ', String(a.message ?? '').slice(0, 200), h('div', { class: 'muted' }, fmt.instant(a.timestamp)))))
        : h('p', { class: 'muted empty' }, 'No CRM alert.')));
}

export async function render(main, { available }) {
  main.replaceChildren(ui.pageHeader('CRM dashboard', 'Leads, pipeline and churn from the CRM'));
  if (!available) { main.append(ui.unavailable('CRM analytics')); return; }
  const body = h('div', {});
  const trend = h('div', {});
  main.append(body, ui.section('Daily trend (stored snapshots)', trend));
  await Promise.all([
    ui.block(body, () => Promise.all([crm.get('summary'), crm.get('funnel'), crm.get('alerts')]), draw),
    ui.block(trend, () => Promise.all([crm.history('leads'), crm.history('pipeline'), crm.history('churn')]), ([l, p, c]) => trends(l, p, c)),
  ]);
}
