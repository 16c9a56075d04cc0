import { randomUUID } from 'node:crypto';
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
import { startTestApp, TestClient, type TestApp } from '../../../test/harness.js';
import { eventually } from '../../../test/wait.js';
import { cid, WsClient, wsUrl } from '../../../test/ws-client.js';
import { createAccount } from '../../bootstrap.js';

// RTE-1…RTE-6 and CMP-8 end to end: sockets, the real router, the real timers. Each test works in an account
// of its own (its agents, campaign, queue), so any test runs alone and in any order.
let t: TestApp;
const sockets: { close(): void }[] = [];
/** The router's decision for each new chat, in the order it was made: its agent, or null (queued). */
const decisions: { chatId: string; agentId: string | null }[] = [];

beforeAll(async () => {
  t = await startTestApp();
  // Both are emitted once the routing batch that took the new chat committed (`chat.queued`: nobody was free).
  t.runtime.app.events.on('chat.assigned', 'test: routing decisions', ({ chat }) => {
    decisions.push({ chatId: chat.id, agentId: chat.agent_id });
  });
  t.runtime.app.events.on('chat.queued', 'test: routing decisions', ({ chatId }) => {
    decisions.push({ chatId, agentId: null });
  });
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await t?.close();
});

const db = () => t.runtime.database.db;
const chatRow = (chatId: string) =>
  db()
    .selectFrom('chats')
    .select(['agent_id', 'status', 'forward_deadline_at'])
    .where('id', '=', chatId)
    .executeTakeFirstOrThrow();
const transcript = async (manager: TestClient, chatId: string) =>
  (await manager.get<{ events: ChatEvent[] }>(`/api/chats/${chatId}`)).body.events;

type Agent = { user: User; ws: WsClient<AgentServerFrame>; client: TestClient };

/** A fresh account: its website, its default campaign, its manager (signed in, never on the console). */
async function account() {
  const key = randomUUID().slice(0, 8);
  const host = `routing-${key}.example`;
  const email = `manager-${key}@routing.example`;
  const created = await createAccount(db(), {
    name: `Routing ${key}`,
    host,
    manager: { email, password: 'manager-password', firstName: 'Mo', lastName: 'Manager' },
  });
  const manager = await TestClient.login(t.url, email, 'manager-password');
  const campaignId = created.campaign.id;
  const agents = new Map<string, Agent>();

  /** An agent of this account with their console open (available). */
  async function agent(name: string, limits: { liveChatLimit?: number | null } = {}) {
    const agentEmail = `${name.toLowerCase()}-${key}@routing.example`;
    const user = (
      await manager.post<User>('/api/users', {
        email: agentEmail,
        password: 'agent-password',
        firstName: name,
        lastName: 'Agent',
        rights: 'agent',
        ...limits,
      })
    ).body;
    const client = await TestClient.login(t.url, agentEmail, 'agent-password');
    const ws = await WsClient.open<AgentServerFrame>(wsUrl(t.url, '/ws/agent'), {
      headers: { cookie: client.cookie, origin: t.url },
    });
    sockets.push(ws);
    await ws.next('welcome');
    const a = { user, ws, client };
    agents.set(name, a);
    return a;
  }
  const get = (name: string) => agents.get(name)!;

  async function setStatus(name: string, status: 'available' | 'away') {
    const { ws } = get(name);
    const before = ws.frames.length;
    ws.send({ type: 'presence.set', status });
    await ws.next('presence', (f) => f.status === status && ws.frames.indexOf(f) >= before);
  }

  async function setLimit(name: string, liveChatLimit: number | null) {
    expect((await manager.patch(`/api/users/${get(name).user.id}`, { liveChatLimit })).status).toBe(200);
  }

  async function routing(
    levels: { method: string; names?: string[]; groups?: string[] }[],
    forwarding: string[] = [],
  ) {
    const res = await manager.request<RoutingConfig>('PUT', `/api/campaigns/${campaignId}/routing`, {
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
   * A new visitor starts a chat; returns its id and whom the router gave it to (null: queued). Waits for the
   * router's decision (`chat.assigned` or `chat.queued`), which is final when it is announced.
   */
  async function newChat(): Promise<{
    chatId: string;
    v: WsClient<VisitorServerFrame>;
    agentId: string | null;
  }> {
    const v = await WsClient.open<VisitorServerFrame>(
      wsUrl(t.url, `/ws/visitor?site=${created.website.id}`),
      {
        headers: { origin: `http://${host}` },
      },
    );
    sockets.push(v);
    v.send({ type: 'hello', chats: [] });
    await v.next('welcome');
    const c = cid();
    v.send({ type: 'chat.start', cid: c, text: 'hi' });
    const { chatId } = await v.next('ack', (f) => f.cid === c);
    const decided = await eventually(`the router's decision for chat ${chatId}`, () =>
      decisions.find((d) => d.chatId === chatId),
    );
    return { chatId, v, agentId: decided.agentId };
  }

  const nameOf = (userId: string | null) => [...agents].find(([, a]) => a.user.id === userId)?.[0] ?? null;
  const agentOf = async (chatId: string) => nameOf((await chatRow(chatId)).agent_id);

  return { campaignId, manager, agent, get, setStatus, setLimit, routing, newChat, nameOf, agentOf };
}

describe('Routing tab API (RTE-1, RTE-4)', () => {
  it('stores levels in order with users and groups, and the forwarding level', async () => {
    const a = await account();
    await a.agent('Ada');
    await a.agent('Bo');
    const g = (
      await a.manager.post<Group>('/api/groups', { name: 'Support', userIds: [a.get('Bo').user.id] })
    ).body;
    const saved = await a.routing(
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
    expect((await a.manager.get<RoutingConfig>(`/api/campaigns/${a.campaignId}/routing`)).body).toEqual(
      saved,
    );
  });

  it('rejects unknown members, empty levels and bad methods with per-field messages', async () => {
    const a = await account();
    await a.agent('Ada');
    const bad = await a.manager.request('PUT', `/api/campaigns/${a.campaignId}/routing`, {
      levels: [{ title: 'X', method: 'loudest', members: [] }],
      forwarding: { enabled: false, members: [] },
    });
    expect(bad.status).toBe(400);
    expect(Object.keys((bad.body as { error: { fields: object } }).error.fields).sort()).toEqual([
      'levels.0.members',
      'levels.0.method',
    ]);
    const unknown = await a.manager.request('PUT', `/api/campaigns/${a.campaignId}/routing`, {
      levels: [{ title: 'X', method: 'random', members: [{ type: 'user', id: cid() }] }],
      forwarding: { enabled: false, members: [] },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({
      error: { fields: { 'levels.0.members.0': expect.stringContaining('Unknown user') } },
    });
    expect((await a.get('Ada').client.get(`/api/campaigns/${a.campaignId}/routing`)).status).toBe(403);
  });
});

describe('levels and methods (RTE-1…RTE-3)', () => {
  it('sequentially: round robin in the level order, remembered in the database', async () => {
    const a = await account();
    for (const n of ['Ada', 'Bo', 'Cy']) await a.agent(n);
    await a.routing([{ method: 'sequential', names: ['Ada', 'Bo', 'Cy'] }]);
    const got: (string | null)[] = [];
    for (let i = 0; i < 4; i++) got.push(a.nameOf((await a.newChat()).agentId));
    expect(got).toEqual(['Ada', 'Bo', 'Cy', 'Ada']);
    const level = await db()
      .selectFrom('routing_levels')
      .select('last_user_id')
      .where('campaign_id', '=', a.campaignId)
      .where('is_forwarding', '=', false)
      .executeTakeFirstOrThrow();
    expect(a.nameOf(level.last_user_id)).toBe('Ada');
  });

  it('with most chats: fills one agent up to the limit before the next', async () => {
    const a = await account();
    await a.agent('Bo', { liveChatLimit: 2 });
    await a.agent('Cy', { liveChatLimit: 2 });
    await a.routing([{ method: 'most_chats', names: ['Bo', 'Cy'] }]);
    const got: (string | null)[] = [];
    for (let i = 0; i < 5; i++) got.push(a.nameOf((await a.newChat()).agentId));
    expect(got[0]).toBe(got[1]);
    expect(got[2]).toBe(got[3]);
    expect(got[0]).not.toBe(got[2]);
    expect(got[4]).toBeNull(); // both full: queued
  });

  it('later levels back up earlier ones; a queued chat is assigned as soon as a slot frees (RTE-5)', async () => {
    const a = await account();
    await a.agent('Ada', { liveChatLimit: 1 });
    await a.agent('Bo', { liveChatLimit: 1 });
    await a.routing([
      { method: 'least_chats', names: ['Ada'] },
      { method: 'least_chats', names: ['Bo'] },
    ]);
    expect(a.nameOf((await a.newChat()).agentId)).toBe('Ada');
    expect(a.nameOf((await a.newChat()).agentId)).toBe('Bo');
    const queued = await a.newChat();
    expect(queued.agentId).toBeNull();
    await queued.v.next(
      'chat.state',
      (f) => f.chat.id === queued.chatId && f.chat.status === 'queued' && f.chat.queuePosition === 1,
    );
    // Raising Ada's limit frees a slot: the queue drains at once.
    await a.setLimit('Ada', 2);
    await queued.v.next('chat.state', (f) => f.chat.id === queued.chatId && f.chat.status === 'active');
    expect(await a.agentOf(queued.chatId)).toBe('Ada');
  });

  it('away agents get nothing; the forwarding level receives only transferred chats (RTE-4)', async () => {
    const a = await account();
    await a.agent('Ada');
    await a.agent('Fin');
    await a.routing([{ method: 'least_chats', names: ['Ada'] }], ['Fin']);
    // The chat may wait for Ada, who is away (INV-2: the campaign counts logged-in agents).
    const buttons = await a.manager.request('PUT', `/api/campaigns/${a.campaignId}/buttons/settings`, {
      availability: 'agents_logged_in',
      offlineText: '',
    });
    expect(buttons.status).toBe(200);
    await a.setStatus('Ada', 'away');
    const c = await a.newChat();
    expect(c.agentId).toBeNull(); // Fin is available but only takes transfers
    await a.setStatus('Ada', 'available');
    await c.v.next('chat.state', (f) => f.chat.id === c.chatId && f.chat.status === 'active');
    const res = await a
      .get('Ada')
      .client.post(`/api/chats/${c.chatId}/transfer`, { to: { type: 'forwarding' } });
    expect(res.body).toMatchObject({ agentName: 'Fin' });
    await a.get('Ada').ws.next('chat.removed', (f) => f.chatId === c.chatId);
    const fin = a.get('Fin').ws;
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
    const a = await account();
    for (const n of ['Ada', 'Bo', 'Cy']) await a.agent(n);
    await a.routing([{ method: 'least_chats', names: ['Ada'] }]);
    const c = await a.newChat();
    expect(a.nameOf(c.agentId)).toBe('Ada');
    const ada = a.get('Ada').client;
    const toBo = await ada.post(`/api/chats/${c.chatId}/transfer`, {
      to: { type: 'agent', userId: a.get('Bo').user.id },
    });
    expect(toBo.body).toMatchObject({ agentName: 'Bo' });
    const bo = a.get('Bo').client;
    const g = (
      await a.manager.post<Group>('/api/groups', { name: 'Cy only', userIds: [a.get('Cy').user.id] })
    ).body;
    expect(
      (await bo.post(`/api/chats/${c.chatId}/transfer`, { to: { type: 'group', groupId: g.id } })).body,
    ).toMatchObject({ agentName: 'Cy' });
    // Cy hands it to an away agent: refused, still Cy's.
    await a.setStatus('Ada', 'away');
    const cy = a.get('Cy').client;
    const refused = await cy.post(`/api/chats/${c.chatId}/transfer`, {
      to: { type: 'agent', userId: a.get('Ada').user.id },
    });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: { message: 'Ada is not available or has no free slot' } });
    expect(await a.agentOf(c.chatId)).toBe('Cy');
    // Only the chat's agent may transfer it.
    expect(
      (
        await ada.post(`/api/chats/${c.chatId}/transfer`, {
          to: { type: 'agent', userId: a.get('Bo').user.id },
        })
      ).status,
    ).toBe(404);
    await a.setStatus('Ada', 'available');
    const targets = await cy.get<{ agents: { name: string; status: string }[]; forwarding: boolean }>(
      `/api/chats/${c.chatId}/transfer-targets`,
    );
    expect(targets.body.agents.find((x) => x.name === 'Ada Agent')?.status).toBe('available');
  });
});

describe('auto-forward (CMP-8)', () => {
  const expireForward = (chatId: string) =>
    db()
      .updateTable('chats')
      .set({ forward_deadline_at: sql<Date>`now() - interval '1 second'` })
      .where('id', '=', chatId)
      .execute();
  /** An account whose campaign forwards unanswered chats after 10 s. */
  async function forwardingAccount(avoidSameLevel: boolean) {
    const a = await account();
    const res = await a.manager.patch(`/api/campaigns/${a.campaignId}`, {
      autoForwardEnabled: true,
      autoForwardSeconds: 10,
      autoForwardAvoidSameLevel: avoidSameLevel,
    });
    expect(res.status).toBe(200);
    return a;
  }

  it('moves an unanswered chat to another agent once, and not back to the one who let it wait', async () => {
    const a = await forwardingAccount(false);
    await a.agent('Ada');
    await a.agent('Bo');
    await a.routing([{ method: 'sequential', names: ['Ada', 'Bo'] }]);
    const c = await a.newChat();
    const first = a.nameOf(c.agentId)!;
    expect((await chatRow(c.chatId)).forward_deadline_at).not.toBeNull();
    await expireForward(c.chatId);
    await t.runtime.timers.tick();
    const after = await eventually('the chat forwarded', async () => {
      const row = await chatRow(c.chatId);
      return a.nameOf(row.agent_id) !== first && row;
    });
    const second = a.nameOf(after.agent_id)!;
    expect(second).not.toBe(first);
    expect(after.forward_deadline_at).not.toBeNull(); // the new agent has their own deadline
    await expireForward(c.chatId);
    await t.runtime.timers.tick();
    // The deadline fired (and was cleared); nobody else in the level: it stays with the second agent rather
    // than going back.
    const fired = await eventually('the second deadline fired', async () => {
      const row = await chatRow(c.chatId);
      return row.forward_deadline_at === null && row;
    });
    expect(a.nameOf(fired.agent_id)).toBe(second);
    const forwards = (await transcript(a.manager, c.chatId)).filter((e) => e.type === 'transferred');
    expect(forwards).toHaveLength(1);
    expect(forwards[0]!.data).toMatchObject({
      reason: 'auto_forward',
      from: { name: first },
      to: { name: second },
    });
  });

  it('an answer stops the clock', async () => {
    const a = await forwardingAccount(false);
    await a.agent('Ada');
    await a.routing([{ method: 'least_chats', names: ['Ada'] }]);
    const c = await a.newChat();
    expect(a.nameOf(c.agentId)).toBe('Ada');
    expect((await chatRow(c.chatId)).forward_deadline_at).not.toBeNull();
    const ada = a.get('Ada').ws;
    await ada.next('chat.upsert', (f) => f.chat.id === c.chatId);
    const m = cid();
    ada.send({ type: 'message.send', chatId: c.chatId, cid: m, text: 'Hello!' });
    await ada.next('ack', (f) => f.cid === m);
    expect((await chatRow(c.chatId)).forward_deadline_at).toBeNull();
  });

  it('with "avoid forwarding within the same routing level" it goes to the next level', async () => {
    const a = await forwardingAccount(true);
    for (const n of ['Ada', 'Bo', 'Cy']) await a.agent(n);
    await a.routing([
      { method: 'sequential', names: ['Ada', 'Bo'] },
      { method: 'least_chats', names: ['Cy'] },
    ]);
    const c = await a.newChat();
    expect(['Ada', 'Bo']).toContain(a.nameOf(c.agentId));
    await expireForward(c.chatId);
    await t.runtime.timers.tick();
    const fired = await eventually('the deadline fired', async () => {
      const row = await chatRow(c.chatId);
      return a.nameOf(row.agent_id) !== a.nameOf(c.agentId) && row;
    });
    expect(a.nameOf(fired.agent_id)).toBe('Cy');
  });
});

describe('an agent who goes offline (RTE-3)', () => {
  it('gets no new chats, and their unanswered chats go to someone else', async () => {
    const a = await account();
    await a.agent('Ada', { liveChatLimit: null });
    await a.agent('Bo', { liveChatLimit: null });
    await a.routing([{ method: 'sequential', names: ['Ada', 'Bo'] }]);
    const c = await a.newChat();
    const owner = a.nameOf(c.agentId)!;
    const other = owner === 'Ada' ? 'Bo' : 'Ada';
    const ownerId = a.get(owner).user.id;
    a.get(owner).ws.ws.terminate();
    // The server sees their console go; once the grace period is over the sweeper takes them offline.
    const presence = () =>
      db()
        .selectFrom('agent_presence')
        .select(['status', 'disconnected_at'])
        .where('user_id', '=', ownerId)
        .executeTakeFirstOrThrow();
    await eventually('the console seen gone', async () => (await presence()).disconnected_at !== null);
    await db()
      .updateTable('agent_presence')
      .set({ disconnected_at: sql<Date>`now() - interval '1 hour'` })
      .where('user_id', '=', ownerId)
      .execute();
    // The presence sweep runs every fifth round of the sweeper.
    for (let i = 0; i < 5; i++) await t.runtime.timers.tick();
    expect((await presence()).status).toBe('offline');
    const row = await eventually('the chat given to the other agent', async () => {
      const r = await chatRow(c.chatId);
      return r.agent_id === a.get(other).user.id && r;
    });
    expect(row).toMatchObject({ status: 'active' });
    expect((await transcript(a.manager, c.chatId)).map((e) => e.type)).toContain('requeued');
    expect(a.nameOf((await a.newChat()).agentId)).toBe(other);
  });
});
