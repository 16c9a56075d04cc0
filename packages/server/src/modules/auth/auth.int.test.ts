import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '@parley/protocol';
import { ADMIN, startTestApp, TestClient, type TestApp } from '../../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

async function createUser(rights: 'manager' | 'agent', extra: Record<string, unknown> = {}) {
  const email = `u${Math.random().toString(36).slice(2)}@example.com`;
  const password = 'a-good-password';
  const res = await t.admin.post<User>('/api/users', {
    email,
    password,
    firstName: 'Test',
    lastName: rights,
    language: 'en',
    rights,
    ...extra,
  });
  expect(res.status).toBe(201);
  return { email, password, user: res.body };
}

describe('AUTH-1 sign-in', () => {
  it('returns the user, the account and a CSRF token, and sets an httpOnly SameSite cookie', async () => {
    const c = new TestClient(t.url);
    const res = await c.post<{ user: User; csrfToken: string }>('/api/auth/login', ADMIN);
    expect(res.status).toBe(200);
    expect(res.body.user.email).toBe(ADMIN.email);
    expect(res.body.csrfToken.length).toBeGreaterThan(20);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('sid='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const me = await c.get<{ user: User; account: { name: string } }>('/api/me');
    expect(me.status).toBe(200);
    expect(me.body.account.name).toBe('Demo');
  });

  it('answers a wrong password and an unknown email the same way', async () => {
    const a = await new TestClient(t.url).post('/api/auth/login', {
      email: ADMIN.email,
      password: 'nope-nope-nope',
    });
    const b = await new TestClient(t.url).post('/api/auth/login', {
      email: 'nobody@example.com',
      password: 'nope-nope-nope',
    });
    expect(a.status).toBe(401);
    expect(b.status).toBe(401);
    expect(a.body).toEqual(b.body);
    expect(a.body).toEqual({ error: { code: 'invalid_credentials', message: 'Wrong email or password' } });
  });

  it('rejects a malformed body with per-field messages', async () => {
    const res = await new TestClient(t.url).post('/api/auth/login', { email: '' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      error: {
        code: 'validation_failed',
        fields: { email: expect.any(String), password: expect.any(String) },
      },
    });
  });

  it('does not sign in a deleted user', async () => {
    const { email, password, user } = await createUser('agent');
    expect((await t.admin.delete(`/api/users/${user.id}`)).status).toBe(204);
    expect((await new TestClient(t.url).post('/api/auth/login', { email, password })).status).toBe(401);
  });
});

describe('AUTH-2 sessions and CSRF', () => {
  it('refuses a state-changing request without the CSRF token', async () => {
    const c = await TestClient.login(t.url, ADMIN.email, ADMIN.password);
    const csrf = c.csrf;
    c.csrf = '';
    const res = await c.post('/api/groups', { name: 'No token' });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: { code: 'csrf_failed' } });
    c.csrf = 'x'.repeat(csrf.length);
    expect((await c.post('/api/groups', { name: 'Wrong token' })).status).toBe(403);
    c.csrf = csrf;
    expect((await c.post('/api/groups', { name: 'Right token' })).status).toBe(201);
  });

  it('logs out: the cookie no longer works', async () => {
    const c = await TestClient.login(t.url, ADMIN.email, ADMIN.password);
    const cookie = c.cookie;
    expect((await c.post('/api/auth/logout')).status).toBe(204);
    c.cookie = cookie;
    expect((await c.get('/api/me')).status).toBe(401);
  });

  it('ends the other sessions of a user whose password changes', async () => {
    const { email, password, user } = await createUser('agent');
    const c = await TestClient.login(t.url, email, password);
    expect((await c.get('/api/me')).status).toBe(200);
    expect((await t.admin.patch(`/api/users/${user.id}`, { password: 'another-password' })).status).toBe(200);
    expect((await c.get('/api/me')).status).toBe(401);
    expect((await TestClient.login(t.url, email, 'another-password')).me?.user.id).toBe(user.id);
  });

  it('answers 401 without a session', async () => {
    expect((await new TestClient(t.url).get('/api/users')).status).toBe(401);
    expect((await new TestClient(t.url).get('/api/me')).body).toMatchObject({
      error: { code: 'unauthenticated' },
    });
  });
});

describe('AUTH-3 rights', () => {
  it('gives an agent-only user 403 on every management route', async () => {
    const { email, password } = await createUser('agent');
    const c = await TestClient.login(t.url, email, password);
    expect((await c.get('/api/me')).status).toBe(200);
    const someId = '00000000-0000-4000-8000-000000000000';
    const calls: [string, string, unknown?][] = [
      ['GET', '/api/users'],
      ['POST', '/api/users', {}],
      ['GET', `/api/users/${someId}`],
      ['PATCH', `/api/users/${someId}`, {}],
      ['DELETE', `/api/users/${someId}`],
      ['GET', '/api/groups'],
      ['POST', '/api/groups', { name: 'x' }],
      ['GET', `/api/groups/${someId}`],
      ['PATCH', `/api/groups/${someId}`, {}],
      ['DELETE', `/api/groups/${someId}`],
      ['GET', '/api/websites'],
      ['POST', '/api/websites', { host: 'example.com' }],
      ['GET', `/api/websites/${someId}/snippet`],
      ['GET', '/api/campaigns'],
    ];
    for (const [method, path, body] of calls) {
      const res = await c.request(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(403);
    }
  });
});

describe('AUTH-4 IP allow list', () => {
  it('refuses sign-in and every request from an address outside the list', async () => {
    const { email, password, user } = await createUser('agent');
    const c = await TestClient.login(t.url, email, password);
    expect(
      (await t.admin.patch(`/api/users/${user.id}`, { ipAllowlist: '10.0.0.0/8\n2001:db8::/32' })).status,
    ).toBe(200);
    const me = await c.get('/api/me');
    expect(me.status).toBe(403);
    expect(me.body).toMatchObject({ error: { code: 'ip_not_allowed' } });
    const login = await new TestClient(t.url).post('/api/auth/login', { email, password });
    expect(login.status).toBe(403);
    expect(login.body).toMatchObject({ error: { code: 'ip_not_allowed' } });
    // Issue 10.11: from outside the list a wrong password gets the very same answer as the right one.
    const wrong = await new TestClient(t.url).post('/api/auth/login', {
      email,
      password: 'not-the-password',
    });
    expect(wrong.status).toBe(403);
    expect(wrong.body).toEqual(login.body);
    expect((await t.admin.patch(`/api/users/${user.id}`, { ipAllowlist: '127.0.0.0/8\n::1' })).status).toBe(
      200,
    );
    expect((await c.get('/api/me')).status).toBe(200);
  });

  it('rejects an invalid line with a message naming it', async () => {
    const { user } = await createUser('agent');
    const res = await t.admin.patch(`/api/users/${user.id}`, { ipAllowlist: '10.0.0.1\n10.0.0.300' });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      error: {
        code: 'validation_failed',
        message: 'Some fields are not valid',
        fields: { ipAllowlist: 'Line 2: “10.0.0.300” is not an IP address or CIDR subnet' },
      },
    });
    expect((await t.admin.get<User>(`/api/users/${user.id}`)).body.ipAllowlist).toBeNull();
  });

  it('will not let a manager lock themselves out', async () => {
    const res = await t.admin.patch(`/api/users/${t.admin.me!.user.id}`, { ipAllowlist: '10.0.0.1' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      error: { fields: { ipAllowlist: expect.stringContaining('lock you out') } },
    });
  });
});
