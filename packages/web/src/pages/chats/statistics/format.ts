import type { IntlShape } from 'react-intl';

/** Seconds as "1 h 2 min 3 s" / "2 min 3 s" / "3 s" (rounded to whole seconds); null as a dash. */
export function formatDuration(intl: IntlShape, seconds: number | null): string {
  if (seconds === null) return intl.formatMessage({ id: 'stats.none' });
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h) return intl.formatMessage({ id: 'stats.duration.h' }, { h, m, s });
  if (m) return intl.formatMessage({ id: 'stats.duration.m' }, { m, s });
  return intl.formatMessage({ id: 'stats.duration.s' }, { s });
}

/** A share from the API (percent with one decimal) in the language's format; null as a dash. */
export function formatPercent(intl: IntlShape, percent: number | null): string {
  if (percent === null) return intl.formatMessage({ id: 'stats.none' });
  return intl.formatNumber(percent / 100, { style: 'percent', maximumFractionDigits: 1 });
}
