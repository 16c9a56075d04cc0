import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode, type AgentServerFrame, type User } from '@parley/protocol';
import { ADMIN, startTestApp, TestClient, type TestApp } from '../../test/harness.js';
import { WsClient, wsUrl } from '../../test/ws-client.js';

// Issue 10.10: sign-out, a new password, deleting the user or a new IP allow list closed the user's console
// sockets only at a later heartbeat (25–38 s). Now the change is announced on the bus and they close at once;
// a socket waits here for its close, far shorter than a heartbeat round.
const SOON_MS = 3000;

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

async function createAgent() {
  const email = `sessions-${Math.random().toString(36).slice(2)}@example.com`;
  const password = 'a-good-password';
  const res = await t.admin.post<User>('/api/users', {
    email,
    password,
    firstName: 'Session',
    lastName: 'Test',
    language: 'en',
    rights: 'agent',
  });
  expect(res.status).toBe(201);
  return { email, password, user: res.body };
}

async function consoleSocket(c: TestClient) {
  const s = await WsClient.open<AgentServerFrame>(wsUrl(t.url, '/ws/agent'), {
    headers: { cookie: c.cookie, origin: t.url },
  });
  await s.next('welcome');
  return s;
}

/** The socket still answers (and so is open). */
async function answers(s: WsClient<AgentServerFrame>) {
  const before = s.frames.length;
  s.send({ type: 'presence.set', status: 'away' });
  await s.next('presence', () => s.frames.length > before);
  expect(s.closed).toBeUndefined();
}

describe('open console sockets end with their session', () => {
  it('sign-out closes that session’s sockets at once, and only those', async () => {
    const u = await createAgent();
    const a = await TestClient.login(t.url, u.email, u.password);
    const b = await TestClient.login(t.url, u.email, u.password);
    const onA = [await consoleSocket(a), await consoleSocket(a)];
    const onB = await consoleSocket(b);
    expect((await a.post('/api/auth/logout')).status).toBe(204);
    for (const s of onA) expect((await s.waitClose(SOON_MS)).code).toBe(CloseCode.sessionEnded);
    await answers(onB);
    onB.close();
  });

  it('a new password closes the user’s other sessions’ sockets', async () => {
    const u = await createAgent();
    const sockets = [];
    for (let i = 0; i < 3; i++)
      sockets.push(await consoleSocket(await TestClient.login(t.url, u.email, u.password)));
    expect((await t.admin.patch(`/api/users/${u.user.id}`, { password: 'a-new-password' })).status).toBe(200);
    for (const s of sockets) expect((await s.waitClose(SOON_MS)).code).toBe(CloseCode.sessionEnded);
  });

  it('deleting the user closes every socket of theirs', async () => {
    const u = await createAgent();
    const c = await TestClient.login(t.url, u.email, u.password);
    const sockets = [await consoleSocket(c), await consoleSocket(c)];
    expect((await t.admin.delete(`/api/users/${u.user.id}`)).status).toBe(204);
    for (const s of sockets) expect((await s.waitClose(SOON_MS)).code).toBe(CloseCode.sessionEnded);
  });

  it('an IP allow list that leaves the socket’s address out closes it; one that keeps it does not', async () => {
    const u = await createAgent();
    const c = await TestClient.login(t.url, u.email, u.password);
    const s = await consoleSocket(c);
    expect((await t.admin.patch(`/api/users/${u.user.id}`, { ipAllowlist: '127.0.0.0/8' })).status).toBe(200);
    await answers(s);
    expect((await t.admin.patch(`/api/users/${u.user.id}`, { ipAllowlist: '10.0.0.0/8' })).status).toBe(200);
    expect((await s.waitClose(SOON_MS)).code).toBe(CloseCode.sessionEnded);
  });
  // Last: it ends the harness admin's session too.
  it('changing one’s own password keeps one’s own socket open', async () => {
    const me = await TestClient.login(t.url, ADMIN.email, ADMIN.password);
    const mine = await consoleSocket(me);
    const other = await consoleSocket(await TestClient.login(t.url, ADMIN.email, ADMIN.password));
    const myId = me.me!.user.id;
    expect((await me.patch(`/api/users/${myId}`, { password: ADMIN.password })).status).toBe(200);
    expect((await other.waitClose(SOON_MS)).code).toBe(CloseCode.sessionEnded);
    await answers(mine);
    mine.close();
  });
});
