import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentServerFrame, VisitorServerFrame, WebsiteList } from '@parley/protocol';
import { ADMIN, TestClient } from '../../test/harness.js';
import { sharedDatabase, startInstance, stopInstance, type Instance } from '../../test/instances.js';
import { cid, WsClient, wsUrl } from '../../test/ws-client.js';

// Several instances over one PostgreSQL and one Redis (DESIGN: scale-out is the same code with real services).
// Needs DATABASE_URL and REDIS_URL (CI's second pass); PGlite cannot be shared between processes.
const enabled = Boolean(process.env.DATABASE_URL && process.env.REDIS_URL);

describe.runIf(enabled)('two instances with PostgreSQL and Redis', () => {
  let db: Awaited<ReturnType<typeof sharedDatabase>>;
  let a: Instance;
  let b: Instance;
  let siteId: string;

  beforeAll(async () => {
    db = await sharedDatabase();
    const env = { DATABASE_URL: db.url, REDIS_URL: process.env.REDIS_URL!, REDIS_PREFIX: `test:${cid()}:` };
    a = await startInstance(env);
    b = await startInstance(env);
    const admin = await TestClient.login(b.url, ADMIN.email, ADMIN.password);
    siteId = (await admin.get<WebsiteList>('/api/websites')).body.items[0]!.id;
  }, 120_000);

  afterAll(async () => {
    if (a) await stopInstance(a);
    if (b) await stopInstance(b);
    await db?.drop();
  });

  async function agentOn(i: Instance) {
    const admin = await TestClient.login(i.url, ADMIN.email, ADMIN.password);
    const s = await WsClient.open<AgentServerFrame>(wsUrl(i.url, '/ws/agent'), {
      headers: { cookie: admin.cookie, origin: i.url },
    });
    await s.next('welcome').catch((err) => {
      throw new Error(
        `agent: ${err} closed=${JSON.stringify(s.closed)} out=${i.output.join('').slice(-2000)}`,
      );
    });
    return s;
  }

  async function visitorOn(i: Instance, token?: string, chats: { chatId: string; afterSeq: number }[] = []) {
    const v = await WsClient.open<VisitorServerFrame>(wsUrl(i.url, `/ws/visitor?site=${siteId}`), {
      headers: { origin: 'http://localhost' },
    });
    v.send({ type: 'hello', token, chats });
    const welcome = await v.next('welcome').catch((err) => {
      throw new Error(
        `visitor: ${err} closed=${JSON.stringify(v.closed)} out=${i.output.join('').slice(-2000)}`,
      );
    });
    return { v, token: welcome.token ?? token! };
  }

  it('a visitor on one instance and an agent on the other chat normally', async () => {
    const agent = await agentOn(b);
    const { v } = await visitorOn(a);
    const start = cid();
    v.send({ type: 'chat.start', cid: start, text: 'hello from instance A' });
    const { chatId } = await v.next('ack', (f) => f.cid === start);
    v.send({ type: 'sync', chatId, afterSeq: 0 });
    await agent.next('chat.upsert', (f) => f.chat.id === chatId);
    agent.send({ type: 'sync', chatId, afterSeq: 0 });
    await agent.untilTranscript(chatId, (e) => e.some((x) => x.text === 'hello from instance A'));
    const m = cid();
    agent.send({ type: 'message.send', chatId, cid: m, text: 'hello from instance B' });
    await v.untilTranscript(chatId, (e) => e.some((x) => x.text === 'hello from instance B'));
    v.send({ type: 'typing', chatId, text: 'typing on A' });
    expect(await agent.next('typing', (f) => f.preview === 'typing on A')).toBeTruthy();
    expect(agent.problems).toEqual([]);
    expect(v.problems).toEqual([]);
    agent.close();
    v.close();
  });

  it('survives SIGKILL of the visitor’s instance mid-conversation: nothing lost, nothing duplicated, in order', async () => {
    const agent = await agentOn(b);
    const first = await visitorOn(a);
    let v = first.v;
    const start = cid();
    v.send({ type: 'chat.start', cid: start, text: 'm0' });
    const { chatId } = await v.next('ack', (f) => f.cid === start);
    v.send({ type: 'sync', chatId, afterSeq: 0 });
    await agent.next('chat.upsert', (f) => f.chat.id === chatId);
    agent.send({ type: 'sync', chatId, afterSeq: 0 });

    // The visitor sends 40 messages; A is killed after the 20th is sent, without waiting for acks.
    const sent: { cid: string; text: string }[] = [];
    const acked = new Set<string>();
    for (let i = 1; i <= 40; i++) {
      const m = { cid: cid(), text: `m${i}` };
      sent.push(m);
      if (i === 21) {
        // Whatever was acked so far is stored; the rest the client resends after reconnecting.
        for (const f of v.frames) if (f.type === 'ack') acked.add(f.cid);
        await stopInstance(a, 'SIGKILL');
        const known = v.transcripts.get(chatId) ?? [];
        const again = await visitorOn(b, first.token, [{ chatId, afterSeq: known.at(-1)?.seq ?? 0 }]);
        again.v.assume(chatId, known);
        v = again.v;
        for (const p of sent.slice(0, -1))
          if (!acked.has(p.cid)) v.send({ type: 'message.send', chatId, ...p });
      }
      v.send({ type: 'message.send', chatId, ...m });
    }
    // Every message sent to B is answered; like the widget, send again what B refused as sent too fast.
    const toB = sent.filter((m) => !acked.has(m.cid));
    await v.answered(toB.map((m) => m.cid));
    await v.resendUntilAcked(
      chatId,
      toB.filter((m) => v.answer(m.cid)?.type === 'error'),
    );
    const texts = ['m0', ...sent.map((m) => m.text)];
    const visitorMessages = (events: { type: string; author: string; text: string }[]) =>
      events.filter((e) => e.type === 'text' && e.author === 'visitor').map((e) => e.text);
    const agentSide = await agent.untilTranscript(
      chatId,
      (e) => visitorMessages(e).length >= texts.length,
      15_000,
    );
    expect(visitorMessages(agentSide).sort()).toEqual([...texts].sort());
    expect(new Set(visitorMessages(agentSide)).size).toBe(texts.length);
    // In order: each message after its predecessor as the visitor sent them, except those resent after the kill.
    const seqs = agentSide.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    expect(agent.problems).toEqual([]);
    expect(v.problems).toEqual([]);
    const visitorSide = await v.untilTranscript(
      chatId,
      (e) => visitorMessages(e).length >= texts.length,
      15_000,
    );
    expect(visitorSide.map((e) => e.seq)).toEqual(agentSide.map((e) => e.seq));
    agent.close();
    v.close();
  }, 60_000);
});
