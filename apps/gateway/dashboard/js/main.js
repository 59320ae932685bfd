// The app shell: session, navigation, routing. Each page is a module under pages/, loaded when
// first visited, exporting `render(main, ctx)`.

import { h, replace } from './dom.js';
import * as fmt from './format.js';
import * as session from './session.js';
import { destroyAll, drawn } from './charts.js';
import { errorBox } from './ui.js';

const ROUTES = {
  '/': { module: 'overview', title: 'Overview' },
  '/sales': { module: 'sales', title: 'Sales' },
  '/stock': { module: 'stock', title: 'Stock' },
  '/forecast': { module: 'forecast', title: 'Forecast' },
  '/alerts': { module: 'alerts', title: 'Anomalies & alerts' },
  '/reports': { module: 'reports', title: 'Reports', feature: 'reports' },
  '/import': { module: 'import', title: 'Import', feature: 'imports' },
  '/crm': { module: 'crm/dashboard', title: 'CRM dashboard', feature: 'crm' },
  '/crm/leads': { module: 'crm/leads', title: 'Lead scoring', feature: 'crm' },
  '/crm/pipeline': { module: 'crm/pipeline', title: 'Pipeline health', feature: 'crm' },
  '/crm/churn': { module: 'crm/churn', title: 'Churn risk', feature: 'crm' },
  '/login': { module: 'login', title: 'Sign in', public: true },
};

const main = document.getElementById('main');
const root = document.documentElement;
let renderId = 0;
// The first page leaves the focus at the top (the skip link comes first); after a navigation the
// focus moves to the new page's heading, so keyboard and screen-reader users land on it.
let navigated = false;

function status(state) {
  root.dataset.state = state;
}

function navigate(path, { replaceState = false } = {}) {
  navigated = true;
  if (replaceState) history.replaceState(null, '', path);
  else if (path !== location.pathname + location.search) history.pushState(null, '', path);
  render();
}

/** The shell around the page: mode badge, user, sign-out, features, the current link. */
function shell(s) {
  const mode = document.getElementById('mode');
  mode.hidden = false;
  mode.textContent = s.mode === 'DEV' ? 'DEV · fake data' : 'PROD';
  document.getElementById('user').textContent = s.authenticated && s.via !== 'dev' ? (s.user?.username || s.user?.subject || '') : '';
  document.getElementById('logout').hidden = !(s.authenticated && s.via === 'cookie');
  for (const el of document.querySelectorAll('[data-feature]')) el.hidden = !s.features?.[el.dataset.feature];
  for (const a of document.querySelectorAll('#nav a')) {
    if (a.getAttribute('href') === location.pathname) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

async function render() {
  const id = ++renderId;
  destroyAll();
  status('loading');
  const route = ROUTES[location.pathname] || ROUTES['/'];
  const s = session.current();
  shell(s);
  if (!route.public && !s.authenticated) {
    navigate(`/login?next=${encodeURIComponent(location.pathname + location.search)}`, { replaceState: true });
    return;
  }
  document.title = `${route.title} · SalesFlow`;
  root.dataset.page = route.module;
  replace(main, h('p', { class: 'status', role: 'status' }, 'Loading…'));
  try {
    const page = await import(`./pages/${route.module}.js`);
    const ctx = { session: s, navigate, available: !route.feature || s.features?.[route.feature] };
    await page.render(main, ctx);
    await drawn(main);
    if (id !== renderId) return;
    performance.mark('sf:ready');
    status(main.querySelector('.error-box') ? 'error' : 'ready');
    if (navigated) main.querySelector('h1')?.focus({ preventScroll: true });
  } catch (error) {
    if (id !== renderId) return;
    replace(main, errorBox(error, () => render()));
    status('error');
    console.error(error);
  }
}

function wire() {
  document.addEventListener('click', (e) => {
    const a = e.target.closest('a[data-nav]');
    if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    document.getElementById('nav').classList.remove('open');
    document.getElementById('nav-toggle').setAttribute('aria-expanded', 'false');
    navigate(a.getAttribute('href'));
  });
  window.addEventListener('popstate', () => { navigated = true; render(); });
  const toggle = document.getElementById('nav-toggle');
  toggle.addEventListener('click', () => {
    const open = document.getElementById('nav').classList.toggle('open');
    toggle.setAttribute('aria-expanded', String(open));
  });
  document.getElementById('logout').addEventListener('click', async () => {
    try { await session.logout(); } finally { navigate('/login', { replaceState: true }); }
  });
  session.install(() => {
    if (location.pathname !== '/login') navigate(`/login?next=${encodeURIComponent(location.pathname + location.search)}`, { replaceState: true });
  });
  session.onChange((s) => { fmt.configure(s.shop); shell(s); });
}

async function start() {
  wire();
  try {
    await session.load();
  } catch (error) {
    replace(main, errorBox(error, () => location.reload()));
    status('error');
    return;
  }
  if (!session.current().authenticated && session.current().refreshable) await session.refresh();
  await render();
}

start();
