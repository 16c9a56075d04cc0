// The hours of a period in the account's time zone (EXP-8 Slots): one slot per hour that the clock shows, so a
// spring-forward day has 23 and a fall-back day 25 (the repeated hour told apart by its UTC offset).
import { localDateOf } from '@parley/protocol';

export type HourSlot = {
  start: Date;
  /** The local calendar date. */
  date: string;
  /** The local wall-clock start, `YYYY-MM-DD HH:MM`. */
  label: string;
  /** The offset from UTC in force, `UTC+01:00` (the prefix keeps spreadsheets from reading a formula). */
  offset: string;
};

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      hour: '2-digit',
      minute: '2-digit',
      timeZoneName: 'longOffset',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The hour slots of [start, end): from local midnight on, an hour at a time. */
export function hourSlots(start: Date, end: Date, timeZone: string): HourSlot[] {
  const out: HourSlot[] = [];
  for (let t = start.getTime(); t < end.getTime(); t += 3_600_000) {
    const at = new Date(t);
    const parts = Object.fromEntries(
      formatter(timeZone)
        .formatToParts(at)
        .map((p) => [p.type, p.value]),
    );
    const date = localDateOf(at, timeZone);
    const gmt = parts.timeZoneName ?? 'GMT';
    out.push({
      start: at,
      date,
      label: `${date} ${parts.hour}:${parts.minute}`,
      offset: gmt === 'GMT' ? 'UTC+00:00' : `UTC${gmt.slice(3)}`,
    });
  }
  return out;
}
