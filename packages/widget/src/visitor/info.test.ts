import { describe, expect, it } from 'vitest';
import { toVisitorInfo } from './info';

describe('toVisitorInfo', () => {
  it('keeps strings, stringifies simple data values and drops the rest', () => {
    expect(
      toVisitorInfo({
        name: 'Ann',
        email: 'ann@example.com',
        data: { plan: 'pro', seats: 3, ok: true, x: {} },
        y: 1,
      }),
    ).toEqual({ name: 'Ann', email: 'ann@example.com', data: { plan: 'pro', seats: '3', ok: 'true' } });
  });

  it('cuts long values to what the server accepts', () => {
    const info = toVisitorInfo({ name: 'n'.repeat(500), data: { ['k'.repeat(300)]: 'v'.repeat(5000) } });
    expect(info?.name).toHaveLength(100);
    expect(Object.keys(info?.data ?? {})[0]).toHaveLength(100);
    expect(Object.values(info?.data ?? {})[0]).toHaveLength(1000);
  });

  it('returns null for nothing usable', () => {
    expect(toVisitorInfo(null)).toBeNull();
    expect(toVisitorInfo([])).toBeNull();
    expect(toVisitorInfo({ name: 3 })).toBeNull();
  });
});
