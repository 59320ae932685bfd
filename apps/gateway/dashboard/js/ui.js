// Building blocks of every page: headings, KPI cards, tables, controls, badges, and the loading
// and error states.

import { h, replace, uid } from './dom.js';
import * as fmt from './format.js';

export function pageHeader(title, subtitle, ...actions) {
  return h('div', { class: 'page-header' },
    h('div', {}, h('h1', { tabindex: '-1' }, title), subtitle ? h('p', { class: 'muted' }, subtitle) : null),
    actions.length ? h('div', { class: 'actions' }, actions) : null);
}

export function section(title, ...children) {
  const id = uid('s');
  return h('section', { class: 'card', 'aria-labelledby': id }, h('h2', { id }, title), children);
}

/** A KPI card; `delta` is a change in percent (coloured by sign), `hint` a second line. */
export function kpi(label, value, { delta, hint, testid } = {}) {
  const cls = typeof delta === 'number' ? (delta > 0 ? 'up' : delta < 0 ? 'down' : 'flat') : null;
  return h('div', { class: 'kpi', dataset: testid ? { kpi: testid } : {} },
    h('div', { class: 'kpi-label' }, label),
    h('div', { class: 'kpi-value' }, value),
    typeof delta === 'number' || delta === null
      ? h('div', { class: `kpi-delta ${cls || 'flat'}` }, delta === null ? 'no previous data' : `${fmt.change(delta)} vs previous period`)
      : null,
    hint ? h('div', { class: 'kpi-hint muted' }, hint) : null);
}

export const kpis = (...cards) => h('div', { class: 'kpis' }, cards);

/**
 * A table: `columns` = [{label, value: row => text|Node, numeric}], in a scrolling wrapper so a
 * phone can pan it. `empty` is shown when there are no rows.
 */
export function table(columns, rows, { caption, empty = 'Nothing to show.', rowAttrs } = {}) {
  if (!rows.length) return h('p', { class: 'muted empty' }, empty);
  return h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': caption || 'table' },
    h('table', {},
      caption ? h('caption', {}, caption) : null,
      h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col', class: c.numeric ? 'num' : null }, c.label)))),
      h('tbody', {}, rows.map((row) => h('tr', rowAttrs ? rowAttrs(row) : {},
        columns.map((c) => h('td', { class: c.numeric ? 'num' : null }, c.value(row))))))));
}

const SEVERITY = { critical: 'danger', high: 'danger', medium: 'warn', low: 'info', info: 'muted' };
const STATUS = { OK: 'ok', LOW_STOCK: 'warn', OUT_OF_STOCK: 'danger', DEAD_STOCK: 'muted' };
const STATUS_LABEL = { OK: 'OK', LOW_STOCK: 'LOW', OUT_OF_STOCK: 'OUT', DEAD_STOCK: 'DEAD' };

export const badge = (text, kind = 'muted') => h('span', { class: `badge ${kind}` }, text);
export const severityBadge = (s) => badge(String(s || '').toUpperCase(), SEVERITY[String(s || '').toLowerCase()] || 'muted');
export const stockBadge = (s) => badge(STATUS_LABEL[s] || s, STATUS[s] || 'muted');

/** A labelled `<select>`; `options` = [[value, label]]. */
export function select(label, options, value, onChange, attrs = {}) {
  const id = uid('sel');
  const el = h('select', { id, ...attrs, on: { change: (e) => onChange(e.target.value) } },
    options.map(([v, text]) => h('option', { value: v, selected: String(v) === String(value) }, text)));
  return h('div', { class: 'field' }, h('label', { for: id }, label), el);
}

/** A labelled `<input>`. */
export function input(label, attrs = {}) {
  const id = uid('in');
  return h('div', { class: 'field' }, h('label', { for: id }, label), h('input', { id, ...attrs }));
}

export const button = (text, onClick, attrs = {}) =>
  h('button', { type: 'button', class: 'button', ...attrs, on: { click: onClick } }, text);

export const toolbar = (...children) => h('div', { class: 'toolbar' }, children);

export function loading(container, text = 'Loading…') {
  return replace(container, h('p', { class: 'status', role: 'status' }, text));
}

/** An error with its code and a way to try again. */
export function errorBox(error, retry) {
  return h('div', { class: 'error-box', role: 'alert' },
    h('strong', {}, 'Something went wrong. '),
    error?.message || String(error),
    error?.code ? h('span', { class: 'muted' }, ` (${error.code})`) : null,
    retry ? h('div', {}, button('Try again', retry, { class: 'button secondary' })) : null);
}

/**
 * Runs `load()` and draws its result with `draw(data)` inside `container`, with a loading state
 * before and an error state (with retry) on failure. Resolves when the content is in place.
 */
export async function block(container, load, draw) {
  loading(container);
  container.setAttribute('aria-busy', 'true');
  try {
    const data = await load();
    replace(container, draw(data));
  } catch (error) {
    replace(container, errorBox(error, () => block(container, load, draw)));
    if (error?.status === undefined) console.warn(error); // a bug, not an API answer
  } finally {
    container.removeAttribute('aria-busy');
  }
}

/** A note that a part of the product is not on this server yet. */
export const unavailable = (what) =>
  h('p', { class: 'muted unavailable' }, `${what} ${what.endsWith('s') ? 'are' : 'is'} not available on this server.`);
