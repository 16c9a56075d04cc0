import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { User } from '@parley/protocol';
import { startTestApp, TestClient, type TestApp } from '../../../test/harness.js';
import { afterFailure, type Counter } from './lockout.js';
import { countFailure } from './login-failures.js';
import { deleteStaleSignInCounters } from './service.js';

// Issue 10.7: failed sign-ins are counted per address + email, per address and per email (much higher), with
// back-off; successes count nowhere; a stranger's failures never lock the owner out of their usual address.
// The app trusts one proxy hop, so each request says its client address in X-Forwarded-For.
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({
    TRUST_PROXY: '1',
    LOGIN_RATE_PER_EMAIL: '3',
    LOGIN_RATE_PER_IP: '6',
    LOGIN_RATE_PER_EMAIL_TOTAL: '10',
    LOGIN_RATE_WINDOW_SECONDS: '60',
  });
});
afterAll(() => t?.close());

let n = 0;
async function createUser(extra: Record<string, unknown> = {}) {
  const email = `limits${++n}-${Math.random().toString(36).slice(2, 8)}@example.com`;
  const password = 'a-good-password';
  const res = await t.admin.post<User>('/api/users', {
    email,
    password,
    firstName: 'Test',
    lastName: 'User',
    language: 'en',
    rights: 'agent',
    ...extra,
  });
  expect(res.status).toBe(201);
  return { email, password, user: res.body };
}

function signIn(email: string, password: string, ip: string) {
  return new TestClient(t.url).request(
    'POST',
    '/api/auth/login',
    { email, password },
    { 'x-forwarded-for': ip },
  );
}

let nextAddress = 0;
const freshAddress = () => `198.51.${Math.floor(++nextAddress / 250)}.${(nextAddress % 250) + 1}`;

describe('sign-in limits', () => {
  it('a stranger’s failures make the stranger wait, not the owner signing in from elsewhere', async () => {
    const { email, password } = await createUser();
    const stranger = freshAddress();
    for (let i = 0; i < 3; i++) expect((await signIn(email, 'wrong-password', stranger)).status).toBe(401);
    const locked = await signIn(email, password, stranger);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(locked.body).toMatchObject({ error: { code: 'rate_limited' } });
    // The owner, from an address that never signed in to this account, is not held up.
    expect((await signIn(email, password, freshAddress())).status).toBe(200);
  });

  it('failures spread over many addresses make only new addresses wait, never the owner’s usual one', async () => {
    const { email, password } = await createUser();
    const home = freshAddress();
    expect((await signIn(email, password, home)).status).toBe(200);
    for (let i = 0; i < 10; i++)
      expect((await signIn(email, 'wrong-password', freshAddress())).status).toBe(401);
    const fromNew = await signIn(email, password, freshAddress());
    expect(fromNew.status).toBe(429);
    expect((await signIn(email, password, home)).status).toBe(200);
    expect((await signIn(email, 'wrong-password', home)).status).toBe(401);
    expect((await signIn(email, password, home)).status).toBe(200);
  });

  it('successful sign-ins do not count toward the address limit (a shift behind one office address)', async () => {
    const office = freshAddress();
    const agents = await Promise.all(Array.from({ length: 4 }, () => createUser()));
    for (let round = 0; round < 5; round++) {
      for (const a of agents) expect((await signIn(a.email, a.password, office)).status).toBe(200);
    }
  });

  it('failures on many emails from one address make that address wait, except for its known users', async () => {
    const office = freshAddress();
    const regular = await createUser();
    expect((await signIn(regular.email, regular.password, office)).status).toBe(200);
    for (let i = 0; i < 6; i++) {
      expect((await signIn(`nobody${i}-${office}@example.com`, 'wrong-password', office)).status).toBe(401);
    }
    const other = await createUser();
    expect((await signIn(other.email, other.password, office)).status).toBe(429);
    expect((await signIn(regular.email, regular.password, office)).status).toBe(200);
  });

  it('counts every one of many concurrent failures (one upsert each, no read-then-write)', async () => {
    const { email } = await createUser();
    const address = freshAddress();
    const results = await Promise.all(
      Array.from({ length: 12 }, () => signIn(email, 'wrong-password', address)),
    );
    const wrong = results.filter((r) => r.status === 401).length;
    const row = await t.runtime.database.db
      .selectFrom('login_counters')
      .select('failures')
      .where('scope', '=', 'pair')
      .where('key', '=', `${address} ${email}`)
      .executeTakeFirstOrThrow();
    expect(wrong).toBeGreaterThan(0);
    expect(row.failures).toBe(wrong);
    expect(results.every((r) => r.status === 401 || r.status === 429)).toBe(true);
  });

  it('answers an unknown email like a wrong password, and makes it wait alike', async () => {
    const address = freshAddress();
    for (let i = 0; i < 3; i++)
      expect((await signIn('ghost@example.com', 'whatever-1', address)).status).toBe(401);
    expect((await signIn('ghost@example.com', 'whatever-1', address)).status).toBe(429);
  });
});

describe('the counter upsert', () => {
  it('does in SQL exactly what afterFailure says, for any timing of failures', async () => {
    const db = t.runtime.database.db;
    const policy = { maxFailures: 3, windowSeconds: 60, maxLockSeconds: 3600 };
    const t0 = Date.parse('2026-01-01T00:00:00Z');
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 4000 }), { minLength: 1, maxLength: 12 }),
        async (gaps) => {
          const key = `equivalence-${++run}`;
          let expected: Counter | undefined;
          let now = t0;
          for (const g of gaps) {
            now += g * 1000;
            expected = afterFailure(expected, new Date(now), policy);
            const stored = await countFailure(db, 'address', key, new Date(now), policy);
            expect(stored.failures).toBe(expected.failures);
            expect(stored.lastFailureAt?.getTime()).toBe(expected.lastFailureAt?.getTime());
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  it('the hourly cleanup removes counters that no longer decide anything, and keeps the rest', async () => {
    const db = t.runtime.database.db;
    const now = new Date();
    const ago = (s: number) => new Date(now.getTime() - s * 1000);
    const rows = [
      { key: 'stale-failure', failures: 5, last_failure_at: ago(2 * 24 * 3600), last_success_at: null },
      { key: 'recent-failure', failures: 5, last_failure_at: ago(600), last_success_at: null },
      { key: 'known-address', failures: 0, last_failure_at: null, last_success_at: ago(24 * 3600) },
      { key: 'forgotten-address', failures: 0, last_failure_at: null, last_success_at: ago(40 * 24 * 3600) },
    ];
    await db
      .insertInto('login_counters')
      .values(rows.map((r) => ({ ...r, scope: 'pair' as const, key: `cleanup ${r.key}` })))
      .execute();
    await deleteStaleSignInCounters(db, t.config, now);
    const left = await db
      .selectFrom('login_counters')
      .select('key')
      .where('key', 'like', 'cleanup %')
      .orderBy('key')
      .execute();
    expect(left.map((r) => r.key)).toEqual(['cleanup known-address', 'cleanup recent-failure']);
  });
});
