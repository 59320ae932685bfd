// Reports (issue 5's API): create a report job, watch its progress, download it; the job list;
// the schedules, with create, edit and delete.
//
// Contract used: POST /api/v1/reports {type, format, period | start_date+end_date} → 202
// {job_id, status_url}; GET status_url → {status: queued|generating|completed|failed, progress,
// error, artifact}; GET /api/v1/reports/{id}/download; GET /api/v1/reports → {items|[]};
// /api/v1/reports/schedules: GET (list), POST, PATCH /{id}, DELETE /{id}.

import { api } from '../api.js';
import { h, replace } from '../dom.js';
import * as fmt from '../format.js';
import * as ui from '../ui.js';

const TYPES = [['combined', 'Sales and stock'], ['sales', 'Sales'], ['stock', 'Stock']];
const FORMATS = [['pdf', 'PDF'], ['xlsx', 'Excel (XLSX)']];
const PERIODS = [['weekly', 'Last 7 days'], ['monthly', 'Month to date'], ['quarterly', 'Last 90 days'], ['daily', 'Today']];
const POLL_MS = 1000;
const MAX_POLLS = 600;

const items = (list) => (Array.isArray(list) ? list : list?.items || list?.jobs || list?.schedules || []);
const idOf = (x) => x.id ?? x.job_id ?? x.schedule_id;
const downloadUrl = (id) => `/api/v1/reports/${encodeURIComponent(id)}/download`;

function progressBar(job) {
  const pct = Math.max(0, Math.min(100, Number(job.progress ?? (job.status === 'completed' ? 100 : 0))));
  const bar = h('div', {});
  bar.style.width = `${pct}%`;
  return h('div', { class: 'stack' },
    h('div', { class: 'progress', role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': '100', 'aria-valuenow': String(pct), 'aria-label': 'Report progress' }, bar),
    h('p', { role: 'status' }, `${job.status} · ${fmt.number(pct)} %`),
    job.status === 'failed' ? ui.errorBox({ message: job.error?.message || job.error || 'the report failed' }) : null,
    job.status === 'completed'
      ? h('p', {}, h('a', { class: 'button', href: downloadUrl(idOf(job)), download: '' }, `Download ${(job.artifact?.format || '').toUpperCase()}`),
          job.artifact?.bytes ? h('span', { class: 'muted' }, ` ${fmt.bytes(job.artifact.bytes)}`) : null)
      : null);
}

/** Polls the job until it is completed or failed, redrawing `box` each time. */
async function watch(box, statusUrl, id) {
  for (let i = 0; i < MAX_POLLS; i += 1) {
    const job = await api(statusUrl);
    job.id = job.id ?? id;
    replace(box, progressBar(job));
    if (job.status === 'completed' || job.status === 'failed') return job;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  replace(box, ui.errorBox({ message: 'The report is taking unusually long; check the list below later.' }));
  return null;
}

function createForm(onCreated) {
  const state = { type: 'combined', format: 'pdf', period: 'monthly' };
  const box = h('div', {});
  const submit = ui.button('Create report', async () => {
    submit.disabled = true;
    replace(box, h('p', { class: 'status', role: 'status' }, 'Queuing…'));
    try {
      const job = await api('/api/v1/reports', { method: 'POST', json: state });
      const id = job.job_id ?? job.id;
      await watch(box, job.status_url || `/api/v1/reports/${encodeURIComponent(id)}`, id);
      onCreated();
    } catch (error) {
      replace(box, ui.errorBox(error));
    } finally {
      submit.disabled = false;
    }
  });
  return ui.section('New report',
    ui.toolbar(
      ui.select('Content', TYPES, state.type, (v) => { state.type = v; }),
      ui.select('Format', FORMATS, state.format, (v) => { state.format = v; }),
      ui.select('Period', PERIODS, state.period, (v) => { state.period = v; }),
      submit),
    box);
}

function jobsTable(list) {
  return ui.table([
    { label: 'Created', value: (j) => fmt.instant(j.created_at) },
    { label: 'Content', value: (j) => `${j.type ?? ''} ${(j.format ?? '').toUpperCase()}` },
    { label: 'Status', value: (j) => ui.badge(j.status, j.status === 'completed' ? 'ok' : j.status === 'failed' ? 'danger' : 'info') },
    { label: '', value: (j) => (j.status === 'completed' ? h('a', { href: downloadUrl(idOf(j)), download: '' }, 'Download') : '') },
  ], items(list), { caption: 'Recent reports', empty: 'No report yet.' });
}

function scheduleForm(schedule, onSaved, shopZone) {
  const s = { type: 'combined', format: 'pdf', cron: '0 7 * * 1', timezone: shopZone || 'UTC', recipients: [], enabled: true, ...schedule };
  const name = ui.input('Name', { value: s.name || '' });
  const cron = ui.input('Cron (min hour day month weekday)', { value: s.cron || '', required: true });
  const zone = ui.input('Time zone (IANA)', { value: s.timezone });
  const recipients = ui.input('E-mail recipients (comma-separated)', { type: 'text', value: (s.recipients || []).join(', ') });
  const box = h('div', {});
  const save = ui.button(schedule ? 'Save' : 'Add schedule', async () => {
    const body = {
      type: s.type, format: s.format, enabled: s.enabled,
      ...(name.querySelector('input').value.trim() ? { name: name.querySelector('input').value.trim() } : {}),
      cron: cron.querySelector('input').value.trim(),
      timezone: zone.querySelector('input').value.trim(),
      recipients: recipients.querySelector('input').value.split(',').map((x) => x.trim()).filter(Boolean),
    };
    try {
      await (schedule
        ? api(`/api/v1/reports/schedules/${encodeURIComponent(idOf(schedule))}`, { method: 'PATCH', json: body })
        : api('/api/v1/reports/schedules', { method: 'POST', json: body }));
      onSaved();
    } catch (error) {
      const field = error.details?.field ? ` (${error.details.field})` : '';
      replace(box, ui.errorBox({ ...error, message: `${error.message}${field}` }));
    }
  });
  return h('div', { class: 'stack' }, ui.toolbar(
    ui.select('Content', TYPES, s.type, (v) => { s.type = v; }),
    ui.select('Format', FORMATS, s.format, (v) => { s.format = v; }),
    ui.select('Active', [['true', 'Enabled'], ['false', 'Paused']], String(s.enabled), (v) => { s.enabled = v === 'true'; }),
    name, cron, zone, recipients, save), box);
}

function schedulesPart(list, reload, shopZone) {
  const editor = h('div', {});
  const rows = items(list);
  return h('div', { class: 'stack' },
    ui.table([
      { label: 'Name', value: (x) => x.name || '' },
      { label: 'When', value: (x) => x.cron || x.time || '' },
      { label: 'Zone', value: (x) => x.timezone || '' },
      { label: 'Content', value: (x) => `${x.type ?? ''} ${(x.format ?? '').toUpperCase()}` },
      { label: 'Recipients', value: (x) => (x.recipients || []).join(', ') },
      { label: 'Next run', value: (x) => (x.enabled === false ? ui.badge('paused') : fmt.instant(x.next_run_at)) },
      { label: '', value: (x) => h('span', { class: 'toolbar' },
          ui.button('Edit', () => replace(editor, h('h3', {}, `Edit ${x.name || 'schedule'}`), scheduleForm(x, reload, shopZone)), { class: 'button secondary' }),
          ui.button('Delete', async () => { await api(`/api/v1/reports/schedules/${encodeURIComponent(idOf(x))}`, { method: 'DELETE' }); reload(); }, { class: 'button secondary' })) },
    ], rows, { caption: 'Scheduled reports', empty: 'No schedule yet.' }),
    editor, h('h3', {}, 'New schedule'), scheduleForm(null, reload, shopZone));
}

export async function render(main, { available, session }) {
  main.replaceChildren(ui.pageHeader('Reports', 'PDF and Excel reports, on demand and on schedule'));
  if (!available) { main.append(ui.unavailable('Report jobs')); return; }
  const jobs = h('div', {});
  const schedules = h('div', {});
  const loadJobs = () => ui.block(jobs, () => api('/api/v1/reports'), jobsTable);
  const shopZone = session?.shop?.timezone;
  const loadSchedules = () => ui.block(schedules, () => api('/api/v1/reports/schedules'), (list) => schedulesPart(list, loadSchedules, shopZone));
  main.append(createForm(loadJobs), ui.section('Reports', jobs), ui.section('Schedules', schedules));
  if (!session?.features?.schedules) {
    schedules.append(ui.unavailable('Report schedules'));
    await loadJobs();
    return;
  }
  await Promise.all([loadJobs(), loadSchedules()]);
}
