// Periods of the Chats section (CHT-1, STA-1…9, EXP-1…9): a period is a range of calendar dates in the account's
// time zone, both ends included. Every list filter, statistic bucket and export uses these functions, so "today"
// means the same thing everywhere, and a daylight-saving day has 23 or 25 hours.
import { z } from 'zod';

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date `YYYY-MM-DD` that exists (no 2026-02-30). */
export const LocalDate = z
  .string()
  .regex(DATE_RE, 'Enter a date as YYYY-MM-DD')
  .refine((d) => isRealDate(d), 'This date does not exist');
export type LocalDate = z.infer<typeof LocalDate>;

/** The longest period any list, statistic or export covers (two years and a leap day). */
export const PERIOD_MAX_DAYS = 731;

/** The checks of a period, for any object schema with `from` and `to` (lists and statistics add filters). */
export function withPeriodChecks<T extends z.ZodType<{ from: string; to: string }>>(schema: T) {
  return schema
    .refine((p) => !bothReal(p) || p.to >= p.from, {
      message: 'The end date is before the start date',
      path: ['to'],
    })
    .refine((p) => !bothReal(p) || p.to < p.from || daysBetween(p.from, p.to) < PERIOD_MAX_DAYS, {
      message: `A period covers at most ${PERIOD_MAX_DAYS} days`,
      path: ['to'],
    });
}

/** `?from=&to=` as calendar dates; `to` not before `from`, at most PERIOD_MAX_DAYS days. */
export const PeriodQuery = withPeriodChecks(z.object({ from: LocalDate, to: LocalDate }));
export type PeriodQuery = z.infer<typeof PeriodQuery>;

/** The named periods of the handbook's date filter; `custom` means an explicit from/to. */
export const PeriodPreset = {
  today: 'today',
  yesterday: 'yesterday',
  last7: 'last7',
  last30: 'last30',
} as const;
export type PeriodPreset = (typeof PeriodPreset)[keyof typeof PeriodPreset];

/** Is this IANA time zone known to this runtime? (`UTC` always is.) */
export function isTimeZone(tz: string): boolean {
  if (tz === 'UTC') return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** A time zone setting: an IANA name such as `Europe/Amsterdam`. */
export const TimeZone = z
  .string()
  .min(1, 'Choose a time zone')
  .max(64)
  .refine(isTimeZone, 'Unknown time zone; choose one such as Europe/Amsterdam');

const bothReal = (p: { from: string; to: string }) => isRealDate(p.from) && isRealDate(p.to);

function isRealDate(d: string): boolean {
  const m = DATE_RE.exec(d);
  if (!m) return false;
  const [y, mo, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, day));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === day;
}

function utcOfDate(d: string): number {
  const m = DATE_RE.exec(d);
  if (!m) throw new Error(`not a date: ${d}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

function formatUtcDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** `date` plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  return formatUtcDate(utcOfDate(date) + days * 86_400_000);
}

/** Calendar days from `from` to `to` (0 when equal). */
export function daysBetween(from: string, to: string): number {
  return Math.round((utcOfDate(to) - utcOfDate(from)) / 86_400_000);
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock reading of `instant` in `timeZone`, as if it were UTC (milliseconds). */
function wallClock(instant: number, timeZone: string): number {
  const p: Record<string, number> = {};
  for (const part of partsFormatter(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
}

/** The local calendar date of `instant` in `timeZone`. */
export function localDateOf(instant: Date, timeZone: string): string {
  return formatUtcDate(wallClock(instant.getTime(), timeZone));
}

/**
 * The instant at which `date` begins in `timeZone`: local midnight, or — where a clock change skips midnight —
 * the first instant of that date.
 */
export function startOfLocalDay(date: string, timeZone: string): Date {
  const midnight = utcOfDate(date);
  // Two rounds settle the offset even when it changes between the guess and the answer.
  let guess = midnight;
  for (let i = 0; i < 2; i++) guess = midnight - (wallClock(guess, timeZone) - guess);
  // Midnight skipped (e.g. a zone that springs forward at 00:00): step to the first hour of that date.
  while (localDateOf(new Date(guess), timeZone) < date) guess += 3_600_000;
  while (localDateOf(new Date(guess - 1), timeZone) >= date) guess -= 3_600_000;
  return new Date(guess);
}

/** The half-open range of instants [start, end) covered by the dates `from`…`to` (both included). */
export function periodRange(
  period: { from: string; to: string },
  timeZone: string,
): { start: Date; end: Date } {
  return {
    start: startOfLocalDay(period.from, timeZone),
    end: startOfLocalDay(addDays(period.to, 1), timeZone),
  };
}

/** The dates of a named period as seen at `now` in `timeZone`; "last 7 days" ends today and includes it. */
export function presetPeriod(
  preset: PeriodPreset,
  now: Date,
  timeZone: string,
): { from: string; to: string } {
  const today = localDateOf(now, timeZone);
  switch (preset) {
    case 'today':
      return { from: today, to: today };
    case 'yesterday': {
      const y = addDays(today, -1);
      return { from: y, to: y };
    }
    case 'last7':
      return { from: addDays(today, -6), to: today };
    case 'last30':
      return { from: addDays(today, -29), to: today };
  }
}
