import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentServerFrame, User } from '@parley/protocol';
import { startTestApp, TestClient, type TestApp } from '../../test/harness.js';
import { WsClient, wsUrl } from '../../test/ws-client.js';

// Issue 10.6: with TRUST_PROXY=true every X-Forwarded-For hop was believed, so a client's own header got it
// past IP allow lists and sign-in limits. Now TRUST_PROXY names how many proxies (or which) to believe; the
// test process plays the one load balancer in front of the app (its address, 127.0.0.1, is the socket's).

async function userWithAllowlist(t: TestApp, allowlist: string) {
  const email = `proxy-${Math.random().toString(36).slice(2)}@example.com`;
  const password = 'a-good-password';
  const res = await t.admin.post<User>('/api/users', {
    email,
    password,
    firstName: 'Proxy',
    lastName: 'Test',
    language: 'en',
    rights: 'agent',
    ipAllowlist: allowlist,
  });
  expect(res.status).toBe(201);
  return { email, password };
}

function signIn(t: TestApp, email: string, password: string, forwardedFor?: string) {
  const c = new TestClient(t.url);
  const headers: Record<string, string> = forwardedFor ? { 'x-forwarded-for': forwardedFor } : {};
  return c.request('POST', '/api/auth/login', { email, password }, headers).then((res) => ({ res, c }));
}

describe.each([
  ['one hop', '1'],
  ['the proxy’s address', '127.0.0.1'],
  ['the proxy’s subnet', '127.0.0.0/8,10.255.0.0/16'],
])('TRUST_PROXY as %s', (_what, trustProxy) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: trustProxy, LOGIN_RATE_PER_EMAIL: '3' });
  });
  afterAll(() => t?.close());

  it('takes the address the proxy saw, not one the client wrote in X-Forwarded-For', async () => {
    const { email, password } = await userWithAllowlist(t, '10.0.0.0/8');
    // The client claims 10.1.2.3; the load balancer appends the address it really came from.
    const spoofed = await signIn(t, email, password, '10.1.2.3, 203.0.113.9');
    expect(spoofed.res.status).toBe(403);
    expect(spoofed.res.body).toMatchObject({ error: { code: 'ip_not_allowed' } });
    expect(JSON.stringify(spoofed.res.body)).toContain('203.0.113.9');
    const real = await signIn(t, email, password, '10.1.2.3');
    expect(real.res.status).toBe(200);
    // The same session from outside the list, with the same trick, is refused on the API and on sockets.
    const api = await real.c.request('GET', '/api/me', undefined, {
      'x-forwarded-for': '10.1.2.3, 203.0.113.9',
    });
    expect(api.status).toBe(403);
    const socket = await WsClient.open<AgentServerFrame>(wsUrl(t.url, '/ws/agent'), {
      headers: { cookie: real.c.cookie, origin: t.url, 'x-forwarded-for': '10.1.2.3, 203.0.113.9' },
    });
    expect((await socket.waitClose()).reason).toBe('address not allowed');
    const inside = await WsClient.open<AgentServerFrame>(wsUrl(t.url, '/ws/agent'), {
      headers: { cookie: real.c.cookie, origin: t.url, 'x-forwarded-for': '10.1.2.3' },
    });
    await inside.next('welcome');
    inside.close();
  });

  it('counts sign-in failures by the real address however the client rewrites the header', async () => {
    const { email, password } = await userWithAllowlist(t, '0.0.0.0/0\n::/0');
    for (let i = 0; i < 3; i++) {
      const { res } = await signIn(t, email, 'wrong-password', `192.0.2.${i + 1}, 203.0.113.50`);
      expect(res.status).toBe(401);
    }
    const { res } = await signIn(t, email, password, '192.0.2.99, 203.0.113.50');
    expect(res.status).toBe(429);
  });
});

describe('TRUST_PROXY unset', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('ignores X-Forwarded-For altogether', async () => {
    const { email, password } = await userWithAllowlist(t, '10.0.0.0/8');
    expect((await signIn(t, email, password, '10.1.2.3')).res.status).toBe(403);
  });
});
