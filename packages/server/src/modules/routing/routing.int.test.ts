import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type {
  AgentServerFrame,
  ChatEvent,
  Group,
  RoutingConfig,
  User,
  VisitorServerFrame,
} from '@parley/protocol';
import { createAccount } from '../../bootstrap.js';
import { startTestApp, TestClient, type TestApp } from '../../../test/harness.js';
import { eventually } from '../../../test/wait.js';
import { cid, WsClient, wsUrl } from '../../../test/ws-client.js';

// RTE-1…RTE-6 and CMP-8 end to end: sockets, the real router, the real timers. One app for the file; each
// test builds its own scene (a website, a campaign for it alone and its own agents), so any test passes alone
// (`-t name`) and in any order.
let t: TestApp;
const sockets: WsClient[] = [];

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await t?.close();
});

const db = () => t.runtime.database.db;

type Agent = { user: User; ws: WsClient<AgentServerFrame>; client: TestClient };

/**
 * An account of its own (queue positions and load are per account), with its website, its default campaign
 * (serving that website), its manager, and agents created on demand.
 */
async function scene() {
  const key = cid().slice(0, 8);
  const host = `rt-${key}.example.com`;
  const manager = { email: `boss-${key}@example.com`, password: 'manager-password' };
  const { website, campaign } = await createAccount(db(), {
    name: `Routing ${key}`,
    host,
    manager: { ...manager, firstName: 'Boss', lastName: key },
  });
  const admin = await TestClient.login(t.url, manager.email, manager.password);
  const siteId = website.id;
  const campaignId = campaign.id;
  const agents = new Map<string, Agent>();

  async function agent(name: string, limits: { liveChatLimit?: number | null } = {}) {
    const email = `${name.toLowerCase()}-${cid()}@example.com`;
    const user = (
      await admin.post<User>('/api/users', {
        email,
        password: 'agent-password',
        firstName: name,
        lastName: 'Agent',
        rights: 'agent',
        ...limits,
      })
    ).body;
    const client = await TestClient.login(t.url, email, 'agent-password');
    const ws = await WsClient.open<AgentServerFrame>(wsUrl(t.url, '/ws/agent'), {
      headers: { cookie: client.cookie, origin: t.url },
    });
    sockets.push(ws as WsClient);
    await ws.next('welcome');
    const a = { user, ws, client };
    agents.set(name, a);
    return a;
  }
  const get = (name: string) => agents.get(name)!;

  async function setStatus(name: string, status: 'available' | 'away') {
    const a = get(name);
    const before = a.ws.frames.length;
    a.ws.send({ type: 'presence.set', status });
    await a.ws.next('presence', (f) => f.status === status && a.ws.frames.indexOf(f) >= before);
  }

  async function routing(
    levels: { method: string; names?: string[]; groups?: string[] }[],
    forwarding: string[] = [],
  ) {
    const res = await admin.request<RoutingConfig>('PUT', `/api/campaigns/${campaignId}/routing`, {
      levels: levels.map((l, i) => ({
        title: `Level ${i + 1}`,
        method: l.method,
        members: [
          ...(l.names ?? []).map((n) => ({ type: 'user', id: get(n).user.id })),
          ...(l.groups ?? []).map((id) => ({ type: 'group', id })),
        ],
      })),
      forwarding: {
        enabled: forwarding.length > 0,
        members: forwarding.map((n) => ({ type: 'user', id: get(n).user.id })),
      },
    });
    expect(res.status).toBe(200);
    return res.body;
  }

  /**
   * A new visitor starts a chat; returns its id and who got it (null if queued). The gateway acks, routes,
   * then tells the visitor the chat's state: that first `chat.state` is the routing's outcome.
   */
  async function newChat(): Promise<{
    chatId: string;
    v: WsClient<VisitorServerFrame>;
    agentId: string | null;
  }> {
    const v = await WsClient.open<VisitorServerFrame>(wsUrl(t.url, `/ws/visitor?site=${siteId}`), {
      headers: { origin: `http://${host}` },
    });
    sockets.push(v as WsClient);
    v.send({ type: 'hello', chats: [] });
    await v.next('welcome');
    const c = cid();
    v.send({ type: 'chat.start', cid: c, text: 'hi' });
    const { chatId } = await v.next('ack', (f) => f.cid === c);
    const state = await v.next('chat.state', (f) => f.chat.id === chatId, 30_000);
    if (state.chat.status === 'queued') return { chatId, v, agentId: null };
    expect(state.chat.status).toBe('active');
    return { chatId, v, agentId: await agentOf(chatId) };
  }

  const nameOf = (userId: string | null) => [...agents].find(([, a]) => a.user.id === userId)?.[0] ?? null;

  const transcript = async (chatId: string) =>
    (await admin.get<{ events: ChatEvent[] }>(`/api/chats/${chatId}`)).body.events;

  return { admin, transcript, siteId, campaignId, agent, get, setStatus, routing, newChat, nameOf };
}

const agentOf = async (chatId: string) =>
  (await db().selectFrom('chats').select('agent_id').where('id', '=', chatId).executeTakeFirstOrThrow())
    .agent_id;

describe('Routing tab API (RTE-1, RTE-4)', () => {
  it('stores levels in order with users and groups, and the forwarding level', async () => {
    const sc = await scene();
    await sc.agent('Ada');
    await sc.agent('Bo');
    const g = (
      await sc.admin.post<Group>('/api/groups', { name: `Support ${cid()}`, userIds: [sc.get('Bo').user.id] })
    ).body;
    const saved = await sc.routing(
      [
        { method: 'sequential', names: ['Ada'], groups: [g.id] },
        { method: 'most_space', names: ['Bo'] },
      ],
      ['Ada'],
    );
    expect(saved.levels.map((l) => [l.title, l.method, l.members.map((m) => `${m.type}:${m.name}`)])).toEqual(
      [
        ['Level 1', 'sequential', ['user:Ada Agent', `group:${g.name}`]],
        ['Level 2', 'most_space', ['user:Bo Agent']],
      ],
    );
    expect(saved.forwarding).toMatchObject({ enabled: true, members: [{ type: 'user', name: 'Ada Agent' }] });
    expect((await sc.admin.get<RoutingConfig>(`/api/campaigns/${sc.campaignId}/routing`)).body).toEqual(
      saved,
    );
  });

  it('rejects unknown members, empty levels and bad methods with per-field messages', async () => {
    const sc = await scene();
    const bad = await sc.admin.request('PUT', `/api/campaigns/${sc.campaignId}/routing`, {
      levels: [{ title: 'X', method: 'loudest', members: [] }],
      forwarding: { enabled: false, members: [] },
    });
    expect(bad.status).toBe(400);
    expect(Object.keys((bad.body as { error: { fields: object } }).error.fields).sort()).toEqual([
      'levels.0.members',
      'levels.0.method',
    ]);
    const unknown = await sc.admin.request('PUT', `/api/campaigns/${sc.campaignId}/routing`, {
      levels: [{ title: 'X', method: 'random', members: [{ type: 'user', id: cid() }] }],
      forwarding: { enabled: false, members: [] },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({
      error: { fields: { 'levels.0.members.0': expect.stringContaining('Unknown user') } },
    });
    // Nothing was stored.
    expect(
      (await sc.admin.get<RoutingConfig>(`/api/campaigns/${sc.campaignId}/routing`)).body.levels,
    ).toEqual([]);
    const agentOnly = (await sc.agent('Ada')).client;
    expect((await agentOnly.get(`/api/campaigns/${sc.campaignId}/routing`)).status).toBe(403);
  });
});

describe('levels and methods (RTE-1…RTE-3)', () => {
  it('sequentially: round robin in the level order, remembered in the database', async () => {
    const sc = await scene();
    for (const n of ['Ada', 'Bo', 'Cy']) await sc.agent(n);
    await sc.routing([{ method: 'sequential', names: ['Ada', 'Bo', 'Cy'] }]);
    const got: (string | null)[] = [];
    for (let i = 0; i < 4; i++) got.push(sc.nameOf((await sc.newChat()).agentId));
    expect(got).toEqual(['Ada', 'Bo', 'Cy', 'Ada']);
    const level = await db()
      .selectFrom('routing_levels')
      .select('last_user_id')
      .where('campaign_id', '=', sc.campaignId)
      .where('is_forwarding', '=', false)
      .executeTakeFirstOrThrow();
    expect(sc.nameOf(level.last_user_id)).toBe('Ada');
  });

  it('with most chats: fills one agent up to the limit before the next', async () => {
    const sc = await scene();
    await sc.agent('Bo', { liveChatLimit: 2 });
    await sc.agent('Cy', { liveChatLimit: 2 });
    await sc.routing([{ method: 'most_chats', names: ['Bo', 'Cy'] }]);
    const got: (string | null)[] = [];
    for (let i = 0; i < 5; i++) got.push(sc.nameOf((await sc.newChat()).agentId));
    expect(got[0]).toBe(got[1]);
    expect(got[2]).toBe(got[3]);
    expect(got[0]).not.toBe(got[2]);
    expect(got[4]).toBeNull(); // both full: queued
  });

  it('later levels back up earlier ones; a queued chat is assigned as soon as a slot frees (RTE-5)', async () => {
    const sc = await scene();
    await sc.agent('Ada', { liveChatLimit: 1 });
    await sc.agent('Bo', { liveChatLimit: 1 });
    await sc.routing([
      { method: 'least_chats', names: ['Ada'] },
      { method: 'least_chats', names: ['Bo'] },
    ]);
    expect(sc.nameOf((await sc.newChat()).agentId)).toBe('Ada');
    expect(sc.nameOf((await sc.newChat()).agentId)).toBe('Bo');
    const queued = await sc.newChat();
    expect(queued.agentId).toBeNull();
    const state = await queued.v.next('chat.state', (f) => f.chat.id === queued.chatId);
    expect(state.chat).toMatchObject({ status: 'queued', queuePosition: 1 });
    // Raising Ada's limit frees a slot: the queue drains at once.
    await sc.admin.patch(`/api/users/${sc.get('Ada').user.id}`, { liveChatLimit: 2 });
    await queued.v.next('chat.state', (f) => f.chat.id === queued.chatId && f.chat.status === 'active');
    expect(sc.nameOf(await agentOf(queued.chatId))).toBe('Ada');
  });

  it('away agents get nothing; the forwarding level receives only transferred chats (RTE-4)', async () => {
    const sc = await scene();
    await sc.agent('Ada');
    await sc.agent('Fin');
    await sc.routing([{ method: 'least_chats', names: ['Ada'] }], ['Fin']);
    await sc.setStatus('Ada', 'away');
    const c = await sc.newChat();
    expect(c.agentId).toBeNull(); // Fin is available but only takes transfers
    await sc.setStatus('Ada', 'available');
    await c.v.next('chat.state', (f) => f.chat.id === c.chatId && f.chat.status === 'active');
    const res = await sc
      .get('Ada')
      .client.post(`/api/chats/${c.chatId}/transfer`, { to: { type: 'forwarding' } });
    expect(res.body).toMatchObject({ agentName: 'Fin' });
    await sc.get('Ada').ws.next('chat.removed', (f) => f.chatId === c.chatId);
    const fin = sc.get('Fin').ws;
    await fin.next('chat.upsert', (f) => f.chat.id === c.chatId);
    fin.send({ type: 'sync', chatId: c.chatId, afterSeq: 0 });
    const events = await fin.untilTranscript(c.chatId, (e) => e.some((x) => x.type === 'transferred'));
    expect(events.find((e) => e.type === 'transferred')!.data).toMatchObject({
      from: { name: 'Ada' },
      to: { name: 'Fin' },
      via: 'forwarding',
      reason: 'transfer',
    });
  });
});

describe('transfer (RTE-6)', () => {
  it('to an agent and to a group; refuses when nobody can take it, and leaves the chat where it was', async () => {
    const sc = await scene();
    for (const n of ['Ada', 'Bo', 'Cy']) await sc.agent(n);
    await sc.routing([{ method: 'least_chats', names: ['Ada'] }]);
    const c = await sc.newChat();
    expect(sc.nameOf(c.agentId)).toBe('Ada');
    const ada = sc.get('Ada').client;
    const toBo = await ada.post(`/api/chats/${c.chatId}/transfer`, {
      to: { type: 'agent', userId: sc.get('Bo').user.id },
    });
    expect(toBo.body).toMatchObject({ agentName: 'Bo' });
    const bo = sc.get('Bo').client;
    const g = (
      await sc.admin.post<Group>('/api/groups', { name: `Cy only ${cid()}`, userIds: [sc.get('Cy').user.id] })
    ).body;
    expect(
      (await bo.post(`/api/chats/${c.chatId}/transfer`, { to: { type: 'group', groupId: g.id } })).body,
    ).toMatchObject({ agentName: 'Cy' });
    // Cy hands it to an away agent: refused, still Cy's.
    await sc.setStatus('Ada', 'away');
    const cy = sc.get('Cy').client;
    const refused = await cy.post(`/api/chats/${c.chatId}/transfer`, {
      to: { type: 'agent', userId: sc.get('Ada').user.id },
    });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: { message: 'Ada is not available or has no free slot' } });
    expect(sc.nameOf(await agentOf(c.chatId))).toBe('Cy');
    // Only the chat's agent may transfer it.
    expect(
      (
        await ada.post(`/api/chats/${c.chatId}/transfer`, {
          to: { type: 'agent', userId: sc.get('Bo').user.id },
        })
      ).status,
    ).toBe(404);
    await sc.setStatus('Ada', 'available');
    const targets = await cy.get<{ agents: { name: string; status: string }[]; forwarding: boolean }>(
      `/api/chats/${c.chatId}/transfer-targets`,
    );
    expect(targets.body.agents.find((a) => a.name === 'Ada Agent')?.status).toBe('available');
  });
});

describe('auto-forward (CMP-8)', () => {
  const expireForward = (chatId: string) =>
    db()
      .updateTable('chats')
      .set({ forward_deadline_at: sql<Date>`now() - interval '1 second'` })
      .where('id', '=', chatId)
      .execute();
  /** Fires what is due now; a tick returns once every deadline it claimed is done and committed. */
  const fireDeadlines = () => t.runtime.timers.tick();
  const autoForward = (sc: Awaited<ReturnType<typeof scene>>, avoidSameLevel: boolean) =>
    sc.admin.patch(`/api/campaigns/${sc.campaignId}`, {
      autoForwardEnabled: true,
      autoForwardSeconds: 10,
      autoForwardAvoidSameLevel: avoidSameLevel,
    });

  it('moves an unanswered chat to another agent once, and not back to the one who let it wait', async () => {
    const sc = await scene();
    await sc.agent('Ada');
    await sc.agent('Bo');
    await autoForward(sc, false);
    await sc.routing([{ method: 'sequential', names: ['Ada', 'Bo'] }]);
    const c = await sc.newChat();
    const first = sc.nameOf(c.agentId)!;
    const row = await db()
      .selectFrom('chats')
      .select('forward_deadline_at')
      .where('id', '=', c.chatId)
      .executeTakeFirstOrThrow();
    expect(row.forward_deadline_at).not.toBeNull();
    await expireForward(c.chatId);
    await fireDeadlines();
    const after = await db()
      .selectFrom('chats')
      .select(['agent_id', 'forward_deadline_at'])
      .where('id', '=', c.chatId)
      .executeTakeFirstOrThrow();
    const second = sc.nameOf(after.agent_id)!;
    expect(second).not.toBe(first);
    expect(after.forward_deadline_at).not.toBeNull(); // the new agent has their own deadline
    await expireForward(c.chatId);
    await fireDeadlines();
    // Nobody else in the level: it stays with the second agent rather than going back.
    expect(sc.nameOf(await agentOf(c.chatId))).toBe(second);
    const forwards = (await sc.transcript(c.chatId)).filter((e) => e.type === 'transferred');
    expect(forwards).toHaveLength(1);
    expect(forwards[0]!.data).toMatchObject({
      reason: 'auto_forward',
      from: { name: first },
      to: { name: second },
    });
  });

  it('an answer stops the clock', async () => {
    const sc = await scene();
    await sc.agent('Ada');
    await autoForward(sc, false);
    await sc.routing([{ method: 'least_chats', names: ['Ada'] }]);
    const c = await sc.newChat();
    const who = sc.get('Ada').ws;
    expect(sc.nameOf(c.agentId)).toBe('Ada');
    expect(
      (
        await db()
          .selectFrom('chats')
          .select('forward_deadline_at')
          .where('id', '=', c.chatId)
          .executeTakeFirstOrThrow()
      ).forward_deadline_at,
    ).not.toBeNull();
    await who.next('chat.upsert', (f) => f.chat.id === c.chatId);
    const m = cid();
    who.send({ type: 'message.send', chatId: c.chatId, cid: m, text: 'Hello!' });
    await who.next('ack', (f) => f.cid === m);
    expect(
      (
        await db()
          .selectFrom('chats')
          .select('forward_deadline_at')
          .where('id', '=', c.chatId)
          .executeTakeFirstOrThrow()
      ).forward_deadline_at,
    ).toBeNull();
  });

  it('with "avoid forwarding within the same routing level" it goes to the next level', async () => {
    const sc = await scene();
    for (const n of ['Ada', 'Bo', 'Cy']) await sc.agent(n);
    await autoForward(sc, true);
    await sc.routing([
      { method: 'sequential', names: ['Ada', 'Bo'] },
      { method: 'least_chats', names: ['Cy'] },
    ]);
    const c = await sc.newChat();
    expect(['Ada', 'Bo']).toContain(sc.nameOf(c.agentId));
    await expireForward(c.chatId);
    await fireDeadlines();
    expect(sc.nameOf(await agentOf(c.chatId))).toBe('Cy');
  });
});

describe('an agent who goes offline (RTE-3)', () => {
  it('gets no new chats, and their unanswered chats go to someone else', async () => {
    const sc = await scene();
    await sc.agent('Ada');
    await sc.agent('Bo');
    await sc.routing([{ method: 'sequential', names: ['Ada', 'Bo'] }]);
    const c = await sc.newChat();
    const owner = sc.nameOf(c.agentId)!;
    const other = owner === 'Ada' ? 'Bo' : 'Ada';
    const ownerId = sc.get(owner).user.id;
    sc.get(owner).ws.ws.terminate();
    // Their console is gone (the server has noticed); once the grace period is over the sweeper takes them
    // offline — the grace period is moved into the past rather than waited for.
    await eventually('the server to notice the closed console', async () => {
      const p = await db()
        .selectFrom('agent_presence')
        .select('disconnected_at')
        .where('user_id', '=', ownerId)
        .executeTakeFirst();
      return p?.disconnected_at ?? null;
    });
    await db()
      .updateTable('agent_presence')
      .set({ disconnected_at: sql<Date>`now() - interval '1 hour'` })
      .where('user_id', '=', ownerId)
      .execute();
    // The sweeper's presence pass runs on every fifth tick; each tick returns once its work is committed.
    for (let i = 0; i < 6; i++) await t.runtime.timers.tick();
    const row = await eventually('the unanswered chat to be requeued and routed again', async () => {
      const r = await db()
        .selectFrom('chats')
        .select(['agent_id', 'status'])
        .where('id', '=', c.chatId)
        .executeTakeFirstOrThrow();
      return r.agent_id !== ownerId && r;
    });
    expect(row).toMatchObject({ status: 'active' });
    expect(sc.nameOf(row.agent_id)).toBe(other);
    expect((await sc.transcript(c.chatId)).map((e) => e.type)).toContain('requeued');
    expect(sc.nameOf((await sc.newChat()).agentId)).toBe(other);
  });
});
