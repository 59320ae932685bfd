// Anomalies and alerts: anomalous days of the shop (or one product) with their label and
// severity, and the alert history with acknowledgement.

import { api } from '../api.js';
import { h, query, replace } from '../dom.js';
import * as fmt from '../format.js';
import * as ui from '../ui.js';

const STATUS = [['open', 'Open'], ['acknowledged', 'Acknowledged'], ['', 'All']];
const SEVERITY = [['', 'Any severity'], ['low', 'Low and above'], ['medium', 'Medium and above'], ['high', 'High and above'], ['critical', 'Critical']];
const SOURCE = [['', 'All sources'], ['anomaly', 'Anomalies'], ['stock', 'Stock'], ['crm', 'CRM']];
const PER_PAGE = 20;

function anomaliesTable(result) {
  return h('div', { class: 'stack' },
    h('p', { class: 'muted' }, `${fmt.date(result.history.start)} – ${fmt.date(result.history.end)}, method ${result.method}, threshold ${fmt.number(result.threshold, 2)}`),
    ui.table([
      { label: 'Day', value: (a) => fmt.date(a.date) },
      { label: 'Label', value: (a) => ui.badge(a.type, 'info') },
      { label: 'Severity', value: (a) => ui.severityBadge(a.severity) },
      { label: 'Units', value: (a) => fmt.number(a.value, 1), numeric: true },
      { label: 'Expected', value: (a) => fmt.number(a.expected, 1), numeric: true },
      { label: 'Score', value: (a) => fmt.number(a.score, 2), numeric: true },
      { label: 'Why', value: (a) => a.explanation },
    ], [...result.anomalies].reverse(), { caption: `${fmt.number(result.count)} anomalous ${result.count === 1 ? 'day' : 'days'}, newest first`, empty: 'No anomalous day in this window.' }));
}

function alertRow(alert, onAck) {
  const ack = alert.status === 'open'
    ? ui.button('Acknowledge', onAck, { class: 'button secondary', 'aria-label': `Acknowledge alert: ${alert.title}`, dataset: { ack: alert.id } })
    : h('span', { class: 'muted' }, `by ${alert.acknowledged_by || '?'} · ${fmt.instant(alert.acknowledged_at)}`);
  return [
    fmt.instant(alert.created_at),
    ui.severityBadge(alert.severity),
    h('span', {}, alert.source, h('div', { class: 'muted' }, alert.type)),
    h('span', {}, h('strong', { class: 'alert-title' }, alert.title), h('div', { class: 'alert-message muted' }, alert.message)),
    alert.status === 'open' ? ui.badge('open', 'warn') : ui.badge('acknowledged', 'ok'),
    ack,
  ];
}

function alertsTable(page, filter, reload, navigate) {
  const labels = ['Raised', 'Severity', 'Source', 'Alert', 'Status', ''];
  const rows = page.items.map((alert) => {
    const tr = h('tr', { dataset: { alert: alert.id } });
    const fill = (a) => replace(tr, alertRow(a, async (e) => {
      e.target.disabled = true;
      try {
        fill(await api(`/api/v1/alerts/${encodeURIComponent(a.id)}/ack`, { method: 'POST' }));
      } catch (error) {
        e.target.disabled = false;
        tr.after(h('tr', {}, h('td', { colspan: '6' }, ui.errorBox(error))));
      }
    }).map((cell) => h('td', {}, cell)));
    fill(alert);
    return tr;
  });
  const pages = Math.max(1, Math.ceil(page.total / page.per_page));
  return h('div', { class: 'stack' },
    page.items.length
      ? h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': 'alerts' },
          h('table', {}, h('caption', {}, `${fmt.number(page.total)} ${page.total === 1 ? 'alert' : 'alerts'}, newest first`),
            h('thead', {}, h('tr', {}, labels.map((l) => h('th', { scope: 'col' }, l)))), h('tbody', {}, rows)))
      : h('p', { class: 'muted empty' }, 'No alert matches.'),
    h('div', { class: 'toolbar' },
      ui.button('Previous', () => navigate(`/alerts${query({ ...filter, page: page.page - 1 })}`), { class: 'button secondary', disabled: page.page <= 1 }),
      h('span', { class: 'muted' }, `Page ${page.page} of ${pages}`),
      ui.button('Next', () => navigate(`/alerts${query({ ...filter, page: page.page + 1 })}`), { class: 'button secondary', disabled: page.page >= pages }),
      ui.button('Refresh', reload, { class: 'button secondary' })));
}

export async function render(main, { navigate }) {
  const q = new URLSearchParams(location.search);
  const filter = { status: q.get('status') ?? 'open', severity: q.get('severity') || '', source: q.get('source') || '', page: q.get('page') || '1', sku: q.get('sku') || '' };
  const set = (changes) => navigate(`/alerts${query({ ...filter, page: 1, ...changes })}`);
  const anomalies = h('div', {});
  const alerts = h('div', {});
  const loadAlerts = () => ui.block(alerts,
    () => api('/api/v1/alerts', { query: { status: filter.status, severity: filter.severity, source: filter.source, page: filter.page, per_page: PER_PAGE } }),
    (page) => alertsTable(page, filter, loadAlerts, navigate));
  const scope = filter.sku ? { scope: 'PRODUCT', sku: filter.sku } : { scope: 'GLOBAL' };
  const detect = () => ui.block(anomalies, () => api('/api/v1/ml/anomalies', { method: 'POST', json: scope }), anomaliesTable);
  const picker = h('div', {});
  main.replaceChildren(
    ui.pageHeader('Anomalies & alerts', 'Unusual days, and the alerts they raised'),
    ui.section('Anomalous days (units sold)', picker, anomalies, h('p', {}, ui.button('Detect again', async () => { await detect(); await loadAlerts(); }, { class: 'button secondary' }))),
    ui.section('Alerts',
      ui.toolbar(
        ui.select('Status', STATUS, filter.status, (v) => set({ status: v })),
        ui.select('Severity', SEVERITY, filter.severity, (v) => set({ severity: v })),
        ui.select('Source', SOURCE, filter.source, (v) => set({ source: v }))),
      alerts));
  const products = api('/api/v1/analytics/stock').then((stock) => {
    const options = [['', 'Whole shop'], ...stock.products.map((x) => [x.sku, `${x.name} (${x.sku})`])];
    picker.replaceChildren(ui.toolbar(ui.select('Scope', options, filter.sku, (v) => set({ sku: v }))));
  }, () => {});
  // Detection first: HIGH anomalies raise alerts, which the list then shows.
  await Promise.all([detect(), products]);
  await loadAlerts();
}
