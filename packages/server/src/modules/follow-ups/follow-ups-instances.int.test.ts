import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import type { AgentServerFrame, Campaign, VisitorServerFrame, WebsiteList } from '@parley/protocol';
import { ADMIN, TestClient } from '../../../test/harness.js';
import {
  exitOf,
  sharedDatabase,
  startInstance,
  stopInstance,
  type Instance,
} from '../../../test/instances.js';
import { startSmtp, type TestSmtp } from '../../../test/smtp.js';
import { eventually } from '../../../test/wait.js';
import { cid, WsClient, wsUrl } from '../../../test/ws-client.js';

// FUP-2 across instances: real server processes over one PostgreSQL and one Redis, one real SMTP server. Every
// instance drains the outbox; each email is sent by one of them, once — through lost database connections and a
// SIGKILL of the instance that was sending (docs/follow-ups.md, "Exactly once, almost").
const enabled = Boolean(process.env.DATABASE_URL && process.env.REDIS_URL);

describe.runIf(enabled)('follow-ups with two instances', () => {
  let db: Awaited<ReturnType<typeof sharedDatabase>>;
  let sql: pg.Pool;
  let smtp: TestSmtp;
  const instances: Instance[] = [];
  const sockets: WsClient[] = [];
  let env: Record<string, string>;
  let siteId: string;
  let campaignId: string;

  beforeAll(async () => {
    db = await sharedDatabase();
    // A pool: the test's own connections are among those terminated.
    sql = new pg.Pool({ connectionString: db.url, max: 2 });
    sql.on('error', () => undefined);
    smtp = await startSmtp({ user: 'mailer', password: 'mailer-password' });
    env = {
      DATABASE_URL: db.url,
      REDIS_URL: process.env.REDIS_URL!,
      REDIS_PREFIX: `test:${cid()}:`,
      SECRETS_KEY: randomBytes(32).toString('base64'),
      // Longer than the SMTP server is held below: a sender that gives up waiting for "accepted" while the server
      // accepts anyway is the ambiguous case docs/follow-ups.md describes, not what these tests are about.
      SMTP_TIMEOUT_SECONDS: '8',
      FOLLOW_UP_RETRY_SECONDS: '1',
      FOLLOW_UP_ANSWER_DELAY_SECONDS: '0',
    };
    instances.push(await startInstance(env), await startInstance(env));
    const admin = await TestClient.login(instances[0]!.url, ADMIN.email, ADMIN.password);
    siteId = (await admin.get<WebsiteList>('/api/websites')).body.items[0]!.id;
    campaignId = (await admin.get<{ items: Campaign[] }>('/api/campaigns')).body.items[0]!.id;
    const saved = await admin.put(`/api/campaigns/${campaignId}/follow-ups/settings`, {
      enabled: true,
      host: '127.0.0.1',
      port: smtp.port,
      security: 'none',
      username: 'mailer',
      password: 'mailer-password',
      fromAddress: 'support@shop.example',
      fromName: 'Shop',
      replyTo: '',
    });
    expect(saved.status).toBe(200);
  }, 180_000);

  afterAll(async () => {
    for (const s of sockets) s.ws.terminate();
    for (const i of instances) await stopInstance(i);
    await smtp?.stop();
    await sql?.end();
    await db?.drop();
  });

  async function agentOn(i: Instance) {
    const client = await TestClient.login(i.url, ADMIN.email, ADMIN.password);
    const ws = await WsClient.open<AgentServerFrame>(wsUrl(i.url, '/ws/agent'), {
      headers: { cookie: client.cookie, origin: i.url },
    });
    sockets.push(ws as WsClient);
    await ws.next('welcome');
    ws.send({ type: 'presence.set', status: 'available' });
    await ws.next('presence', (f) => f.status === 'available');
    return ws;
  }

  /** A visitor on `i` who left `email`, a chat the agent answers and closes; returns the chat's id. */
  async function closedChat(i: Instance, agent: WsClient<AgentServerFrame>, email: string): Promise<string> {
    const v = await WsClient.open<VisitorServerFrame>(wsUrl(i.url, `/ws/visitor?site=${siteId}`), {
      headers: { origin: 'http://localhost' },
    });
    sockets.push(v as WsClient);
    v.send({ type: 'hello', chats: [] });
    await v.next('welcome', () => true, 30_000);
    v.send({ type: 'visitor.update', email });
    const c = cid();
    v.send({ type: 'chat.start', cid: c, text: `question of ${email}` });
    const chatId = (await v.next('ack', (f) => f.cid === c, 60_000)).chatId;
    await agent.next('chat.upsert', (f) => f.chat.id === chatId && f.chat.status === 'active', 60_000);
    const a = cid();
    agent.send({ type: 'message.send', chatId, cid: a, text: `answer for ${email}` });
    await agent.next('ack', (f) => f.cid === a, 60_000);
    agent.send({ type: 'chat.close', chatId });
    await eventually(
      'the chat closed',
      async () =>
        (await sql.query(`select 1 from chats where id = $1 and status = 'closed'`, [chatId])).rowCount === 1,
    );
    v.close();
    return chatId;
  }

  /** How many accepted emails carry each follow-up's id. */
  const sentCounts = () => {
    const counts = new Map<string, number>();
    for (const m of smtp.mails) {
      const id = String(m.headers.get('x-parley-follow-up'));
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    return counts;
  };
  const rows = async () =>
    (
      await sql.query<{ id: string; state: string; attempts: number; chat_id: string }>(
        `select id, state, attempts, chat_id from follow_ups`,
      )
    ).rows;

  it('two instances never send the same email twice, through lost database connections', async () => {
    const [a, b] = instances as [Instance, Instance];
    const agent = await agentOn(a);
    // The SMTP server holds its answers, so that both instances have emails in flight when their database
    // connections are cut.
    let release!: () => void;
    smtp.hold = new Promise<void>((r) => (release = r));
    const N = 24;
    const chats: string[] = [];
    for (let k = 0; k < N; k++) chats.push(await closedChat(k % 2 ? b : a, agent, `visitor${k}@example.com`));
    await eventually('emails in flight on both instances', () => smtp.held.length >= 2, {
      timeoutMs: 60_000,
    });
    const terminated = await db.terminateBackends();
    smtp.hold = null;
    release();
    const exited = exitOf(instances);
    exited.catch(() => {});
    await Promise.race([
      eventually(
        'every follow-up sent',
        async () => (await rows()).filter((r) => r.state === 'sent').length === N,
        { timeoutMs: 90_000 },
      ),
      exited,
    ]);
    expect(terminated).toBeGreaterThan(0);
    const counts = sentCounts();
    const ids = (await rows()).map((r) => r.id);
    expect(ids).toHaveLength(N);
    for (const id of ids) expect(counts.get(id), `follow-up ${id}`).toBe(1);
    expect(smtp.mails).toHaveLength(N);
    for (const i of instances) {
      expect(i.proc.exitCode, i.output.join('').slice(-3000)).toBeNull();
      expect((await fetch(`${i.url}/readyz`)).status).toBe(200);
    }
  }, 180_000);

  it('a SIGKILL of the sending instance: the email is sent again after the lease, and arrives once', async () => {
    // One instance only, so that the one holding the email is the one killed.
    await stopInstance(instances.pop()!);
    const first = instances[0]!;
    smtp.mails.length = 0;
    smtp.held.length = 0;
    smtp.abandoned.length = 0;
    let release!: () => void;
    smtp.hold = new Promise<void>((r) => (release = r));
    const chatId = await closedChat(first, await agentOn(first), 'killed@example.com');
    // The email is with the SMTP server, which has not said "accepted" yet: the instance dies now.
    await eventually('the email at the SMTP server', () => smtp.held.length === 1, { timeoutMs: 60_000 });
    await stopInstance(first, 'SIGKILL');
    instances.pop();
    await eventually('the SMTP server saw the sender go', () => smtp.heldConnectionClosed(0));
    smtp.hold = null;
    release();
    await eventually('the server dropped the unconfirmed email', () => smtp.abandoned.length === 1);
    const [row] = (await rows()).filter((r) => r.chat_id === chatId);
    expect(row).toMatchObject({ state: 'pending', attempts: 1 });

    // Another instance takes it over once the lease has passed, and sends it once.
    const second = await startInstance(env);
    instances.push(second);
    await eventually(
      'sent by the new instance',
      async () => (await rows()).find((r) => r.chat_id === chatId)?.state === 'sent',
      { timeoutMs: 90_000 },
    );
    expect(sentCounts().get(row!.id)).toBe(1);
    expect((await rows()).find((r) => r.id === row!.id)).toMatchObject({ attempts: 2 });
    // The same Message-ID as the attempt that died with the instance.
    const resent = smtp.mails.find((m) => String(m.headers.get('x-parley-follow-up')) === row!.id)!;
    expect(resent.messageId).toBe(smtp.abandoned[0]!.match(/^Message-ID: (<[^>]+>)/im)![1]);

    // Killed after the email was marked sent (the common case): the next instance does not send it again.
    const agent = await agentOn(second);
    const marked = await closedChat(second, agent, 'marked@example.com');
    await eventually(
      'marked sent',
      async () => (await rows()).find((r) => r.chat_id === marked)?.state === 'sent',
    );
    await stopInstance(second, 'SIGKILL');
    instances.pop();
    const third = await startInstance(env);
    instances.push(third);
    // The third instance's sender is running once it has sent a new follow-up; the earlier ones stay sent once.
    const later = await closedChat(third, await agentOn(third), 'later@example.com');
    await eventually(
      'a later follow-up sent by the third instance',
      async () => (await rows()).find((r) => r.chat_id === later)?.state === 'sent',
      { timeoutMs: 60_000 },
    );
    const counts = sentCounts();
    for (const r of await rows())
      if (r.state === 'sent') expect(counts.get(r.id) ?? 0, r.id).toBeLessThanOrEqual(1);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(
      smtp.mails.map((m) => m.to && JSON.stringify(m.to)).filter((t) => t?.includes('marked@')),
    ).toHaveLength(1);
  }, 240_000);
});
