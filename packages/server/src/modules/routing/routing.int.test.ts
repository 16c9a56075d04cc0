import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type {
  AgentServerFrame,
  Campaign,
  ChatEvent,
  Group,
  RoutingConfig,
  User,
  VisitorServerFrame,
  WebsiteList,
} from '@parley/protocol';
import { startTestApp, TestClient, type TestApp } from '../../../test/harness.js';
import { cid, WsClient, wsUrl } from '../../../test/ws-client.js';

// RTE-1…RTE-6 and CMP-8 end to end: sockets, the real router, the real timers.
let t: TestApp;
let siteId: string;
let campaignId: string;
const agents = new Map<string, { user: User; ws: WsClient<AgentServerFrame>; client: TestClient }>();
const visitors: WsClient<VisitorServerFrame>[] = [];

beforeAll(async () => {
  t = await startTestApp();
  siteId = (await t.admin.get<WebsiteList>('/api/websites')).body.items[0]!.id;
  campaignId = (await t.admin.get<{ items: Campaign[] }>('/api/campaigns')).body.items[0]!.id;
  // The demo manager should not take chats in these tests.
  await t.admin.patch(`/api/users/${t.admin.me!.user.id}`, { liveChatLimit: 1, nrtChatLimit: 1 });
});
afterAll(async () => {
  for (const a of agents.values()) a.ws.close();
  for (const v of visitors) v.close();
  await t?.close();
});

async function agent(name: string, limits: { liveChatLimit?: number | null } = {}) {
  const email = `${name.toLowerCase()}-${Date.now()}@example.com`;
  const user = (
    await t.admin.post<User>('/api/users', {
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
  await ws.next('welcome');
  const a = { user, ws, client };
  agents.set(name, a);
  return a;
}

async function setStatus(name: string, status: 'available' | 'away') {
  const a = agents.get(name)!;
  const before = a.ws.frames.length;
  a.ws.send({ type: 'presence.set', status });
  await a.ws.next('presence', (f) => f.status === status && a.ws.frames.indexOf(f) >= before);
}

async function routing(
  levels: { method: string; names?: string[]; groups?: string[] }[],
  forwarding: string[] = [],
) {
  const res = await t.admin.request<RoutingConfig>('PUT', `/api/campaigns/${campaignId}/routing`, {
    levels: levels.map((l, i) => ({
      title: `Level ${i + 1}`,
      method: l.method,
      members: [
        ...(l.names ?? []).map((n) => ({ type: 'user', id: agents.get(n)!.user.id })),
        ...(l.groups ?? []).map((id) => ({ type: 'group', id })),
      ],
    })),
    forwarding: {
      enabled: forwarding.length > 0,
      members: forwarding.map((n) => ({ type: 'user', id: agents.get(n)!.user.id })),
    },
  });
  expect(res.status).toBe(200);
  return res.body;
}

/** A new visitor starts a chat; returns its id and who got it (null if queued). */
async function newChat(): Promise<{
  chatId: string;
  v: WsClient<VisitorServerFrame>;
  agentId: string | null;
}> {
  const v = await WsClient.open<VisitorServerFrame>(wsUrl(t.url, `/ws/visitor?site=${siteId}`), {
    headers: { origin: 'http://localhost' },
  });
  visitors.push(v);
  v.send({ type: 'hello', chats: [] });
  await v.next('welcome');
  const c = cid();
  v.send({ type: 'chat.start', cid: c, text: 'hi' });
  const { chatId } = await v.next('ack', (f) => f.cid === c);
  // The gateway routes the chat after the ack; give it a moment (a chat nobody can take stays queued).
  for (let i = 0; i < 30; i++) {
    const row = await db()
      .selectFrom('chats')
      .select('agent_id')
      .where('id', '=', chatId)
      .executeTakeFirstOrThrow();
    if (row.agent_id) return { chatId, v, agentId: row.agent_id };
    await new Promise((r) => setTimeout(r, 50));
  }
  return { chatId, v, agentId: null };
}
const nameOf = (userId: string | null) => [...agents].find(([, a]) => a.user.id === userId)?.[0] ?? null;
const db = () => t.runtime.database.db;
const closeAll = async () => {
  await db()
    .updateTable('chats')
    .set({ status: 'closed', closed_at: new Date() })
    .where('status', '<>', 'closed')
    .execute();
};

describe('Routing tab API (RTE-1, RTE-4)', () => {
  it('stores levels in order with users and groups, and the forwarding level', async () => {
    await agent('Ada');
    await agent('Bo');
    const g = (
      await t.admin.post<Group>('/api/groups', { name: 'Support', userIds: [agents.get('Bo')!.user.id] })
    ).body;
    const saved = await routing(
      [
        { method: 'sequential', names: ['Ada'], groups: [g.id] },
        { method: 'most_space', names: ['Bo'] },
      ],
      ['Ada'],
    );
    expect(saved.levels.map((l) => [l.title, l.method, l.members.map((m) => `${m.type}:${m.name}`)])).toEqual(
      [
        ['Level 1', 'sequential', ['user:Ada Agent', 'group:Support']],
        ['Level 2', 'most_space', ['user:Bo Agent']],
      ],
    );
    expect(saved.forwarding).toMatchObject({ enabled: true, members: [{ type: 'user', name: 'Ada Agent' }] });
    expect((await t.admin.get<RoutingConfig>(`/api/campaigns/${campaignId}/routing`)).body).toEqual(saved);
  });

  it('rejects unknown members, empty levels and bad methods with per-field messages', async () => {
    const bad = await t.admin.request('PUT', `/api/campaigns/${campaignId}/routing`, {
      levels: [{ title: 'X', method: 'loudest', members: [] }],
      forwarding: { enabled: false, members: [] },
    });
    expect(bad.status).toBe(400);
    expect(Object.keys((bad.body as { error: { fields: object } }).error.fields).sort()).toEqual([
      'levels.0.members',
      'levels.0.method',
    ]);
    const unknown = await t.admin.request('PUT', `/api/campaigns/${campaignId}/routing`, {
      levels: [{ title: 'X', method: 'random', members: [{ type: 'user', id: cid() }] }],
      forwarding: { enabled: false, members: [] },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({
      error: { fields: { 'levels.0.members.0': expect.stringContaining('Unknown user') } },
    });
    const agentOnly = agents.get('Ada')!.client;
    expect((await agentOnly.get(`/api/campaigns/${campaignId}/routing`)).status).toBe(403);
  });
});

describe('levels and methods (RTE-1…RTE-3)', () => {
  it('sequentially: round robin in the level order, remembered in the database', async () => {
    await closeAll();
    await agent('Cy');
    await routing([{ method: 'sequential', names: ['Ada', 'Bo', 'Cy'] }]);
    const got: (string | null)[] = [];
    for (let i = 0; i < 4; i++) got.push(nameOf((await newChat()).agentId));
    expect(got).toEqual(['Ada', 'Bo', 'Cy', 'Ada']);
    const level = await db()
      .selectFrom('routing_levels')
      .select('last_user_id')
      .where('campaign_id', '=', campaignId)
      .where('is_forwarding', '=', false)
      .executeTakeFirstOrThrow();
    expect(nameOf(level.last_user_id)).toBe('Ada');
  });

  it('with most chats: fills one agent up to the limit before the next', async () => {
    await closeAll();
    await t.admin.patch(`/api/users/${agents.get('Bo')!.user.id}`, { liveChatLimit: 2 });
    await t.admin.patch(`/api/users/${agents.get('Cy')!.user.id}`, { liveChatLimit: 2 });
    await routing([{ method: 'most_chats', names: ['Bo', 'Cy'] }]);
    const got: (string | null)[] = [];
    for (let i = 0; i < 5; i++) got.push(nameOf((await newChat()).agentId));
    expect(got[0]).toBe(got[1]);
    expect(got[2]).toBe(got[3]);
    expect(got[0]).not.toBe(got[2]);
    expect(got[4]).toBeNull(); // both full: queued
  });

  it('later levels back up earlier ones; a queued chat is assigned as soon as a slot frees (RTE-5)', async () => {
    await closeAll();
    await routing([
      { method: 'least_chats', names: ['Ada'] },
      { method: 'least_chats', names: ['Bo'] },
    ]);
    await t.admin.patch(`/api/users/${agents.get('Ada')!.user.id}`, { liveChatLimit: 1 });
    await t.admin.patch(`/api/users/${agents.get('Bo')!.user.id}`, { liveChatLimit: 1 });
    expect(nameOf((await newChat()).agentId)).toBe('Ada');
    expect(nameOf((await newChat()).agentId)).toBe('Bo');
    const queued = await newChat();
    expect(queued.agentId).toBeNull();
    const state = await queued.v.next('chat.state', (f) => f.chat.id === queued.chatId);
    expect(state.chat).toMatchObject({ status: 'queued', queuePosition: 1 });
    // Raising Ada's limit frees a slot: the queue drains at once.
    await t.admin.patch(`/api/users/${agents.get('Ada')!.user.id}`, { liveChatLimit: 2 });
    await queued.v.next('chat.state', (f) => f.chat.id === queued.chatId && f.chat.status === 'active');
    expect(
      nameOf(
        (
          await db()
            .selectFrom('chats')
            .select('agent_id')
            .where('id', '=', queued.chatId)
            .executeTakeFirstOrThrow()
        ).agent_id,
      ),
    ).toBe('Ada');
  });

  it('away agents get nothing; the forwarding level receives only transferred chats (RTE-4)', async () => {
    await closeAll();
    await agent('Fin');
    await routing([{ method: 'least_chats', names: ['Ada'] }], ['Fin']);
    await setStatus('Ada', 'away');
    const c = await newChat();
    expect(c.agentId).toBeNull(); // Fin is available but only takes transfers
    await setStatus('Ada', 'available');
    await c.v.next('chat.state', (f) => f.chat.id === c.chatId && f.chat.status === 'active');
    const res = await agents
      .get('Ada')!
      .client.post(`/api/chats/${c.chatId}/transfer`, { to: { type: 'forwarding' } });
    expect(res.body).toMatchObject({ agentName: 'Fin' });
    await agents.get('Ada')!.ws.next('chat.removed', (f) => f.chatId === c.chatId);
    const fin = agents.get('Fin')!.ws;
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
    await closeAll();
    await routing([{ method: 'least_chats', names: ['Ada'] }]);
    const c = await newChat();
    expect(nameOf(c.agentId)).toBe('Ada');
    const ada = agents.get('Ada')!.client;
    const toBo = await ada.post(`/api/chats/${c.chatId}/transfer`, {
      to: { type: 'agent', userId: agents.get('Bo')!.user.id },
    });
    expect(toBo.body).toMatchObject({ agentName: 'Bo' });
    const bo = agents.get('Bo')!.client;
    const g = (
      await t.admin.post<Group>('/api/groups', { name: 'Cy only', userIds: [agents.get('Cy')!.user.id] })
    ).body;
    expect(
      (await bo.post(`/api/chats/${c.chatId}/transfer`, { to: { type: 'group', groupId: g.id } })).body,
    ).toMatchObject({ agentName: 'Cy' });
    // Cy hands it to an away agent: refused, still Cy's.
    await setStatus('Ada', 'away');
    const cy = agents.get('Cy')!.client;
    const refused = await cy.post(`/api/chats/${c.chatId}/transfer`, {
      to: { type: 'agent', userId: agents.get('Ada')!.user.id },
    });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: { message: 'Ada is not available or has no free slot' } });
    expect(
      nameOf(
        (
          await db()
            .selectFrom('chats')
            .select('agent_id')
            .where('id', '=', c.chatId)
            .executeTakeFirstOrThrow()
        ).agent_id,
      ),
    ).toBe('Cy');
    // Only the chat's agent may transfer it.
    expect(
      (
        await ada.post(`/api/chats/${c.chatId}/transfer`, {
          to: { type: 'agent', userId: agents.get('Bo')!.user.id },
        })
      ).status,
    ).toBe(404);
    await setStatus('Ada', 'available');
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
  const transcript = async (chatId: string) =>
    (await t.admin.get<{ events: ChatEvent[] }>(`/api/chats/${chatId}`)).body.events;

  it('moves an unanswered chat to another agent once, and not back to the one who let it wait', async () => {
    await closeAll();
    await t.admin.patch(`/api/campaigns/${campaignId}`, {
      autoForwardEnabled: true,
      autoForwardSeconds: 10,
      autoForwardAvoidSameLevel: false,
    });
    await routing([{ method: 'sequential', names: ['Ada', 'Bo'] }]);
    const c = await newChat();
    const first = nameOf(c.agentId)!;
    const row = await db()
      .selectFrom('chats')
      .select('forward_deadline_at')
      .where('id', '=', c.chatId)
      .executeTakeFirstOrThrow();
    expect(row.forward_deadline_at).not.toBeNull();
    await expireForward(c.chatId);
    await t.runtime.timers.tick();
    await new Promise((r) => setTimeout(r, 100));
    const after = await db()
      .selectFrom('chats')
      .select(['agent_id', 'forward_deadline_at'])
      .where('id', '=', c.chatId)
      .executeTakeFirstOrThrow();
    const second = nameOf(after.agent_id)!;
    expect(second).not.toBe(first);
    expect(after.forward_deadline_at).not.toBeNull(); // the new agent has their own deadline
    await expireForward(c.chatId);
    await t.runtime.timers.tick();
    await new Promise((r) => setTimeout(r, 100));
    // Nobody else in the level: it stays with the second agent rather than going back.
    expect(
      nameOf(
        (
          await db()
            .selectFrom('chats')
            .select('agent_id')
            .where('id', '=', c.chatId)
            .executeTakeFirstOrThrow()
        ).agent_id,
      ),
    ).toBe(second);
    const forwards = (await transcript(c.chatId)).filter((e) => e.type === 'transferred');
    expect(forwards).toHaveLength(1);
    expect(forwards[0]!.data).toMatchObject({
      reason: 'auto_forward',
      from: { name: first },
      to: { name: second },
    });
  });

  it('an answer stops the clock', async () => {
    await closeAll();
    const c = await newChat();
    const who = agents.get(nameOf(c.agentId)!)!.ws;
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
    await closeAll();
    await t.admin.patch(`/api/campaigns/${campaignId}`, { autoForwardAvoidSameLevel: true });
    await routing([
      { method: 'sequential', names: ['Ada', 'Bo'] },
      { method: 'least_chats', names: ['Cy'] },
    ]);
    const c = await newChat();
    expect(['Ada', 'Bo']).toContain(nameOf(c.agentId));
    await expireForward(c.chatId);
    await t.runtime.timers.tick();
    await new Promise((r) => setTimeout(r, 100));
    expect(
      nameOf(
        (
          await db()
            .selectFrom('chats')
            .select('agent_id')
            .where('id', '=', c.chatId)
            .executeTakeFirstOrThrow()
        ).agent_id,
      ),
    ).toBe('Cy');
    await t.admin.patch(`/api/campaigns/${campaignId}`, { autoForwardEnabled: false });
  });
});

describe('an agent who goes offline (RTE-3)', () => {
  it('gets no new chats, and their unanswered chats go to someone else', async () => {
    await closeAll();
    for (const n of ['Ada', 'Bo'])
      await t.admin.patch(`/api/users/${agents.get(n)!.user.id}`, { liveChatLimit: null });
    await routing([{ method: 'sequential', names: ['Ada', 'Bo'] }]);
    const c = await newChat();
    const owner = nameOf(c.agentId)!;
    const other = owner === 'Ada' ? 'Bo' : 'Ada';
    agents.get(owner)!.ws.ws.terminate();
    // Their console is gone; once the grace period is over the sweeper takes them offline.
    await new Promise((r) => setTimeout(r, 100));
    await db()
      .updateTable('agent_presence')
      .set({ disconnected_at: sql<Date>`now() - interval '1 hour'` })
      .where('user_id', '=', agents.get(owner)!.user.id)
      .execute();
    for (let i = 0; i < 6; i++) await t.runtime.timers.tick();
    await new Promise((r) => setTimeout(r, 200));
    const row = await db()
      .selectFrom('chats')
      .select(['agent_id', 'status'])
      .where('id', '=', c.chatId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'active' });
    expect(nameOf(row.agent_id)).toBe(other);
    expect((await transcript(c.chatId)).map((e) => e.type)).toContain('requeued');
    expect(nameOf((await newChat()).agentId)).toBe(other);
  });

  const transcript = async (chatId: string) =>
    (await t.admin.get<{ events: ChatEvent[] }>(`/api/chats/${chatId}`)).body.events;
});
