import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import type { AgentServerFrame, Campaign, User, VisitorServerFrame, WebsiteList } from '@parley/protocol';
import { ADMIN, TestClient } from '../../../test/harness.js';
import { sharedDatabase, startInstance, stopInstance, type Instance } from '../../../test/instances.js';
import { eventually } from '../../../test/wait.js';
import { cid, WsClient, wsUrl } from '../../../test/ws-client.js';

// RTE-3 and CMP-8 across instances: real server processes over one PostgreSQL and one Redis.
const enabled = Boolean(process.env.DATABASE_URL && process.env.REDIS_URL);

describe.runIf(enabled)('routing with two instances', () => {
  let db: Awaited<ReturnType<typeof sharedDatabase>>;
  let sql: pg.Client;
  const instances: Instance[] = [];
  let siteId: string;
  let campaignId: string;
  let admin: TestClient;
  const sockets: WsClient[] = [];

  const startPair = async () => {
    const env = { DATABASE_URL: db.url, REDIS_URL: process.env.REDIS_URL!, REDIS_PREFIX: `test:${cid()}:` };
    return env;
  };

  beforeAll(async () => {
    db = await sharedDatabase();
    sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
    const env = await startPair();
    instances.push(await startInstance(env), await startInstance(env));
    admin = await TestClient.login(instances[0]!.url, ADMIN.email, ADMIN.password);
    siteId = (await admin.get<WebsiteList>('/api/websites')).body.items[0]!.id;
    campaignId = (await admin.get<{ items: Campaign[] }>('/api/campaigns')).body.items[0]!.id;
    await admin.patch(`/api/users/${admin.me!.user.id}`, { liveChatLimit: 1 });
  }, 120_000);

  afterAll(async () => {
    for (const s of sockets) s.ws.terminate();
    for (const i of instances) await stopInstance(i);
    await sql?.end();
    await db?.drop();
  });

  async function agentOn(i: Instance, user: User, password: string) {
    const client = await TestClient.login(i.url, user.email, password);
    const ws = await WsClient.open<AgentServerFrame>(wsUrl(i.url, '/ws/agent'), {
      headers: { cookie: client.cookie, origin: i.url },
    });
    await ws.next('welcome');
    sockets.push(ws as WsClient);
    return { ws, client };
  }

  async function startChatOn(i: Instance) {
    const v = await WsClient.open<VisitorServerFrame>(wsUrl(i.url, `/ws/visitor?site=${siteId}`), {
      headers: { origin: 'http://localhost' },
    });
    sockets.push(v as WsClient);
    v.send({ type: 'hello', chats: [] });
    await v.next('welcome', () => true, 30_000);
    const c = cid();
    v.send({ type: 'chat.start', cid: c, text: 'hi' });
    return (await v.next('ack', (f) => f.cid === c, 60_000)).chatId;
  }

  const invariants = async (limits: Map<string, number>) => {
    const assignedTwice = await sql.query(
      `select chat_id from chat_assignments where reason = 'routed' group by chat_id having count(*) > 1`,
    );
    expect(assignedTwice.rows).toEqual([]);
    const joinedTwice = await sql.query(
      `select chat_id from chat_events where type = 'agent_joined' group by chat_id having count(*) > 1`,
    );
    expect(joinedTwice.rows).toEqual([]);
    const loads = await sql.query<{ agent_id: string; n: number }>(
      `select agent_id, count(*)::int as n from chats where status = 'active' and mode = 'live' group by agent_id`,
    );
    for (const { agent_id, n } of loads.rows) {
      if (limits.has(agent_id)) expect(n, `agent ${agent_id}`).toBeLessThanOrEqual(limits.get(agent_id)!);
    }
    const states = await sql.query<{ status: string; n: number }>(
      `select status, count(*)::int as n from chats group by status`,
    );
    return Object.fromEntries(states.rows.map((r) => [r.status, r.n])) as Record<string, number>;
  };

  /** Runs `work` over `items` with at most `limit` in flight (as many visitors arriving at once). */
  async function limited<T, R>(items: T[], limit: number, work: (item: T, k: number) => Promise<R>) {
    const out: R[] = new Array(items.length);
    let next = 0;
    await Promise.all(
      Array.from({ length: limit }, async () => {
        while (next < items.length) {
          const k = next++;
          out[k] = await work(items[k]!, k);
        }
      }),
    );
    return out;
  }

  /** Waits (checking the invariants on every look) until the chats' states are exactly `want`. */
  const settled = (limits: Map<string, number>, want: Record<string, number>, what: string) =>
    eventually(
      what,
      async () => {
        const states = await invariants(limits);
        return Object.entries(want).every(([k, n]) => (states[k] ?? 0) === n) && states;
      },
      { timeoutMs: 180_000, everyMs: 250 },
    );

  it('50 agents with mixed limits, 500 chats started 40 at a time on both instances: never twice, never over a limit, the queue drains', async () => {
    // No routing levels: every agent of the account routes, fewest chats first.
    const limits = new Map<string, number>();
    const agents: { ws: WsClient<AgentServerFrame>; user: User }[] = [];
    for (let n = 0; n < 50; n++) {
      const limit = (n % 5) + 1; // 10 agents each with 1…5 slots: 150 in all
      const email = `load${n}@example.com`;
      const user = (
        await admin.post<User>('/api/users', {
          email,
          password: 'agent-password',
          firstName: `Load${n}`,
          lastName: 'Agent',
          rights: 'agent',
          liveChatLimit: limit,
        })
      ).body;
      limits.set(user.id, limit);
      agents.push({ user, ws: (await agentOn(instances[n % 2]!, user, 'agent-password')).ws });
    }
    // 500 visitors, 40 starting at any moment, alternating between the instances: the assignments race on
    // both, but the load stays what many real visitors make (not 500 connections queued for each pool).
    const chatIds = await limited(
      Array.from({ length: 500 }, (_, k) => instances[k % 2]!),
      40,
      (i) => startChatOn(i),
    );
    expect(new Set(chatIds).size).toBe(500);
    // Every chat is assigned or queued: all 150 slots full, the rest waiting.
    let states = await settled(limits, { active: 150, queued: 350 }, '150 chats active and 350 queued');
    expect((states.active ?? 0) + (states.queued ?? 0)).toBe(500);

    // Agents close what they have, round after round: the queue drains into the freed slots.
    let closed = 0;
    while ((states.queued ?? 0) > 0) {
      const active = await sql.query<{ id: string; agent_id: string }>(
        `select id, agent_id from chats where status = 'active'`,
      );
      const byAgent = new Map(agents.map((a) => [a.user.id, a.ws]));
      for (const row of active.rows) byAgent.get(row.agent_id)?.send({ type: 'chat.close', chatId: row.id });
      closed += active.rows.length;
      const queued = states.queued ?? 0;
      const moved = Math.min(150, queued);
      states = await settled(
        limits,
        { closed, active: moved, queued: queued - moved },
        `${closed} chats closed, ${moved} active and ${queued - moved} queued`,
      );
    }
    expect(states.queued ?? 0).toBe(0);
    const routed = await sql.query<{ n: number }>(
      `select count(distinct chat_id)::int as n from chat_assignments where reason = 'routed'`,
    );
    expect(routed.rows[0]!.n).toBe(500);
  }, 600_000);

  it('auto-forward fires exactly once even when the instance that assigned the chat is killed', async () => {
    await sql.query(`update chats set status = 'closed', closed_at = now() where status <> 'closed'`);
    await admin.patch(`/api/campaigns/${campaignId}`, { autoForwardEnabled: true, autoForwardSeconds: 10 });
    const mk = async (name: string) =>
      (
        await admin.post<User>('/api/users', {
          email: `${name}@example.com`,
          password: 'agent-password',
          firstName: name,
          lastName: 'F',
          rights: 'agent',
        })
      ).body;
    const x = await mk('fwdx');
    const y = await mk('fwdy');
    await admin.put(`/api/campaigns/${campaignId}/routing`, {
      levels: [
        {
          title: 'First',
          method: 'sequential',
          members: [
            { type: 'user', id: x.id },
            { type: 'user', id: y.id },
          ],
        },
      ],
      forwarding: { enabled: false, members: [] },
    });
    // Both agents sit on the surviving instance B; the visitor starts the chat on A, which assigns it.
    const bAgents = [
      await agentOn(instances[1]!, x, 'agent-password'),
      await agentOn(instances[1]!, y, 'agent-password'),
    ];
    const chatId = await startChatOn(instances[0]!);
    const row = async () =>
      (
        await sql.query<{ agent_id: string | null; forward_deadline_at: Date | null }>(
          `select agent_id, forward_deadline_at from chats where id = $1`,
          [chatId],
        )
      ).rows[0]!;
    const first = await eventually('the chat to be assigned on A', async () => {
      const r = await row();
      return r.agent_id ? r : null;
    });
    expect([x.id, y.id]).toContain(first.agent_id);
    expect(first.forward_deadline_at).not.toBeNull();
    await stopInstance(instances[0]!, 'SIGKILL');
    // B's sweeper fires the deadline when it falls due (about 10 s after the assignment).
    const moved = await eventually(
      'the chat to be forwarded by B',
      async () => {
        const r = await row();
        return r.agent_id !== first.agent_id && r;
      },
      { timeoutMs: 60_000, everyMs: 250 },
    );
    expect(moved.agent_id).not.toBeNull();
    // "Exactly once" is about what does not happen later: wait until B's sweeper has made full passes since
    // the forward (its heartbeat, written every fifth pass after the deadlines, moved twice), then count.
    const heartbeat = async () =>
      (await sql.query<{ at: Date | null }>(`select max(last_seen_at) as at from instances`)).rows[0]!.at;
    const forwardedAt = new Date();
    const h1 = await eventually(
      'a heartbeat of B after the forward',
      async () => {
        const at = await heartbeat();
        return at && at > forwardedAt && at;
      },
      { timeoutMs: 60_000, everyMs: 250 },
    );
    await eventually(
      'another heartbeat of B',
      async () => {
        const at = await heartbeat();
        return at && at > h1;
      },
      { timeoutMs: 60_000, everyMs: 250 },
    );
    const forwards = await sql.query(
      `select data from chat_events where chat_id = $1 and type = 'transferred'`,
      [chatId],
    );
    expect(forwards.rows).toHaveLength(1);
    expect(forwards.rows[0].data).toMatchObject({ reason: 'auto_forward' });
    for (const a of bAgents) a.ws.close();
  }, 240_000);
});
