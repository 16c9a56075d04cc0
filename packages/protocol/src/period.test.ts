// Periods in the account's time zone (CHT-1, STA, EXP): DST days of 23 and 25 hours, presets, validation.
import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  isTimeZone,
  localDateOf,
  PeriodQuery,
  periodRange,
  presetPeriod,
  startOfLocalDay,
} from './period.js';

const hours = (r: { start: Date; end: Date }) => (r.end.getTime() - r.start.getTime()) / 3_600_000;

describe('periods in a time zone', () => {
  it.each([
    ['2026-03-29', 'Europe/Amsterdam', '2026-03-28T23:00:00.000Z'],
    ['2026-03-30', 'Europe/Amsterdam', '2026-03-29T22:00:00.000Z'],
    ['2026-10-25', 'Europe/Amsterdam', '2026-10-24T22:00:00.000Z'],
    ['2026-10-26', 'Europe/Amsterdam', '2026-10-25T23:00:00.000Z'],
    ['2026-03-08', 'America/New_York', '2026-03-08T05:00:00.000Z'],
    ['2026-01-01', 'UTC', '2026-01-01T00:00:00.000Z'],
    ['2026-06-01', 'Asia/Kolkata', '2026-05-31T18:30:00.000Z'],
    ['2026-06-01', 'Pacific/Chatham', '2026-05-31T11:15:00.000Z'],
  ])('%s begins in %s at %s', (date, tz, iso) => {
    expect(startOfLocalDay(date, tz).toISOString()).toBe(iso);
  });

  it('a spring-forward day has 23 hours and a fall-back day 25 (Europe/Amsterdam, America/New_York)', () => {
    expect(hours(periodRange({ from: '2026-03-29', to: '2026-03-29' }, 'Europe/Amsterdam'))).toBe(23);
    expect(hours(periodRange({ from: '2026-10-25', to: '2026-10-25' }, 'Europe/Amsterdam'))).toBe(25);
    expect(hours(periodRange({ from: '2026-03-08', to: '2026-03-08' }, 'America/New_York'))).toBe(23);
    expect(hours(periodRange({ from: '2026-11-01', to: '2026-11-01' }, 'America/New_York'))).toBe(25);
    expect(hours(periodRange({ from: '2026-03-23', to: '2026-03-29' }, 'Europe/Amsterdam'))).toBe(7 * 24 - 1);
  });

  it('a zone whose clock skips midnight starts that day at 01:00 (America/Santiago, 2026-09-06)', () => {
    const start = startOfLocalDay('2026-09-06', 'America/Santiago');
    expect(localDateOf(start, 'America/Santiago')).toBe('2026-09-06');
    expect(localDateOf(new Date(start.getTime() - 1), 'America/Santiago')).toBe('2026-09-05');
  });

  it('the local date of an instant', () => {
    expect(localDateOf(new Date('2026-03-28T23:30:00Z'), 'Europe/Amsterdam')).toBe('2026-03-29');
    expect(localDateOf(new Date('2026-03-28T23:30:00Z'), 'UTC')).toBe('2026-03-28');
  });

  it('presets seen from a moment in a time zone', () => {
    const now = new Date('2026-11-30T23:30:00Z'); // 1 December 00:30 in Amsterdam
    expect(presetPeriod('today', now, 'Europe/Amsterdam')).toEqual({ from: '2026-12-01', to: '2026-12-01' });
    expect(presetPeriod('today', now, 'UTC')).toEqual({ from: '2026-11-30', to: '2026-11-30' });
    expect(presetPeriod('yesterday', now, 'Europe/Amsterdam')).toEqual({
      from: '2026-11-30',
      to: '2026-11-30',
    });
    expect(presetPeriod('last7', now, 'Europe/Amsterdam')).toEqual({ from: '2026-11-25', to: '2026-12-01' });
    expect(presetPeriod('last30', now, 'UTC')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
  });

  it('date arithmetic across months and leap years', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-01-01', '2026-12-31')).toBe(364);
  });

  it('the period query refuses bad dates with a message per field', () => {
    expect(PeriodQuery.safeParse({ from: '2026-01-01', to: '2026-01-31' }).success).toBe(true);
    const cases: [unknown, string][] = [
      [{ from: '2026-02-30', to: '2026-03-01' }, 'from'],
      [{ from: '1/1/2026', to: '2026-03-01' }, 'from'],
      [{ from: '2026-03-02', to: '2026-03-01' }, 'to'],
      [{ from: '2020-01-01', to: '2026-03-01' }, 'to'],
      [{ to: '2026-03-01' }, 'from'],
    ];
    for (const [input, field] of cases) {
      const r = PeriodQuery.safeParse(input);
      expect(r.success).toBe(false);
      expect(r.error!.issues[0]!.path).toEqual([field]);
    }
  });

  it('time zone names', () => {
    expect(isTimeZone('Europe/Amsterdam')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});
