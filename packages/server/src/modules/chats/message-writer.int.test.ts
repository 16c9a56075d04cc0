import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentServerFrame, VisitorServerFrame, WebsiteList } from '@parley/protocol';
import { startTestApp, TestClient, type TestApp } from '../../../test/harness.js';
import { cid, WsClient, wsUrl } from '../../../test/ws-client.js';
import { createAccount } from '../../bootstrap.js';
import { messageWriter, type MessageInput, type WriteResult } from './message-writer.js';

let t: TestApp;
let siteA: string;
let siteB: string;
let managerB: TestClient;
let agentA: WsClient<AgentServerFrame>;

beforeAll(async () => {
  t = await startTestApp();
  siteA = (await t.admin.get<WebsiteList>('/api/websites')).body.items[0]!.id;
  const b = await createAccount(t.runtime.database.db, {
    name: 'Other Co',
    host: 'www.other.example',
    manager: { email: 'boss@other.example', password: 'other-password', firstName: 'O', lastName: 'Boss' },
  });
  siteB = b.website.id;
  managerB = await TestClient.login(t.url, 'boss@other.example', 'other-password');
  // Somebody can take account A's chats (INV-2: else a start is refused for an offline message).
  agentA = await WsClient.open<AgentServerFrame>(wsUrl(t.url, '/ws/agent'), {
    headers: { cookie: t.admin.cookie, origin: t.url },
  });
  await agentA.next('welcome');
  agentA.send({ type: 'presence.set', status: 'available' });
  await agentA.next('presence', (f) => f.status === 'available');
});
afterAll(async () => {
  agentA?.close();
  await t?.close();
});

async function visitor(site: string, origin: string) {
  const v = await WsClient.open<VisitorServerFrame>(wsUrl(t.url, `/ws/visitor?site=${site}`), {
    headers: { origin },
  });
  v.send({ type: 'hello' });
  const welcome = await v.next('welcome');
  return { v, visitorId: welcome.visitorId };
}

/** A visitor of account A with a chat and one message in it. */
async function chatWithMessage(text: string) {
  const { v, visitorId } = await visitor(siteA, 'http://localhost:8080');
  const start = cid();
  v.send({ type: 'chat.start', cid: start, text: 'Hello' });
  const chatId = (await v.next('ack', (f) => f.cid === start)).chatId;
  const m = cid();
  v.send({ type: 'message.send', chatId, cid: m, text });
  const seq = (await v.next('ack', (f) => f.cid === m)).seq;
  return { v, visitorId, chatId, cid: m, seq };
}

describe('issue 10.11: a resend is acknowledged only to the author who may write to the chat', () => {
  it("another account's visitor or agent, or another visitor, sending an existing (chatId, cid) is refused, not acked with its seq", async () => {
    const a = await chatWithMessage('my private words');

    // Another account's visitor and agent, and another visitor of the same account.
    const visitorB = (await visitor(siteB, 'http://www.other.example')).v;
    const otherVisitorA = (await visitor(siteA, 'http://localhost:8080')).v;
    const agentB = await WsClient.open<AgentServerFrame>(wsUrl(t.url, '/ws/agent'), {
      headers: { cookie: managerB.cookie, origin: t.url },
    });
    await agentB.next('welcome');
    const probe = async <F extends VisitorServerFrame | AgentServerFrame>(s: WsClient<F>) => {
      s.send({ type: 'message.send', chatId: a.chatId, cid: a.cid, text: 'guess' });
      const err = await s.next('error', (f) => f.cid === a.cid);
      expect(err.code).toBe('not_found');
      expect(s.frames.some((f) => f.type === 'ack' && f.cid === a.cid)).toBe(false);
      s.close();
    };
    await probe(visitorB);
    await probe(otherVisitorA);
    await probe(agentB);

    // The author's own resend is still harmless: acked with the original seq, stored once.
    a.v.send({ type: 'message.send', chatId: a.chatId, cid: a.cid, text: 'my private words' });
    const acks = () => a.v.frames.filter((f) => f.type === 'ack' && f.cid === a.cid);
    await expect.poll(() => acks().length).toBe(2);
    expect(acks().map((f) => (f as { seq: number }).seq)).toEqual([a.seq, a.seq]);
    const detail = await t.admin.get<{ events: { text: string }[] }>(`/api/chats/${a.chatId}`);
    expect(detail.body.events.filter((e) => e.text === 'my private words')).toHaveLength(1);
    expect(detail.body.events.some((e) => e.text === 'guess')).toBe(false);
    a.v.close();
  });
});

describe('issue 10.5: one bad row does not fail the batch of everyone else', () => {
  it('a message the database refuses is refused alone; the others of the same batch are stored in order', async () => {
    const db = t.runtime.database.db;
    const chats = await Promise.all([1, 2, 3].map(() => chatWithMessage('first')));
    const accountId = (await t.admin.get<{ account: { id: string } }>('/api/me')).body.account.id;
    const input = (c: (typeof chats)[number], body: string, fileId: string | null = null): MessageInput => ({
      chatId: c.chatId,
      accountId,
      author: 'visitor',
      authorName: 'Visitor',
      userId: null,
      visitorId: c.visitorId,
      agentId: null,
      cid: randomUUID(),
      type: fileId ? 'file' : 'text',
      body,
      fileId,
    });
    const items: MessageInput[] = [];
    for (let i = 0; i < 10; i++) for (const c of chats) items.push(input(c, `m${i}`));
    // A file that does not exist (the foreign key refuses it), and text no statement can carry.
    items.splice(7, 0, input(chats[1]!, 'ghost.png', randomUUID()));
    items.splice(20, 0, input(chats[2]!, 'nul\u0000'));

    // All written in one turn of the event loop: one batch.
    const writer = messageWriter(db);
    const outcomes = await Promise.allSettled(items.map((m) => writer.write(m)));

    expect(outcomes[7]).toMatchObject({ status: 'rejected', reason: { code: '23503' } });
    expect(outcomes[20]).toMatchObject({ status: 'rejected', reason: { status: 400 } });
    const stored = outcomes.filter((_, i) => i !== 7 && i !== 20);
    expect(stored.every((o) => o.status === 'fulfilled' && o.value.outcome === 'stored')).toBe(true);
    for (const c of chats) {
      const seqs = items
        .map((m, i) => [m, outcomes[i]!] as const)
        .filter(([m, o]) => m.chatId === c.chatId && o.status === 'fulfilled')
        .map(([, o]) => ((o as PromiseFulfilledResult<WriteResult>).value as { seq: number }).seq);
      expect(seqs).toEqual(seqs.map((_, i) => c.seq + 1 + i));
    }
    for (const c of chats) c.v.close();
  });
});
