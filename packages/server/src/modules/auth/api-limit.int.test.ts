import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { SESSION_COOKIE, type User } from '@parley/protocol';
import { startTestApp, TestClient, type TestApp } from '../../../test/harness.js';

// Issue 10.8: the API request limit was keyed by the first 16 characters of whatever session cookie came, so a
// made-up cookie per request got past it. Now: per address without a (valid) session, per user with one, and
// no token in any Redis key. One trusted proxy hop lets each request say its address.
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ API_RATE_PER_MINUTE: '5', TRUST_PROXY: '1' });
});
afterAll(() => t?.close());

const from = (ip: string) => ({ 'x-forwarded-for': ip });

async function createUser() {
  const email = `api-${Math.random().toString(36).slice(2)}@example.com`;
  const password = 'a-good-password';
  const res = await t.admin.post<User>('/api/users', {
    email,
    password,
    firstName: 'Api',
    lastName: 'Limit',
    language: 'en',
    rights: 'agent',
  });
  expect(res.status).toBe(201);
  return { email, password, user: res.body };
}

async function signIn(email: string, password: string, ip: string) {
  const c = new TestClient(t.url);
  expect((await c.request('POST', '/api/auth/login', { email, password }, from(ip))).status).toBe(200);
  return c;
}

describe('API request limit', () => {
  it('counts requests with a made-up cookie by address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await fetch(`${t.url}/api/me`, {
        headers: {
          cookie: `${SESSION_COOKIE}=${randomBytes(32).toString('base64url')}`,
          ...from('203.0.113.7'),
        },
      });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
    // Another address is not affected.
    expect((await fetch(`${t.url}/api/me`, { headers: from('203.0.113.8') })).status).toBe(401);
  });

  it('counts a signed-in user’s requests per user, across sessions and addresses', async () => {
    const u = await createUser();
    const a = await signIn(u.email, u.password, '198.51.100.1');
    const b = await signIn(u.email, u.password, '198.51.100.2');
    const statuses: number[] = [];
    for (const c of [a, b, a, b, a, b])
      statuses.push((await c.request('GET', '/api/me', undefined, from('198.51.100.3'))).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    // A colleague behind the same address has a budget of their own.
    const other = await createUser();
    const c = await signIn(other.email, other.password, '198.51.100.1');
    expect((await c.request('GET', '/api/me', undefined, from('198.51.100.3'))).status).toBe(200);
  });

  it.runIf(Boolean(process.env.REDIS_URL))('keeps no session token in Redis keys', async () => {
    const u = await createUser();
    const c = await signIn(u.email, u.password, '198.51.100.9');
    expect((await c.get('/api/me')).status).toBe(200);
    const token = c.cookie.slice(`${SESSION_COOKIE}=`.length);
    const redis = new Redis(process.env.REDIS_URL!);
    try {
      const keys = await redis.keys(`${t.config.redisPrefix}*`);
      expect(keys.some((k) => k.endsWith(`api:user:${u.user.id}`))).toBe(true);
      expect(keys.filter((k) => k.includes(token.slice(0, 8)))).toEqual([]);
    } finally {
      redis.disconnect();
    }
  });
});
