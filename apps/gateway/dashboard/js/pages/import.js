// Import (issue 6's API): upload a spreadsheet, see the preview and every row error, commit the
// valid rows or all of them.
//
// Contract used: POST /api/v1/excel/uploads (multipart, field `file`) → {batch_id, counts: {rows,
// valid, invalid}, preview: [row objects], errors: [{row, field, code, message}]};
// GET /api/v1/excel/uploads/{id}?page=N → the same, errors paged; POST
// /api/v1/excel/uploads/{id}/commit {mode: all_or_nothing | valid_rows_only}.

import { api } from '../api.js';
import { h, replace } from '../dom.js';
import * as fmt from '../format.js';
import * as ui from '../ui.js';

const cell = (v) => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));

function previewTable(rows) {
  if (!rows?.length) return h('p', { class: 'muted empty' }, 'No valid row to preview.');
  const keys = Object.keys(rows[0]);
  return ui.table(keys.map((k) => ({ label: k, value: (r) => cell(r[k]) })), rows, { caption: 'Preview (normalised rows)' });
}

function errorsTable(errors) {
  return ui.table([
    { label: 'Row', value: (e) => fmt.number(e.row), numeric: true },
    { label: 'Column', value: (e) => e.field ?? '' },
    { label: 'Code', value: (e) => e.code ?? '' },
    { label: 'Problem', value: (e) => e.message ?? '' },
  ], errors || [], { caption: 'Rows that cannot be imported', empty: 'No errors: every row is valid.' });
}

async function allErrors(batch) {
  // The upload answer may page its errors; fetch every page so none is hidden.
  const errors = [...(batch.errors || [])];
  const total = batch.counts?.errors ?? batch.error_count ?? batch.total_errors;
  for (let page = 2; total !== undefined && errors.length < total && page < 1000; page += 1) {
    const more = await api(`/api/v1/excel/uploads/${encodeURIComponent(batch.batch_id)}`, { query: { page } });
    if (!more.errors?.length) break;
    errors.push(...more.errors);
  }
  return errors;
}

function batchView(batch, errors) {
  const c = batch.counts || {};
  const result = h('div', { 'aria-live': 'polite' });
  const commit = (mode) => async (e) => {
    e.target.disabled = true;
    try {
      const done = await api(`/api/v1/excel/uploads/${encodeURIComponent(batch.batch_id)}/commit`, { method: 'POST', json: { mode } });
      replace(result, h('p', { class: 'notice', role: 'status' }, `Committed: ${fmt.number(done.committed ?? done.recorded ?? done.counts?.committed ?? 0)} rows (${done.status ?? 'done'}).`));
    } catch (error) {
      replace(result, ui.errorBox(error));
      e.target.disabled = false;
    }
  };
  return h('div', { class: 'stack' },
    ui.kpis(ui.kpi('Rows', fmt.number(c.rows)), ui.kpi('Valid', fmt.number(c.valid)), ui.kpi('With errors', fmt.number(c.invalid))),
    ui.section('Preview', previewTable(batch.preview)),
    ui.section(`Errors (${fmt.number(errors.length)})`, errorsTable(errors)),
    ui.section('Commit',
      h('p', { class: 'muted' }, 'Valid rows only skips the rows listed above; all or nothing commits only if every row is valid.'),
      ui.toolbar(
        ui.button(`Commit ${fmt.number(c.valid)} valid rows`, commit('valid_rows_only'), { disabled: !c.valid }),
        ui.button('Commit all (all or nothing)', commit('all_or_nothing'), { class: 'button secondary', disabled: c.invalid > 0 })),
      result));
}

export async function render(main, { available }) {
  main.replaceChildren(ui.pageHeader('Import sales', 'Excel (.xlsx, .xls, .ods) or CSV: check every row before anything is recorded'));
  if (!available) { main.append(ui.unavailable('Imports')); return; }
  const file = ui.input('File', { type: 'file', name: 'file', accept: '.xlsx,.xls,.ods,.csv', required: true });
  const sheet = ui.input('Sheet (optional)', { type: 'text', name: 'sheet' });
  const dateFormat = ui.select('Dates', [['', 'Detect'], ['iso', 'YYYY-MM-DD'], ['dmy', 'DD/MM/YYYY'], ['mdy', 'MM/DD/YYYY']], '', () => {});
  const body = h('div', {});
  const upload = ui.button('Upload and check', async () => {
    const chosen = file.querySelector('input').files[0];
    if (!chosen) { replace(body, ui.errorBox({ message: 'Choose a file first.' })); return; }
    const form = new FormData();
    form.append('file', chosen);
    const sheetName = sheet.querySelector('input').value.trim();
    if (sheetName) form.append('sheet', sheetName);
    const df = dateFormat.querySelector('select').value;
    if (df) form.append('date_format', df);
    upload.disabled = true;
    await ui.block(body, async () => {
      const batch = await api('/api/v1/excel/uploads', { method: 'POST', form });
      return [batch, await allErrors(batch)];
    }, ([batch, errors]) => batchView(batch, errors));
    upload.disabled = false;
  });
  main.append(ui.section('Upload', ui.toolbar(file, sheet, dateFormat, upload),
    h('p', {}, h('a', { href: '/api/v1/excel/template', download: '' }, 'Download the template'))), body);
}
