// Drill-down of one lead or account: each factor's raw input, normalised value, weight and
// contribution, and the daily trend from stored snapshots.

import { h } from '../../dom.js';
import * as fmt from '../../format.js';
import { COLORS, chart } from '../../charts.js';
import * as ui from '../../ui.js';
import * as crm from './api.js';

/** The explanation of a record, whatever the engine named it. */
function factors(record) {
  const raw = record.explanation ?? record.Explanation ?? record.factors ?? record.Score_Explanation ?? record.Risk_Explanation ?? [];
  return Array.isArray(raw) ? raw : Object.entries(raw).map(([factor, v]) => ({ factor, ...v }));
}

function explanationTable(record) {
  const num = (v, d = 3) => (typeof v === 'number' ? fmt.number(v, d) : v ?? '');
  return ui.table([
    { label: 'Factor', value: (f) => f.factor ?? f.name ?? '' },
    { label: 'Input', value: (f) => (typeof f.raw === 'object' ? JSON.stringify(f.raw) : num(f.raw ?? f.input, 2)) },
    { label: 'Normalised', value: (f) => num(f.normalised ?? f.normalized ?? f.value), numeric: true },
    { label: 'Weight', value: (f) => num(f.weight, 2), numeric: true },
    { label: 'Contribution', value: (f) => num(f.contribution), numeric: true },
  ], factors(record), { caption: 'How the score was computed', empty: 'No explanation was stored with this record.' });
}

function trend(points, valueKey, label) {
  const list = crm.items(points);
  if (!list.length) return h('p', { class: 'muted empty' }, 'No stored daily snapshot yet.');
  return chart(`${label} per day`, {
    type: 'line',
    data: { labels: list.map((p) => fmt.dateShort(p.date)), datasets: [{ label, data: list.map((p) => p[valueKey] ?? p.score ?? p.value), borderColor: COLORS.blue, pointRadius: 2 }] },
    options: { plugins: { legend: { display: false } } },
  });
}

/** Fills `box` with the drill-down of a lead (`kind` = 'lead') or an account ('account'). */
export async function show(box, kind, record) {
  const id = record.Id ?? record.id;
  const title = kind === 'lead'
    ? `${record.FirstName ?? ''} ${record.LastName ?? record.Name ?? ''} · ${record.Company ?? ''}`
    : `${record.Name ?? id}`;
  const score = kind === 'lead' ? `${fmt.number(record.Lead_Score, 1)} (${record.Priority})` : `${fmt.number(record.Churn_Risk_Score, 3)} (${record.Churn_Risk_Level})`;
  const body = h('div', {});
  box.replaceChildren(ui.section(`Details: ${title}`, h('p', {}, kind === 'lead' ? 'Lead score ' : 'Churn risk ', h('strong', {}, score)), body));
  box.scrollIntoView({ block: 'nearest' });
  await ui.block(body, async () => {
    const detail = await (kind === 'lead' ? crm.lead(id) : crm.account(id)).catch(() => record);
    return detail;
  }, (detail) => h('div', { class: 'grid-2' },
    h('div', {}, explanationTable(detail),
      kind === 'account' && detail.Risk_Factors ? h('ul', {}, detail.Risk_Factors.map((f) => h('li', {}, f))) : null),
    h('div', {}, h('h3', {}, 'Daily trend'), trend(detail.history ?? detail.trend ?? [], kind === 'lead' ? 'Lead_Score' : 'Churn_Risk_Score', kind === 'lead' ? 'Lead score' : 'Churn risk'))));
}
