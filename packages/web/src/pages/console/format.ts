import { currentIntl, t } from '../../i18n';

/**
 * Formatting for the console: times, sizes, links and browsers, all as plain strings; dates and times in the
 * user's language and the account's time zone.
 */

function valid(iso: string): Date | null {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

export function formatTime(iso: string): string {
  const d = valid(iso);
  return d ? currentIntl().formatTime(d, { hour: '2-digit', minute: '2-digit' }) : '';
}

export function formatDateTime(iso: string): string {
  const d = valid(iso);
  return d ? currentIntl().formatDate(d, { dateStyle: 'medium', timeStyle: 'short' }) : '';
}

/** The calendar day of a moment in the account's time zone, as `yyyy-mm-dd`. */
function ymd(d: Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: currentIntl().timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(d);
}

export function dayKey(iso: string): string {
  const d = valid(iso);
  return d ? ymd(d) : '';
}

/** "Today", "Yesterday", "Mon 24 Nov", or a full date from another year (days of the account's time zone). */
export function formatDay(iso: string, now: Date = new Date()): string {
  const d = valid(iso);
  if (!d) return '';
  const [that, today] = [ymd(d), ymd(now)];
  const days = Math.round((Date.parse(today) - Date.parse(that)) / 86_400_000);
  if (days === 0) return t('time.today');
  if (days === 1) return t('time.yesterday');
  return that.slice(0, 4) === today.slice(0, 4)
    ? currentIntl().formatDate(d, { weekday: 'short', day: 'numeric', month: 'short' })
    : currentIntl().formatDate(d, { dateStyle: 'medium' });
}

/** The time for a list row: the time today, else the day. */
export function formatShort(iso: string, now: Date = new Date()): string {
  return dayKey(iso) === dayKey(now.toISOString()) ? formatTime(iso) : formatDay(iso, now);
}

export function formatBytes(bytes: number): string {
  const n = (value: number, digits: number) =>
    currentIntl().formatNumber(value, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  if (bytes < 1024) return `${n(bytes, 0)} B`;
  if (bytes < 1024 * 1024) return `${n(bytes / 1024, bytes < 10 * 1024 ? 1 : 0)} KB`;
  return `${n(bytes / 1024 / 1024, 1)} MB`;
}

/** A URL we may put in an href: http(s) only (visitor-supplied URLs could be `javascript:`). */
export function safeHttpUrl(value: string): string | null {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** A file link from the server: our own path (`/files/…`) or an http(s) URL. */
export function safeFileUrl(value: string): string | null {
  if (value.startsWith('/') && !value.startsWith('//')) return value;
  return safeHttpUrl(value);
}

/** "Chrome 131 on Windows" from a user agent string; the raw string when it is not recognised. */
export function describeUserAgent(ua: string): string {
  if (!ua) return '';
  const browser =
    match(ua, /Edg(?:e|A|iOS)?\/(\d+)/, 'Edge') ??
    match(ua, /OPR\/(\d+)/, 'Opera') ??
    match(ua, /SamsungBrowser\/(\d+)/, 'Samsung Internet') ??
    match(ua, /Firefox\/(\d+)/, 'Firefox') ??
    match(ua, /FxiOS\/(\d+)/, 'Firefox') ??
    match(ua, /CriOS\/(\d+)/, 'Chrome') ??
    match(ua, /Chrom(?:e|ium)\/(\d+)/, 'Chrome') ??
    match(ua, /Version\/(\d+)[\d.]* (?:Mobile\/\S+ )?Safari\//, 'Safari');
  const os = /Windows/.test(ua)
    ? 'Windows'
    : /Android/.test(ua)
      ? 'Android'
      : /iPhone|iPad|iPod/.test(ua)
        ? 'iOS'
        : /Mac OS X|Macintosh/.test(ua)
          ? 'macOS'
          : /CrOS/.test(ua)
            ? 'ChromeOS'
            : /Linux/.test(ua)
              ? 'Linux'
              : null;
  if (!browser) return ua;
  return os ? `${browser} on ${os}` : browser;
}

function match(ua: string, re: RegExp, name: string): string | null {
  const m = re.exec(ua);
  return m ? `${name} ${m[1]}` : null;
}

/** A name from an event's data (`transferred` {from, to}): a string, or an object with a name. */
export function nameIn(value: unknown, fallback: string): string {
  if (typeof value === 'string' && value.trim()) return value;
  if (value && typeof value === 'object' && 'name' in value) {
    const name = (value as { name: unknown }).name;
    if (typeof name === 'string' && name.trim()) return name;
  }
  return fallback;
}
