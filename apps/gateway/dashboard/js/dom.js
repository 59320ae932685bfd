// Safe DOM building: every value from data becomes a Text node or an attribute set through the
// DOM API, never markup. There is no innerHTML anywhere in the app (and the CSP's Trusted Types
// rule would make any such assignment throw).

const URL_ATTRIBUTES = new Set(['href', 'src', 'action']);

function safeUrl(value) {
  const url = new URL(String(value), location.origin);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`refused URL ${value}`);
  return url.origin === location.origin ? url.pathname + url.search + url.hash : url.href;
}

/** Appends children: strings and numbers as text, nodes as they are, arrays flattened. */
export function append(parent, ...children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/**
 * `h('a', {href: '/x', class: 'link', on: {click: fn}}, 'text', node)`. Event handlers only
 * through `on`; an attribute named `on…` is refused so no string can become code.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'on') {
      for (const [event, handler] of Object.entries(value)) el.addEventListener(event, handler);
    } else if (name === 'dataset') {
      Object.assign(el.dataset, value);
    } else if (name === 'value' || name === 'checked' || name === 'selected') {
      el[name] = value;
    } else if (/^on/i.test(name)) {
      throw new Error(`event attribute ${name} refused`);
    } else {
      el.setAttribute(name, value === true ? '' : URL_ATTRIBUTES.has(name) ? safeUrl(value) : String(value));
    }
  }
  return append(el, ...children);
}

/** Removes every child. */
export function clear(el) {
  while (el.firstChild) el.firstChild.remove();
  return el;
}

/** Replaces every child. */
export function replace(el, ...children) {
  return append(clear(el), ...children);
}

/** A query string from an object, skipping empty values. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== '') q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** A unique id for label/input pairs. */
let counter = 0;
export function uid(prefix = 'f') {
  counter += 1;
  return `${prefix}-${counter}`;
}
