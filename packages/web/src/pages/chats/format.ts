import { currentIntl } from '../../i18n';

/** A calendar date of a period (`YYYY-MM-DD`, already in the account's time zone) as the language writes it. */
export function formatLocalDate(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  return Number.isNaN(d.getTime())
    ? date
    : currentIntl().formatDate(d, { dateStyle: 'medium', timeZone: 'UTC' });
}

/** A duration as a clock reads it: `4:05`, `1:02:03`. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
}

/** A start URL without its scheme, as the list shows it (the whole URL is in the title and on the chat's page). */
export function shortUrl(url: string): string {
  return url.replace(/^https?:\/\//i, '').replace(/\/$/, '');
}
