import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CloseCode,
  FrameErrorCode,
  type AgentServerFrame,
  type User,
  type VisitorServerFrame,
  type WebsiteList,
} from '@parley/protocol';
import { ADMIN, TestClient } from '../../test/harness.js';
import { sharedDatabase, startInstance, stopInstance, type Instance } from '../../test/instances.js';
import { eventually } from '../../test/wait.js';
import { cid, WsClient, wsUrl } from '../../test/ws-client.js';

type Frame<T extends VisitorServerFrame['type']> = Extract<VisitorServerFrame, { type: T }>;
/** How a visitor socket's hello ended: welcomed, or closed. */
type Outcome = { welcome?: Frame<'welcome'>; closed?: { code: number; reason: string } };

// Issue 10.6, 10.9, 10.10 on two instances over one PostgreSQL and one Redis: per-address limits are shared
// (a visitor cannot get twice the share by reaching both), client addresses come from the trusted hop on both,
// and a session that ends closes its sockets on every instance. Needs DATABASE_URL and REDIS_URL (CI's second
// pass); the test process plays the load balancer (one trusted hop) and says each client's address.
const enabled = Boolean(process.env.DATABASE_URL && process.env.REDIS_URL);

describe.runIf(enabled)('limits and sessions across two instances', () => {
  let db: Awaited<ReturnType<typeof sharedDatabase>>;
  let a: Instance;
  let b: Instance;
  let siteId: string;
  let admin: TestClient;

  beforeAll(async () => {
    db = await sharedDatabase();
    const env = {
      DATABASE_URL: db.url,
      REDIS_URL: process.env.REDIS_URL!,
      REDIS_PREFIX: `test:${cid()}:`,
      TRUST_PROXY: '1',
      LOGIN_RATE_PER_EMAIL: '3',
      VISITOR_SOCKETS_PER_IP: '3',
      VISITOR_CHATS_PER_IP_PER_MINUTE: '2',
      WIDGET_CONFIG_PER_IP_PER_MINUTE: '3',
    };
    a = await startInstance(env);
    b = await startInstance(env);
    admin = await TestClient.login(b.url, ADMIN.email, ADMIN.password);
    siteId = (await admin.get<WebsiteList>('/api/websites')).body.items[0]!.id;
  }, 120_000);

  afterAll(async () => {
    if (a) await stopInstance(a);
    if (b) await stopInstance(b);
    await db?.drop();
  });

  let n = 0;
  const newAddress = () => `192.0.2.${++n}`;

  async function visitorOn(i: Instance, ip: string) {
    const v = await WsClient.open<VisitorServerFrame>(wsUrl(i.url, `/ws/visitor?site=${siteId}`), {
      headers: { origin: 'http://localhost', 'x-forwarded-for': ip },
    });
    v.send({ type: 'hello', chats: [] });
    const outcome: Outcome = await Promise.race([
      v.next('welcome').then((welcome) => ({ welcome })),
      v.waitClose().then((closed) => ({ closed })),
    ]);
    return { v, ...outcome };
  }

  async function refused(v: WsClient<VisitorServerFrame>) {
    expect((await v.waitClose()).code).toBe(CloseCode.rateLimited);
    expect(v.frames).toContainEqual(expect.objectContaining({ code: FrameErrorCode.limitReached }));
  }

  it('shares an address’s visitor sockets between the instances', async () => {
    const ip = newAddress();
    const open = [(await visitorOn(a, ip)).v, (await visitorOn(a, ip)).v, (await visitorOn(b, ip)).v];
    await refused((await visitorOn(b, ip)).v);
    await refused((await visitorOn(a, ip)).v);
    open.shift()!.close(); // on A: B may take one again once A has released it
    // Each try is refused (and closed) until the release reaches the shared count.
    const again = await eventually('B to take a socket again once A released one', async () => {
      const r = await visitorOn(b, ip);
      if (r.welcome) return r;
      r.v.close();
      return null;
    });
    for (const v of [...open, again.v]) v.close();
  });

  it('shares an address’s new chats per minute between the instances', async () => {
    const ip = newAddress();
    // An agent to take the chats (INV-2: with nobody available a live start is refused before any limit).
    const agent = await WsClient.open<AgentServerFrame>(wsUrl(b.url, '/ws/agent'), {
      headers: { cookie: admin.cookie, origin: b.url },
    });
    await agent.next('welcome');
    agent.send({ type: 'presence.set', status: 'available' });
    await agent.next('presence', (f) => f.status === 'available');
    const start = async (i: Instance) => {
      const { v } = await visitorOn(i, ip);
      const c = cid();
      v.send({ type: 'chat.start', cid: c, text: 'Hello' });
      const frame = await Promise.race([
        v.next('ack', (f) => f.cid === c),
        v.next('error', (f) => f.cid === c),
      ]);
      v.close();
      return frame;
    };
    expect((await start(a)).type).toBe('ack');
    expect((await start(b)).type).toBe('ack');
    expect(await start(a)).toMatchObject({ type: 'error', code: FrameErrorCode.limitReached });
    agent.close();
  });

  it('shares an address’s /widget/config requests between the instances', async () => {
    const ip = newAddress();
    const get = (i: Instance) =>
      fetch(`${i.url}/widget/config?site=${siteId}`, { headers: { 'x-forwarded-for': ip } }).then(
        (r) => r.status,
      );
    expect([await get(a), await get(b), await get(a), await get(b)]).toEqual([200, 200, 200, 429]);
  });

  it('counts sign-in failures by the proxy’s view of the address on both instances', async () => {
    const email = `two-${cid()}@example.com`;
    const created = await admin.post<User>('/api/users', {
      email,
      password: 'a-good-password',
      firstName: 'Two',
      lastName: 'Instances',
      language: 'en',
      rights: 'agent',
    });
    expect(created.status).toBe(201);
    const signIn = (i: Instance, password: string, forwardedFor: string) =>
      new TestClient(i.url).request(
        'POST',
        '/api/auth/login',
        { email, password },
        { 'x-forwarded-for': forwardedFor },
      );
    expect((await signIn(a, 'wrong-password', '10.0.0.1, 198.51.100.77')).status).toBe(401);
    expect((await signIn(b, 'wrong-password', '10.0.0.2, 198.51.100.77')).status).toBe(401);
    expect((await signIn(a, 'wrong-password', '10.0.0.3, 198.51.100.77')).status).toBe(401);
    expect((await signIn(b, 'a-good-password', '10.0.0.4, 198.51.100.77')).status).toBe(429);
    expect((await signIn(a, 'a-good-password', '198.51.100.78')).status).toBe(200);
  });

  it('closes a user’s console sockets on both instances when the session ends', async () => {
    const email = `ends-${cid()}@example.com`;
    const created = await admin.post<User>('/api/users', {
      email,
      password: 'a-good-password',
      firstName: 'Ends',
      lastName: 'Everywhere',
      language: 'en',
      rights: 'agent',
    });
    expect(created.status).toBe(201);
    const consoleOn = async (i: Instance, c: TestClient) => {
      const s = await WsClient.open<AgentServerFrame>(wsUrl(i.url, '/ws/agent'), {
        headers: { cookie: c.cookie, origin: i.url },
      });
      await s.next('welcome');
      return s;
    };
    const first = await TestClient.login(a.url, email, 'a-good-password');
    const sockets = [await consoleOn(a, first), await consoleOn(b, first), await consoleOn(b, first)];
    const viaB = new TestClient(b.url);
    viaB.cookie = first.cookie;
    viaB.csrf = first.csrf;
    expect((await viaB.post('/api/auth/logout')).status).toBe(204);
    for (const s of sockets) expect((await s.waitClose()).code).toBe(CloseCode.sessionEnded);

    const second = await TestClient.login(b.url, email, 'a-good-password');
    const onA = [await consoleOn(a, second), await consoleOn(a, second)];
    expect(
      (await admin.patch(`/api/users/${created.body.id}`, { password: 'another-password' })).status,
    ).toBe(200);
    for (const s of onA) expect((await s.waitClose()).code).toBe(CloseCode.sessionEnded);
  });
});
