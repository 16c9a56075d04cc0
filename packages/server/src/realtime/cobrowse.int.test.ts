import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  COBROWSE_BATCH_MAX,
  COBROWSE_PART_MAX,
  cobrowseParts,
  type AgentServerFrame,
  type CampaignToolSettings,
  type CampaignList,
  type User,
  type VisitorServerFrame,
  type WebsiteList,
  type WidgetConfig,
} from '@parley/protocol';
import { ADMIN, startTestApp, TestClient, type TestApp } from '../../test/harness.js';
import { sharedDatabase, startInstance, stopInstance, type Instance } from '../../test/instances.js';
import { cid, WsClient, wsUrl } from '../../test/ws-client.js';
import { createAccount } from '../bootstrap.js';
import { webDist } from '../paths.js';

// TLS-5, cobrowsing, through the real gateways, bus and database (PGlite; PostgreSQL and Redis in CI's second
// pass, and then also across two server processes): the visitor's recorded events reach the chat's agent while
// the agent watches, only after the visitor opted in and while the campaign's Cobrowsing tool is on; nothing is
// stored; the budget of frames and bytes per second applies. Each test has an account of its own.

type Agent = WsClient<AgentServerFrame>;
type Visitor = WsClient<VisitorServerFrame>;

/** A batch of recorded events as the widget sends it: rrweb's Meta and full snapshot, or mutations. */
const snapshot = (text: string, t = Date.now()) => [
  { type: 4, data: { href: 'https://shop.example/', width: 1024, height: 768 }, timestamp: t },
  {
    type: 2,
    data: { node: { type: 0, childNodes: [{ type: 3, textContent: text, id: 2 }], id: 1 } },
    timestamp: t,
  },
];
const mutation = (i: number) => ({
  type: 3,
  data: { source: 0, texts: [{ id: 2, value: `text ${i}` }], attributes: [], removes: [], adds: [] },
  timestamp: Date.now(),
});

const sockets: { close(): void }[] = [];
afterAll(() => {
  for (const s of sockets) s.close();
});

/** An account with a campaign whose chats go to Ann; `url` is the instance everyone talks to. */
async function account(t: { url: string; db?: TestApp['runtime']['database']['db'] }, url = t.url) {
  const key = randomUUID().slice(0, 8);
  const host = `cobrowse-${key}.example`;
  const email = `manager-${key}@cobrowse.example`;
  const created = await createAccount(t.db!, {
    name: `Cobrowse ${key}`,
    host,
    manager: { email, password: 'manager-password', firstName: 'Mo', lastName: 'Manager' },
  });
  const manager = await TestClient.login(url, email, 'manager-password');
  const campaignId = created.campaign.id;
  const agentEmail = `ann-${key}@cobrowse.example`;
  const ann = await manager.post<User>('/api/users', {
    email: agentEmail,
    password: 'agent-password',
    firstName: 'Ann',
    lastName: 'Agent',
    rights: 'agent',
  });
  expect(ann.status).toBe(201);
  const routed = await manager.request('PUT', `/api/campaigns/${campaignId}/routing`, {
    levels: [{ title: 'First', method: 'least_chats', members: [{ type: 'user', id: ann.body.id }] }],
    forwarding: { enabled: false, members: [] },
  });
  expect(routed.status).toBe(200);
  const tools = `/api/campaigns/${campaignId}/tools`;
  return {
    host,
    siteId: created.website.id,
    manager,
    agentEmail,
    async setCobrowsing(on: boolean, cspDomains?: string[]) {
      const now = (await manager.get<CampaignToolSettings>(tools)).body;
      const res = await manager.request('PUT', tools, {
        tools: { ...now.tools, cobrowsing: on },
        cobrowse: { ...now.cobrowse, ...(cspDomains ? { cspDomains } : {}) },
      });
      expect(res.status).toBe(200);
    },
  };
}
type Account = Awaited<ReturnType<typeof account>>;

async function agentOn(url: string, a: Account): Promise<Agent> {
  const client = await TestClient.login(url, a.agentEmail, 'agent-password');
  const s = await WsClient.open<AgentServerFrame>(wsUrl(url, '/ws/agent'), {
    headers: { cookie: client.cookie, origin: url },
  });
  sockets.push(s);
  await s.next('welcome');
  s.send({ type: 'presence.set', status: 'available' });
  await s.next('presence', (f) => f.status === 'available');
  return s;
}

async function visitorOn(url: string, a: Account): Promise<Visitor> {
  const v = await WsClient.open<VisitorServerFrame>(wsUrl(url, `/ws/visitor?site=${a.siteId}`), {
    headers: { origin: `http://${a.host}` },
  });
  sockets.push(v);
  v.send({ type: 'hello', page: { url: `http://${a.host}/`, title: 'Shop' } });
  await v.next('welcome');
  return v;
}

/** A visitor's chat taken by the agent. */
async function chatOf(v: Visitor, agent: Agent): Promise<string> {
  const c = cid();
  v.send({ type: 'chat.start', cid: c, text: 'Hello' });
  const chatId = (await v.next('ack', (f) => f.cid === c)).chatId;
  await agent.next('chat.upsert', (f) => f.chat.id === chatId && f.chat.status === 'active');
  agent.send({ type: 'sync', chatId, afterSeq: 0 });
  await agent.untilTranscript(chatId, (e) => e.some((x) => x.text === 'Hello'));
  return chatId;
}

/** Sends a batch the way the widget does: JSON text in parts. */
function sendBatch(v: Visitor, chatId: string, events: unknown[]) {
  const parts = cobrowseParts(JSON.stringify(events));
  parts.forEach((data, i) =>
    v.send({ type: 'cobrowse.events', chatId, data, ...(i < parts.length - 1 ? { more: true } : {}) }),
  );
}

const relayed = (agent: Agent, chatId: string) =>
  agent.frames.filter((f) => f.type === 'cobrowse.events' && f.chatId === chatId) as Extract<
    AgentServerFrame,
    { type: 'cobrowse.events' }
  >[];

/**
 * Lets frames in flight arrive, so that "nothing came" means something: a message of the visitor's sent after
 * them is handled after them, and reaches the agent over the same bus after what they published.
 */
async function settle(v: Visitor, agent: Agent, chatId: string) {
  const c = cid();
  const text = `ping ${c}`;
  v.send({ type: 'message.send', chatId, cid: c, text });
  await v.next('ack', (f) => f.cid === c);
  await agent.untilTranscript(chatId, (e) => e.some((x) => x.text === text));
}

describe('cobrowsing (TLS-5) on one instance', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ COBROWSE_FRAMES_PER_SECOND: '10' });
  });
  afterAll(() => t?.close());
  const ctx = () => ({ url: t.url, db: t.runtime.database.db });

  it('with the tool off: no toggle in the chat window, cobrowse.start refused, events refused and not relayed', async () => {
    const a = await account(ctx());
    const config = await fetch(`${t.url}/widget/config?site=${a.siteId}&view=frame`);
    expect(((await config.json()) as WidgetConfig).cobrowse).toBeNull();
    const agent = await agentOn(t.url, a);
    const v = await visitorOn(t.url, a);
    const chatId = await chatOf(v, agent);
    agent.send({ type: 'cobrowse.watch', chatId, watch: true });

    v.send({ type: 'cobrowse.start', chatId });
    const refused = await v.next('error', (f) => f.chatId === chatId);
    expect(refused.code).toBe('forbidden');
    expect(refused.message).toMatch(/Cobrowsing is turned off/);
    sendBatch(v, chatId, snapshot('secret page'));
    expect((await v.next('error', (f) => f.code === 'cobrowse_off')).chatId).toBe(chatId);
    await settle(v, agent, chatId);
    expect(relayed(agent, chatId)).toEqual([]);
    expect(v.frames.some((f) => f.type === 'cobrowse.state')).toBe(false);
  });

  it('relays the visitor’s events to the watching agent, whole and unchanged, and stores none of them', async () => {
    const a = await account(ctx());
    await a.setCobrowsing(true);
    const config = (await (
      await fetch(`${t.url}/widget/config?site=${a.siteId}&view=frame`)
    ).json()) as WidgetConfig;
    expect(config.cobrowse).toEqual({
      text: expect.stringContaining('Let the agent see this page'),
      onText: 'Share my screen',
      offText: 'Stop sharing',
    });
    const agent = await agentOn(t.url, a);
    const v = await visitorOn(t.url, a);
    const chatId = await chatOf(v, agent);

    // Events before opting in are refused, as ever.
    sendBatch(v, chatId, [mutation(0)]);
    await v.next('error', (f) => f.code === 'cobrowse_off');

    v.send({ type: 'cobrowse.start', chatId });
    await v.next('cobrowse.state', (f) => f.chatId === chatId && f.sharing);
    // The agent is told, watching or not.
    await agent.next('cobrowse.state', (f) => f.chatId === chatId && f.sharing);

    // The agent opens the Screen share section: the visitor's recorder is asked for a full snapshot.
    agent.send({ type: 'cobrowse.watch', chatId, watch: true });
    await v.next('cobrowse.snapshot', (f) => f.chatId === chatId);

    // A full snapshot of a big page, in parts; then a mutation.
    const big = snapshot('Checkout — your basket ' + 'é'.repeat(3 * COBROWSE_PART_MAX));
    const small = [mutation(1)];
    sendBatch(v, chatId, big);
    sendBatch(v, chatId, small);
    await agent.next('cobrowse.events', (f) => f.chatId === chatId && f.data.includes('text 1'));
    const got = relayed(agent, chatId);
    expect(got).toHaveLength(2);
    expect(JSON.parse(got[0]!.data)).toEqual(big);
    expect(JSON.parse(got[1]!.data)).toEqual(small);

    // Not stored: no table holds the page's text.
    const db = t.runtime.database.db;
    const events = await db
      .selectFrom('chat_events')
      .select(['body', 'data'])
      .where('chat_id', '=', chatId)
      .execute();
    expect(JSON.stringify(events)).not.toContain('basket');
    expect(JSON.stringify(events)).not.toContain('text 1');

    // The agent stops watching: nothing more comes to them (the visitor may go on sharing).
    agent.send({ type: 'cobrowse.watch', chatId, watch: false });
    await settle(v, agent, chatId);
    sendBatch(v, chatId, [mutation(2)]);
    await settle(v, agent, chatId);
    expect(relayed(agent, chatId)).toHaveLength(2);
    expect(v.problems).toEqual([]);
  });

  it('refuses garbage and oversize batches with clear errors, relays none of them, and goes on', async () => {
    const a = await account(ctx());
    await a.setCobrowsing(true);
    const agent = await agentOn(t.url, a);
    const v = await visitorOn(t.url, a);
    const chatId = await chatOf(v, agent);
    v.send({ type: 'cobrowse.start', chatId });
    await v.next('cobrowse.state', (f) => f.sharing);
    agent.send({ type: 'cobrowse.watch', chatId, watch: true });
    await v.next('cobrowse.snapshot');

    const errorsBefore = () => v.frames.filter((f) => f.type === 'error').length;
    const bad = [
      { data: 'not json at all' },
      { data: '{"type":2}' },
      { data: '[]' },
      { data: '[{"type":99,"timestamp":1}]' },
      { data: '[{"type":3}]' },
      { data: '[1,2,3]' },
    ];
    for (const b of bad) {
      const n = errorsBefore();
      v.send({ type: 'cobrowse.events', chatId, data: b.data });
      const e = await v.next('error', () => errorsBefore() > n);
      expect(e).toMatchObject({ code: 'bad_frame', chatId });
      expect(e.message).toMatch(/rrweb events/);
    }
    // A part over the frame's limit, a data that is no text, a batch over COBROWSE_BATCH_MAX.
    let n = errorsBefore();
    v.send({ type: 'cobrowse.events', chatId, data: 'x'.repeat(COBROWSE_PART_MAX + 1) });
    expect((await v.next('error', () => errorsBefore() > n)).message).toMatch(/at most 20000 characters/);
    n = errorsBefore();
    v.send({ type: 'cobrowse.events', chatId, data: { not: 'text' } });
    expect((await v.next('error', () => errorsBefore() > n)).code).toBe('bad_frame');
    await new Promise((r) => setTimeout(r, 1100));
    n = errorsBefore();
    // The part that takes the batch over COBROWSE_BATCH_MAX is the last one sent.
    const parts = Math.floor(COBROWSE_BATCH_MAX / COBROWSE_PART_MAX) + 1;
    for (let i = 0; i < parts; i++) {
      v.send({ type: 'cobrowse.events', chatId, data: 'y'.repeat(COBROWSE_PART_MAX), more: true });
      if (i % 8 === 7) await new Promise((r) => setTimeout(r, 1000)); // within the frame budget
    }
    const over = await v.next('error', (f) => f.code === 'over_limit' || f.code === 'rate_limited');
    expect(over).toMatchObject({ code: 'over_limit', chatId });
    await agent.next('cobrowse.state', (f) => f.chatId === chatId && f.dropped === true);

    // Still sharing, still relaying good batches.
    sendBatch(v, chatId, [mutation(7)]);
    await agent.next('cobrowse.events', (f) => f.data.includes('text 7'));
    expect(relayed(agent, chatId)).toHaveLength(1);
  }, 60_000);

  it('applies the frame budget: frames over it are dropped with rate_limited, the agent is told, messages still go', async () => {
    const a = await account(ctx());
    await a.setCobrowsing(true);
    const agent = await agentOn(t.url, a);
    const v = await visitorOn(t.url, a);
    const chatId = await chatOf(v, agent);
    v.send({ type: 'cobrowse.start', chatId });
    await v.next('cobrowse.state', (f) => f.sharing);
    agent.send({ type: 'cobrowse.watch', chatId, watch: true });
    await v.next('cobrowse.snapshot');
    await new Promise((r) => setTimeout(r, 1100));

    // 10 frames per second, bursts of 30: 80 at once cannot all pass.
    for (let i = 0; i < 80; i++) sendBatch(v, chatId, [mutation(i)]);
    const limited = await v.next('error', (f) => f.code === 'rate_limited');
    expect(limited.chatId).toBe(chatId);
    expect(limited.message).toMatch(/Screen sharing sends more/);
    await agent.next('cobrowse.state', (f) => f.chatId === chatId && f.dropped === true);
    // The visitor's own messages have their own budget: not refused.
    const m = cid();
    v.send({ type: 'message.send', chatId, cid: m, text: 'still here' });
    await v.next('ack', (f) => f.cid === m);
    await settle(v, agent, chatId);
    const through = relayed(agent, chatId).length;
    expect(through).toBeGreaterThan(0);
    expect(through).toBeLessThan(80);
    // Turning sharing off is never refused for the budget.
    for (let i = 0; i < 40; i++) sendBatch(v, chatId, [mutation(i)]);
    v.send({ type: 'cobrowse.stop', chatId });
    await agent.next('cobrowse.state', (f) => f.chatId === chatId && !f.sharing && f.reason === 'stopped');
  });

  it('ends the sharing when the visitor stops, the chat ends, the visitor leaves, or the tool goes off', async () => {
    const a = await account(ctx());
    await a.setCobrowsing(true);
    const agent = await agentOn(t.url, a);

    const share = async () => {
      const v = await visitorOn(t.url, a);
      const chatId = await chatOf(v, agent);
      v.send({ type: 'cobrowse.start', chatId });
      await v.next('cobrowse.state', (f) => f.sharing);
      agent.send({ type: 'cobrowse.watch', chatId, watch: true });
      await v.next('cobrowse.snapshot');
      return { v, chatId };
    };
    const ended = (chatId: string, reason: string) =>
      agent.next('cobrowse.state', (f) => f.chatId === chatId && !f.sharing && f.reason === reason);

    // The visitor turns it off: events after it are refused and not relayed.
    const s1 = await share();
    s1.v.send({ type: 'cobrowse.stop', chatId: s1.chatId });
    await ended(s1.chatId, 'stopped');
    sendBatch(s1.v, s1.chatId, [mutation(1)]);
    await s1.v.next('error', (f) => f.code === 'cobrowse_off' && f.chatId === s1.chatId);
    await settle(s1.v, agent, s1.chatId);
    expect(relayed(agent, s1.chatId)).toEqual([]);

    // The agent closes the chat.
    const s2 = await share();
    agent.send({ type: 'chat.close', chatId: s2.chatId });
    await ended(s2.chatId, 'closed');
    await s2.v.next('cobrowse.state', (f) => f.chatId === s2.chatId && !f.sharing);

    // The visitor leaves (their socket closes).
    const s3 = await share();
    s3.v.close();
    await ended(s3.chatId, 'left');

    // The manager turns Cobrowsing off: the next batch ends the sharing (within the toggles' cache time).
    const s4 = await share();
    await a.setCobrowsing(false);
    sendBatch(s4.v, s4.chatId, [mutation(4)]);
    await ended(s4.chatId, 'tool_off');
    await s4.v.next('cobrowse.state', (f) => f.chatId === s4.chatId && !f.sharing);
    expect(relayed(agent, s4.chatId)).toEqual([]);
  }, 60_000);

  it('shows a shared screen to the chat’s own agent only', async () => {
    const a = await account(ctx());
    await a.setCobrowsing(true);
    const agent = await agentOn(t.url, a);
    const v = await visitorOn(t.url, a);
    const chatId = await chatOf(v, agent);
    // The account's manager is not the chat's agent; another account's agent does not know the chat.
    const manager = await WsClient.open<AgentServerFrame>(wsUrl(t.url, '/ws/agent'), {
      headers: { cookie: a.manager.cookie, origin: t.url },
    });
    sockets.push(manager);
    await manager.next('welcome');
    manager.send({ type: 'cobrowse.watch', chatId, watch: true });
    expect((await manager.next('error', (f) => f.chatId === chatId)).code).toBe('forbidden');
    const other = await account(ctx());
    const stranger = await agentOn(t.url, other);
    stranger.send({ type: 'cobrowse.watch', chatId, watch: true });
    expect((await stranger.next('error', (f) => f.chatId === chatId)).code).toBe('not_found');
    // Nor its replay page.
    const page = await a.manager.request('GET', `/cobrowse/replay/${chatId}`);
    expect(page.status).toBe(403);
    v.send({ type: 'cobrowse.start', chatId });
    await v.next('cobrowse.state', (f) => f.sharing);
    sendBatch(v, chatId, snapshot('private'));
    await settle(v, agent, chatId);
    expect(manager.frames.some((f) => f.type === 'cobrowse.events')).toBe(false);
    expect(stranger.frames.some((f) => f.type === 'cobrowse.events')).toBe(false);
  });

  it('serves the replay page to the chat’s agent with a CSP that adds the site and the campaign’s extra domains', async () => {
    const a = await account(ctx());
    await a.setCobrowsing(true, ['cdn.shop-assets.example', 'https://fonts.example.com']);
    const agent = await agentOn(t.url, a);
    const v = await visitorOn(t.url, a);
    const chatId = await chatOf(v, agent);
    const ann = await TestClient.login(t.url, a.agentEmail, 'agent-password');
    const res = await fetch(`${t.url}/cobrowse/replay/${chatId}`, { headers: { cookie: ann.cookie } });
    // The page is the web app's built replay.html: before the first build (a clean clone's first integration
    // run) the route answers 404 after the access check; the policy itself is unit-tested (cobrowse/csp.test.ts)
    // and enforced in a real browser by e2e/cobrowse.e2e.test.ts.
    if (!existsSync(path.join(webDist, 'replay.html'))) {
      expect(res.status).toBe(404);
    } else {
      expect(res.status).toBe(200);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'self'");
      expect(csp).toContain("connect-src 'none'");
      for (const d of [`https://${a.host}`, 'cdn.shop-assets.example', 'https://fonts.example.com']) {
        expect(csp).toMatch(new RegExp(`img-src [^;]*${d.replace(/[.]/g, '\\.')}`));
        expect(csp).toMatch(new RegExp(`style-src [^;]*${d.replace(/[.]/g, '\\.')}`));
        expect(csp).toMatch(new RegExp(`font-src [^;]*${d.replace(/[.]/g, '\\.')}`));
      }
    }
    const other = await account(ctx());
    const stranger = await TestClient.login(t.url, other.agentEmail, 'agent-password');
    const refused = await fetch(`${t.url}/cobrowse/replay/${chatId}`, {
      headers: { cookie: stranger.cookie },
    });
    expect(refused.status).toBe(404);
    const anonymous = await fetch(`${t.url}/cobrowse/replay/${chatId}`);
    expect(anonymous.status).toBe(401);
  });
});

// Across instances: needs DATABASE_URL and REDIS_URL (PGlite cannot be shared between processes).
const shared = Boolean(process.env.DATABASE_URL && process.env.REDIS_URL);

describe.runIf(shared)('cobrowsing (TLS-5) across two instances', () => {
  let db: Awaited<ReturnType<typeof sharedDatabase>>;
  let a: Instance;
  let b: Instance;

  beforeAll(async () => {
    db = await sharedDatabase();
    const env = { DATABASE_URL: db.url, REDIS_URL: process.env.REDIS_URL!, REDIS_PREFIX: `test:${cid()}:` };
    a = await startInstance(env);
    b = await startInstance({ ...env, COBROWSE_FRAMES_PER_SECOND: '5' });
  }, 120_000);

  afterAll(async () => {
    if (a) await stopInstance(a);
    if (b) await stopInstance(b);
    await db?.drop();
  });

  it('relays from a visitor on one instance to an agent on the other; the budget applies where the visitor is', async () => {
    // The demo account: the admin takes its chats; its campaign gets Cobrowsing (saved on A, enforced on B).
    const admin = await TestClient.login(a.url, ADMIN.email, ADMIN.password);
    const siteId = (await admin.get<WebsiteList>('/api/websites')).body.items[0]!.id;
    const campaignId = (await admin.get<CampaignList>('/api/campaigns')).body.items[0]!.id;
    const path = `/api/campaigns/${campaignId}/tools`;
    const now = (await admin.get<CampaignToolSettings>(path)).body;
    const saved = await admin.request('PUT', path, { ...now, tools: { ...now.tools, cobrowsing: true } });
    expect(saved.status).toBe(200);

    const agent = await WsClient.open<AgentServerFrame>(wsUrl(a.url, '/ws/agent'), {
      headers: { cookie: admin.cookie, origin: a.url },
    });
    sockets.push(agent);
    await agent.next('welcome');
    agent.send({ type: 'presence.set', status: 'available' });
    await agent.next('presence', (f) => f.status === 'available');
    const v = await WsClient.open<VisitorServerFrame>(wsUrl(b.url, `/ws/visitor?site=${siteId}`), {
      headers: { origin: 'http://localhost' },
    });
    sockets.push(v);
    v.send({ type: 'hello' });
    await v.next('welcome');
    const chatId = await chatOf(v, agent);

    // B had not read the campaign's tools before A saved them: it reads them now.
    v.send({ type: 'cobrowse.start', chatId });
    await v.next('cobrowse.state', (f) => f.chatId === chatId && f.sharing);
    await agent.next('cobrowse.state', (f) => f.chatId === chatId && f.sharing);
    agent.send({ type: 'cobrowse.watch', chatId, watch: true });
    await v.next('cobrowse.snapshot', (f) => f.chatId === chatId);
    const page = snapshot('Across instances');
    sendBatch(v, chatId, page);
    const got = await agent.next('cobrowse.events', (f) => f.chatId === chatId);
    expect(JSON.parse(got.data)).toEqual(page);

    // B's budget: 5 frames per second, bursts of 15.
    for (let i = 0; i < 40; i++) sendBatch(v, chatId, [mutation(i)]);
    await v.next('error', (f) => f.code === 'rate_limited' && f.chatId === chatId);
    await agent.next('cobrowse.state', (f) => f.chatId === chatId && f.dropped === true);

    // The stop goes through at once, budget or not.
    v.send({ type: 'cobrowse.stop', chatId });
    await agent.next('cobrowse.state', (f) => f.chatId === chatId && !f.sharing && f.reason === 'stopped');
    expect(agent.problems).toEqual([]);
  }, 60_000);
});
