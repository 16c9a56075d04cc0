import { describe, expect, it } from 'vitest';
import { periodRange } from '@parley/protocol';
import { hourSlots } from './hours.js';

describe('EXP-8 hour slots in the account time zone', () => {
  it('a spring-forward day in Amsterdam has 23 hours, 02:00 missing', () => {
    const r = periodRange({ from: '2026-03-29', to: '2026-03-29' }, 'Europe/Amsterdam');
    const slots = hourSlots(r.start, r.end, 'Europe/Amsterdam');
    expect(slots).toHaveLength(23);
    expect(slots.map((s) => s.label.slice(11, 13))).not.toContain('02');
    expect(slots[0]).toMatchObject({ date: '2026-03-29', label: '2026-03-29 00:00', offset: 'UTC+01:00' });
    expect(slots[22]).toMatchObject({ label: '2026-03-29 23:00', offset: 'UTC+02:00' });
  });

  it('a fall-back day has 25 hours, 02:00 twice with two offsets', () => {
    const r = periodRange({ from: '2026-10-25', to: '2026-10-25' }, 'Europe/Amsterdam');
    const slots = hourSlots(r.start, r.end, 'Europe/Amsterdam');
    expect(slots).toHaveLength(25);
    const twos = slots.filter((s) => s.label.endsWith('02:00'));
    expect(twos.map((s) => s.offset)).toEqual(['UTC+02:00', 'UTC+01:00']);
    expect(new Set(slots.map((s) => s.date))).toEqual(new Set(['2026-10-25']));
  });

  it('UTC and a half-hour zone', () => {
    const u = periodRange({ from: '2026-01-01', to: '2026-01-02' }, 'UTC');
    expect(hourSlots(u.start, u.end, 'UTC')).toHaveLength(48);
    expect(hourSlots(u.start, u.end, 'UTC')[0]!.offset).toBe('UTC+00:00');
    const k = periodRange({ from: '2026-01-01', to: '2026-01-01' }, 'Asia/Kolkata');
    const slots = hourSlots(k.start, k.end, 'Asia/Kolkata');
    expect(slots[1]).toMatchObject({ label: '2026-01-01 01:00', offset: 'UTC+05:30' });
  });
});
