// Charts with the vendored Chart.js (MIT, vendor/chart.js), loaded on first use. The script URL
// goes through a Trusted Types policy that only accepts our own /assets/ files.

import { h } from './dom.js';

let loading = null;
const live = new Set();

const policy = window.trustedTypes?.createPolicy('sf-assets', {
  createScriptURL(url) {
    const parsed = new URL(url, location.origin);
    if (parsed.origin !== location.origin || !parsed.pathname.startsWith('/assets/')) throw new TypeError(`refused script ${url}`);
    return parsed.href;
  },
});

function library() {
  if (window.Chart) return Promise.resolve(window.Chart);
  if (!loading) {
    loading = new Promise((resolve, reject) => {
      const script = document.createElement('script');
      const url = new URL('../vendor/chart.js/chart.umd.min.js', import.meta.url).href;
      script.src = policy ? policy.createScriptURL(url) : url;
      script.onload = () => resolve(window.Chart);
      script.onerror = () => { loading = null; reject(new Error('the chart library could not be loaded')); };
      document.head.append(script);
    });
  }
  return loading;
}

export const COLORS = {
  blue: '#2563eb', green: '#16a34a', red: '#dc2626', orange: '#ea580c', amber: '#d97706',
  grey: '#94a3b8', purple: '#7c3aed', teal: '#0d9488', slate: '#475569',
};
export const PALETTE = [COLORS.blue, COLORS.green, COLORS.orange, COLORS.purple, COLORS.teal, COLORS.red, COLORS.amber, COLORS.grey, COLORS.slate];

export function alpha(hex, a) {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${a})`;
}

/**
 * A chart in a fixed-height box. `label` describes it for screen readers; `summary` (text) is
 * also given as the canvas's fallback content.
 */
export function chart(label, config, { tall = false, summary } = {}) {
  const canvas = h('canvas', { role: 'img', 'aria-label': label }, summary || label);
  const box = h('div', { class: `chart${tall ? ' tall' : ''}` }, canvas);
  box.ready = library().then((Chart) => {
    const base = { responsive: true, maintainAspectRatio: false, animation: false };
    const instance = new Chart(canvas, { ...config, options: { ...base, ...(config.options || {}) } });
    live.add(instance);
    return instance;
  });
  return box;
}

/** Destroys every chart (the router calls it when leaving a page). */
export function destroyAll() {
  for (const c of live) c.destroy();
  live.clear();
}

/** Waits until every chart inside `root` is drawn. */
export function drawn(root) {
  return Promise.all([...root.querySelectorAll('.chart')].map((el) => el.ready));
}

export const axisTicks = (format) => ({ ticks: { callback: (v) => format(v) } });
