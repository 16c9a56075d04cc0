// EXP-9: a token link's period query refuses bad dates with a message, never an exception (hostile input).
import { describe, expect, it } from 'vitest';
import { ExportLinkQuery } from './exports.js';

describe('token link period (EXP-9)', () => {
  it.each([
    [{ from: '%FF', to: '../..' }, 'from'],
    [{ from: '2026-01-01', to: 'zzz' }, 'to'],
    [{ from: '2026-02-30', to: '2026-03-01' }, 'from'],
    [{ from: '2026-03-02', to: '2026-03-01' }, 'to'],
    [{ days: '0' }, 'days'],
  ])('%j is refused, naming %s', (input, field) => {
    const r = ExportLinkQuery.safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path[0])).toContain(field);
  });
  it('accepts a period or a number of days', () => {
    expect(ExportLinkQuery.safeParse({ from: '2026-01-01', to: '2026-01-31' }).success).toBe(true);
    expect(ExportLinkQuery.safeParse({ days: '7' }).success).toBe(true);
  });
});
