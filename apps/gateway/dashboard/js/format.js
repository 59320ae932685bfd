// Numbers and dates in the shop's locale and currency (settings shop.locale, shop.currency,
// shop.timezone, sent by GET /api/v1/session).

const shop = { locale: 'en-GB', currency: 'EUR', timezone: 'UTC' };
const cache = new Map();

function formatter(kind, options) {
  const key = `${kind}|${JSON.stringify(options)}`;
  if (!cache.has(key)) {
    cache.set(key, kind === 'n' ? new Intl.NumberFormat(shop.locale, options) : new Intl.DateTimeFormat(shop.locale, options));
  }
  return cache.get(key);
}

export function configure(settings) {
  Object.assign(shop, settings || {});
  cache.clear();
  document.documentElement.lang = shop.locale;
}

export const locale = () => shop.locale;
export const currency = () => shop.currency;

const missing = '—';
const isNum = (v) => typeof v === 'number' && Number.isFinite(v);

export function money(v, digits) {
  if (!isNum(v)) return missing;
  const options = { style: 'currency', currency: shop.currency };
  if (digits !== undefined) Object.assign(options, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return formatter('n', options).format(v);
}

/** £1.2M-style amounts for axes and KPI cards. */
export function moneyCompact(v) {
  if (!isNum(v)) return missing;
  return formatter('n', { style: 'currency', currency: shop.currency, notation: 'compact', maximumFractionDigits: 1 }).format(v);
}

export function number(v, maxDigits = 0) {
  if (!isNum(v)) return missing;
  return formatter('n', { maximumFractionDigits: maxDigits }).format(v);
}

/** `v` is already in percent (12.5 means 12.5 %). */
export function percent(v, maxDigits = 1) {
  if (!isNum(v)) return missing;
  return formatter('n', { style: 'percent', maximumFractionDigits: maxDigits }).format(v / 100);
}

/** A change in percent with its sign (+4.2 %, −3 %). */
export function change(v) {
  if (!isNum(v)) return missing;
  return formatter('n', { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(v / 100);
}

function day(iso) {
  const [y, m, d] = String(iso).split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

/** A calendar date (`YYYY-MM-DD`), never shifted by the browser's zone. */
export function date(iso) {
  if (!iso) return missing;
  return formatter('d', { dateStyle: 'medium', timeZone: 'UTC' }).format(day(iso));
}

export function dateShort(iso) {
  if (!iso) return missing;
  return formatter('d', { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(day(iso));
}

/** An instant (RFC 3339), in the shop's zone. */
export function instant(iso) {
  if (!iso) return missing;
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return String(iso);
  return formatter('d', { dateStyle: 'medium', timeStyle: 'short', timeZone: shop.timezone }).format(t);
}

/** `YYYY-MM-DD` of `iso` plus `days`. */
export function addDays(iso, days) {
  const t = day(iso);
  t.setUTCDate(t.getUTCDate() + days);
  return t.toISOString().slice(0, 10);
}

export function bytes(n) {
  if (!isNum(n)) return missing;
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) { n /= 1024; i += 1; }
  return formatter('n', { style: 'unit', unit: units[i], unitDisplay: 'short', maximumFractionDigits: 1 }).format(n);
}
