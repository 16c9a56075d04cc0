import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  afterFailure,
  decideSignIn,
  isForgotten,
  lockSeconds,
  secondsLocked,
  type Counter,
  type SignInCounters,
  type SignInPolicies,
} from './lockout.js';

// AUTH-1 / issue 10.7: sign-in limits per address + email, per address and per email, with back-off.
const policy = { maxFailures: 3, windowSeconds: 60, maxLockSeconds: 3600 };
const t0 = new Date('2026-01-01T00:00:00Z');
const at = (s: number) => new Date(t0.getTime() + s * 1000);
const DAY = 24 * 3600;
const policies: SignInPolicies = {
  pair: { maxFailures: 3, windowSeconds: 60, maxLockSeconds: 3600 },
  address: { maxFailures: 10, windowSeconds: 60, maxLockSeconds: 3600 },
  email: { maxFailures: 50, windowSeconds: 60, maxLockSeconds: 3600 },
  knownForSeconds: 30 * DAY,
};

const failures = (n: number, from = 0, step = 1): Counter | undefined => {
  let c: Counter | undefined;
  for (let i = 0; i < n; i++) c = afterFailure(c, at(from + i * step), policy);
  return c;
};
const counter = (n: number, lastFailure: number | null, lastSuccess: number | null = null): Counter => ({
  failures: n,
  lastFailureAt: lastFailure === null ? null : at(lastFailure),
  lastSuccessAt: lastSuccess === null ? null : at(lastSuccess),
});

describe('one counter', () => {
  it.each([
    [0, 0],
    [2, 0],
    [3, 60],
    [4, 120],
    [5, 240],
    [8, 1920],
    [9, 3600],
    [1000, 3600],
  ])('%i failures make the key wait %i s after the last one', (n, wait) => {
    expect(lockSeconds(n, policy)).toBe(wait);
  });

  it('does not make anyone wait before the limit', () => {
    const c = failures(2);
    expect(c!.failures).toBe(2);
    expect(secondsLocked(c, at(2), policy)).toBe(0);
  });

  it('makes the key wait one window at the limit, then doubles with each failure after a wait', () => {
    let c = failures(3);
    expect(secondsLocked(c, at(2), policy)).toBe(60);
    expect(secondsLocked(c, at(61), policy)).toBe(1);
    expect(secondsLocked(c, at(62), policy)).toBe(0);
    c = afterFailure(c, at(70), policy); // within a window after the wait ended: remembered
    expect(c.failures).toBe(4);
    expect(secondsLocked(c, at(70), policy)).toBe(120);
  });

  it('forgets failures after a quiet window without a wait', () => {
    let c = failures(2);
    c = afterFailure(c, at(120), policy);
    expect(c!.failures).toBe(1);
  });

  it('forgets failures after a quiet window once the wait has ended', () => {
    const c = failures(3); // last failure at 2 s, wait 60 s
    expect(isForgotten(c, at(2 + 60 + 60), policy)).toBe(false);
    expect(isForgotten(c, at(2 + 60 + 61), policy)).toBe(true);
    expect(afterFailure(c, at(200), policy).failures).toBe(1);
  });

  it('forgets a counter reset by a success (0 failures)', () => {
    expect(isForgotten(counter(0, 10, 11), at(12), policy)).toBe(true);
    expect(afterFailure(counter(0, 10, 11), at(12), policy)).toEqual(counter(1, 12, 11));
  });

  it('keeps the later failure time when clocks of two instances disagree', () => {
    const c = afterFailure(counter(1, 100), at(90), policy);
    expect(c.lastFailureAt).toEqual(at(100));
    expect(c.failures).toBe(2);
  });

  it('never waits longer than the maximum, and waits from the limit on', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5000 }), { minLength: 1, maxLength: 40 }), (gaps) => {
        let c: Counter | undefined;
        let now = 0;
        for (const g of gaps) {
          now += g;
          c = afterFailure(c, at(now), policy);
          const wait = secondsLocked(c, at(now), policy);
          expect(wait).toBeLessThanOrEqual(policy.maxLockSeconds);
          if (c.failures >= policy.maxFailures) expect(wait).toBeGreaterThan(0);
          else expect(wait).toBe(0);
        }
      }),
    );
  });

  it('an attacker who retries whenever the wait ends is slowed down more and more', () => {
    let c: Counter | undefined;
    let now = 0;
    const waits: number[] = [];
    for (let i = 0; i < 8; i++) {
      c = afterFailure(c, at(now), policy);
      const wait = secondsLocked(c, at(now), policy);
      waits.push(wait);
      now += Math.max(wait, 1);
    }
    expect(waits).toEqual([0, 0, 60, 120, 240, 480, 960, 1920]);
  });
});

describe('decideSignIn', () => {
  const decide = (c: SignInCounters, now = 10) => decideSignIn(c, at(now), policies);

  it('allows a first attempt', () => {
    expect(decide({})).toEqual({ allowed: true });
  });

  it.each<[string, SignInCounters, 'pair' | 'address' | 'email' | null]>([
    ['a pair under its limit', { pair: counter(2, 5) }, null],
    ['a pair at its limit', { pair: counter(3, 5) }, 'pair'],
    ['an address at its limit', { address: counter(10, 5) }, 'address'],
    ['an address under its limit', { address: counter(9, 5) }, null],
    ['an email at its total limit', { email: counter(50, 5) }, 'email'],
    ['an email under its total limit', { email: counter(49, 5) }, null],
    ['an email at the pair limit from elsewhere', { email: counter(3, 5) }, null],
    ['a known address whose pair is at its limit', { pair: counter(3, 5, 1) }, 'pair'],
    ['a known address, address at its limit', { pair: counter(0, null, 1), address: counter(10, 5) }, null],
    ['a known address, email at its total limit', { pair: counter(1, 5, 1), email: counter(80, 5) }, null],
    [
      'a success long ago does not make it known',
      { pair: counter(0, null, -31 * DAY), email: counter(80, 5) },
      'email',
    ],
    ['failures long ago are forgotten', { pair: counter(3, -7200), address: counter(10, -7200) }, null],
  ])('%s', (_what, counters, limit) => {
    const d = decide(counters);
    if (limit === null) expect(d).toEqual({ allowed: true });
    else expect(d).toMatchObject({ allowed: false, limit });
  });

  it('names the longest wait that applies', () => {
    const d = decide({ pair: counter(3, 5), address: counter(12, 5) });
    expect(d).toEqual({ allowed: false, retryAfterSeconds: 240 - 5, limit: 'address' });
  });

  it('a stranger failing from other addresses never makes the owner wait at a known address', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 0, max: 29 * DAY }),
        (addressFailures, emailFailures, successAgo) => {
          const d = decide(
            {
              pair: counter(0, null, 10 - successAgo),
              address: counter(addressFailures, 9),
              email: counter(emailFailures, 9),
            },
            10,
          );
          expect(d).toEqual({ allowed: true });
        },
      ),
    );
  });

  it('a stranger under the total limit never makes the owner wait at a new address either', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 49 }), (emailFailures) => {
        expect(decide({ email: counter(emailFailures, 9) })).toEqual({ allowed: true });
      }),
    );
  });

  it('a wait is never longer than the longest maximum', () => {
    const arbCounter = fc.record({
      failures: fc.integer({ min: 0, max: 1000 }),
      lastFailureAt: fc.option(fc.integer({ min: -5000, max: 10 }).map(at), { nil: null }),
      lastSuccessAt: fc.option(fc.integer({ min: -40 * DAY, max: 10 }).map(at), { nil: null }),
    });
    fc.assert(
      fc.property(
        fc.option(arbCounter, { nil: undefined }),
        fc.option(arbCounter, { nil: undefined }),
        fc.option(arbCounter, { nil: undefined }),
        (pair, address, email) => {
          const d = decide({ pair, address, email });
          if (!d.allowed) {
            expect(d.retryAfterSeconds).toBeGreaterThan(0);
            expect(d.retryAfterSeconds).toBeLessThanOrEqual(3600);
          }
        },
      ),
    );
  });
});
