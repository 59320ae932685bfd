// Calls to the gateway's API: same-origin cookies, the CSRF header on writes, the error
// envelope turned into ApiError, and one refresh-and-retry when the session's token expired.

export class ApiError extends Error {
  constructor(status, code, message, details) {
    super(message || `request failed (${status})`);
    this.status = status;
    this.code = code || 'http_error';
    this.details = details || null;
  }
}

const EXPIRED = new Set(['auth_token_expired', 'auth_missing']);
let handlers = { refresh: null, signedOut: null };

/** `refresh()` renews the session (resolves true when it did); `signedOut(error)` shows sign-in. */
export function setAuthHandlers(h) {
  handlers = { ...handlers, ...h };
}

export function cookie(name) {
  for (const part of document.cookie.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return null;
}

async function failure(response) {
  let body = null;
  try { body = await response.json(); } catch { /* not our envelope */ }
  return new ApiError(response.status, body?.code, body?.message, body?.details);
}

/**
 * `api('/api/v1/alerts', {query: {status: 'open'}})`; `json` sends a JSON body, `form` a
 * FormData (multipart). Resolves to the parsed JSON, a Blob for other content, or null (204).
 */
export async function api(path, { method = 'GET', query, json, form, retried = false } = {}) {
  const url = new URL(path, location.origin);
  for (const [k, v] of Object.entries(query || {})) if (v !== null && v !== undefined && v !== '') url.searchParams.set(k, v);
  const headers = { Accept: 'application/json' };
  let body;
  if (json !== undefined) { headers['Content-Type'] = 'application/json'; body = JSON.stringify(json); }
  if (form !== undefined) body = form;
  if (method !== 'GET' && method !== 'HEAD') {
    const csrf = cookie('sf_csrf');
    if (csrf) headers['X-CSRF-Token'] = csrf;
  }
  let response;
  try {
    response = await fetch(url, { method, headers, body, credentials: 'same-origin' });
  } catch (e) {
    throw new ApiError(0, 'network', `The server could not be reached (${e.message}).`);
  }
  if (response.status === 401 && !retried) {
    const error = await failure(response);
    if (EXPIRED.has(error.code) && handlers.refresh && (await handlers.refresh())) {
      return api(path, { method, query, json, form, retried: true });
    }
    if (handlers.signedOut) handlers.signedOut(error);
    throw error;
  }
  if (!response.ok) throw await failure(response);
  if (response.status === 204) return null;
  const type = response.headers.get('content-type') || '';
  return type.includes('json') ? response.json() : response.blob();
}
