// The browser session: what GET /api/v1/session says, sign-in, refresh before the access token
// expires (and on demand after a 401), sign-out.

import { api, setAuthHandlers } from './api.js';

/** How long before expiry the session is refreshed. */
const MARGIN_MS = 60_000;
let state = null;
let timer = null;
let inflight = null;
const listeners = new Set();

export const current = () => state;
export const onChange = (fn) => listeners.add(fn);

function set(next) {
  state = next;
  clearTimeout(timer);
  if (state?.via === 'cookie' && state.expires_at) {
    const wait = Math.max(0, new Date(state.expires_at).getTime() - Date.now() - MARGIN_MS);
    timer = setTimeout(() => { refresh(); }, wait);
  }
  for (const fn of listeners) fn(state);
  return state;
}

export async function load() {
  return set(await api('/api/v1/session', { retried: true }));
}

export async function login(loginName, password) {
  return set(await api('/api/v1/session', { method: 'POST', json: { login: loginName, password }, retried: true }));
}

/** Renews the session once for every concurrent caller; resolves false when it cannot. */
export function refresh() {
  if (!inflight) {
    inflight = api('/api/v1/session/refresh', { method: 'POST', retried: true })
      .then((s) => { set(s); return true; })
      .catch(() => false)
      .finally(() => { inflight = null; });
  }
  return inflight;
}

export async function logout() {
  await api('/api/v1/session', { method: 'DELETE', retried: true });
  clearTimeout(timer);
  return load();
}

/** A page asks for sign-in when the API says the session is gone. */
export function install(signedOut) {
  setAuthHandlers({ refresh: () => (state && (state.mode === 'PROD' || state.via === 'cookie') ? refresh() : Promise.resolve(false)), signedOut });
}
