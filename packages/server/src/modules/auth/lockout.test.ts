import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { afterFailure, secondsLocked, type FailureState } from './lockout.js';

// AUTH-1: lockout with back-off per email address.
const policy = { maxFailures: 3, windowSeconds: 60, maxLockSeconds: 3600 };
const t0 = new Date('2026-01-01T00:00:00Z');
const at = (s: number) => new Date(t0.getTime() + s * 1000);

describe('login lockout', () => {
  it('does not lock before the limit', () => {
    let s: FailureState | undefined;
    s = afterFailure(s, at(0), policy);
    s = afterFailure(s, at(1), policy);
    expect(s.failures).toBe(2);
    expect(secondsLocked(s, at(2))).toBe(0);
  });

  it('locks at the limit for one window, then doubles', () => {
    let s: FailureState | undefined;
    for (let i = 0; i < 3; i++) s = afterFailure(s, at(i), policy);
    expect(secondsLocked(s, at(2))).toBe(60);
    s = afterFailure(s, at(70), policy); // after the lock, still within back-off history
    expect(s.failures).toBe(4);
    expect(secondsLocked(s, at(70))).toBe(120);
  });

  it('forgets failures once the window has passed without a lock', () => {
    let s = afterFailure(undefined, at(0), policy);
    s = afterFailure(s, at(1), policy);
    s = afterFailure(s, at(120), policy);
    expect(s.failures).toBe(1);
  });

  it('never locks longer than the maximum, and the lock only grows with failures', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5000 }), { minLength: 1, maxLength: 40 }), (gaps) => {
        let s: FailureState | undefined;
        let now = 0;
        for (const g of gaps) {
          now += g;
          s = afterFailure(s, at(now), policy);
          const locked = secondsLocked(s, at(now));
          expect(locked).toBeLessThanOrEqual(policy.maxLockSeconds);
          if (s.failures >= policy.maxFailures) expect(locked).toBeGreaterThan(0);
        }
      }),
    );
  });
});
