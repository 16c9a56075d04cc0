import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CloseCode,
  FrameErrorCode,
  type AgentServerFrame,
  type VisitorServerFrame,
  type WebsiteList,
} from '@parley/protocol';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { cid, WsClient, wsUrl } from '../../test/ws-client.js';

type Frame<T extends VisitorServerFrame['type']> = Extract<VisitorServerFrame, { type: T }>;
/** How a visitor socket's hello ended: welcomed, or closed. */
type Outcome = { welcome?: Frame<'welcome'>; closed?: { code: number; reason: string } };

// Issue 10.9: one address could open thousands of visitor sockets, start a chat a second and leave a visitor
// row per hello. Now each address has limits (small here; one trusted proxy hop lets each test use addresses
// of its own), visitor rows wait until there is something to keep, and refusals are `limit_reached` frames.
let t: TestApp;
let siteId: string;
let agent: WsClient<AgentServerFrame>;
beforeAll(async () => {
  t = await startTestApp({
    TRUST_PROXY: '1',
    VISITOR_SOCKETS_PER_IP: '3',
    VISITOR_HELLOS_PER_IP_PER_MINUTE: '5',
    VISITOR_CHATS_PER_IP_PER_MINUTE: '2',
    VISITOR_UPLOADS_PER_IP_PER_HOUR: '3',
    VISITOR_UPLOADS_PER_CHAT: '2',
    WIDGET_CONFIG_PER_IP_PER_MINUTE: '3',
  });
  siteId = (await t.admin.get<WebsiteList>('/api/websites')).body.items[0]!.id;
  agent = await WsClient.open<AgentServerFrame>(wsUrl(t.url, '/ws/agent'), {
    headers: { cookie: t.admin.cookie, origin: t.url },
  });
  await agent.next('welcome');
});
afterAll(async () => {
  agent?.close();
  await t?.close();
});

let n = 0;
const newAddress = () => `203.0.113.${++n}`;
const db = () => t.runtime.database.db;

type Hello = { token?: string; page?: { url: string; title?: string; referrer?: string } };

/** A visitor socket from `ip` that says hello; resolves with its welcome, or with how it was refused. */
async function visitorFrom(ip: string, hello: Hello = {}) {
  const v = await WsClient.open<VisitorServerFrame>(wsUrl(t.url, `/ws/visitor?site=${siteId}`), {
    headers: { origin: 'http://localhost', 'x-forwarded-for': ip },
  });
  v.send({ type: 'hello', chats: [], ...hello });
  const outcome: Outcome = await Promise.race([
    v.next('welcome').then((welcome) => ({ welcome })),
    v.waitClose().then((closed) => ({ closed })),
  ]);
  return { v, ...outcome };
}

async function refused(v: WsClient<VisitorServerFrame>) {
  const closed = await v.waitClose();
  expect(closed.code).toBe(CloseCode.rateLimited);
  expect(v.frames).toContainEqual(
    expect.objectContaining({ type: 'error', code: FrameErrorCode.limitReached }),
  );
}

async function startChat(
  v: WsClient<VisitorServerFrame>,
  text = 'Hello',
): Promise<{ c: string; ack?: Frame<'ack'>; error?: Frame<'error'> }> {
  const c = cid();
  v.send({ type: 'chat.start', cid: c, text });
  return Promise.race([
    v.next('ack', (f) => f.cid === c).then((ack) => ({ c, ack })),
    v.next('error', (f) => f.cid === c).then((error) => ({ c, error })),
  ]);
}

describe('visitor limits per address', () => {
  it('refuses sockets beyond the address’s share, and takes new ones when one closes', async () => {
    const ip = newAddress();
    const open = [];
    for (let i = 0; i < 3; i++) {
      const s = await visitorFrom(ip);
      expect(s.welcome).toBeDefined();
      open.push(s.v);
    }
    await refused((await visitorFrom(ip)).v);
    expect((await visitorFrom(newAddress())).welcome).toBeDefined();
    open.pop()!.close();
    // The slot comes back when the server has seen the close; a refused attempt costs no hello.
    let again: Awaited<ReturnType<typeof visitorFrom>> | undefined;
    for (let i = 0; i < 50 && !again?.welcome; i++) again = await visitorFrom(ip);
    expect(again?.welcome).toBeDefined();
    for (const v of [...open, again!.v]) v.close();
  });

  it('refuses hellos beyond the address’s hellos per minute', async () => {
    const ip = newAddress();
    for (let i = 0; i < 5; i++) {
      const s = await visitorFrom(ip);
      expect(s.welcome).toBeDefined();
      s.v.close();
      await s.v.waitClose();
    }
    await refused((await visitorFrom(ip)).v);
  });

  it('refuses new chats beyond the address’s chats per minute, but never a resent start', async () => {
    const ip = newAddress();
    const first = await visitorFrom(ip);
    const second = await visitorFrom(ip);
    const a = await startChat(first.v);
    expect(a.ack).toBeDefined();
    expect((await startChat(second.v)).ack).toBeDefined();
    const third = await visitorFrom(ip);
    const refusedChat = await startChat(third.v);
    expect(refusedChat.error).toMatchObject({ code: FrameErrorCode.limitReached, cid: refusedChat.c });
    const rows = await db()
      .selectFrom('chats')
      .select('id')
      .where('visitor_id', '=', third.welcome!.visitorId)
      .execute();
    expect(rows).toEqual([]);
    // The first visitor's start, sent again (a reconnect), is acked with its chat as before.
    first.v.send({ type: 'chat.start', cid: a.c, text: 'Hello' });
    const acks = await first.v.next(
      'ack',
      (f) => f.cid === a.c && first.v.frames.filter((x) => x.type === 'ack').length > 1,
    );
    expect(acks.chatId).toBe(a.ack!.chatId);
    for (const s of [first, second, third]) s.v.close();
  });

  it('keeps no visitor row for a hello that leads to nothing, and writes it with a page view or a chat', async () => {
    const ip = newAddress();
    const idle = await visitorFrom(ip);
    const visitorRow = (id: string) =>
      db().selectFrom('visitors').selectAll().where('id', '=', id).executeTakeFirst();
    expect(await visitorRow(idle.welcome!.visitorId)).toBeUndefined();
    // Its token is not kept either: coming back with it makes another new visitor.
    idle.v.close();
    const back = await visitorFrom(ip, { token: idle.welcome!.token });
    expect(back.welcome!.token).toBeDefined();
    expect(back.welcome!.token).not.toBe(idle.welcome!.token);
    // A page view is worth keeping (frames are handled in order: the error answers after the page is stored).
    back.v.send({ type: 'page', page: { url: 'http://localhost/pricing', title: 'Pricing', referrer: '' } });
    back.v.send({ type: 'sync', chatId: cid(), afterSeq: 0 });
    await back.v.next('error');
    expect(await visitorRow(back.welcome!.visitorId)).toBeDefined();
    back.v.close();
    // What the page said about the visitor before that is kept with the row.
    const named = await visitorFrom(ip);
    named.v.send({ type: 'visitor.update', name: 'Ann', email: 'ann@example.com', data: { plan: 'gold' } });
    expect((await startChat(named.v)).ack).toBeDefined();
    expect(await visitorRow(named.welcome!.visitorId)).toMatchObject({
      name: 'Ann',
      email: 'ann@example.com',
      data: { plan: 'gold' },
    });
    named.v.close();
  });
});

describe('widget HTTP limits per address', () => {
  it('answers /widget/config 429 beyond the address’s requests per minute', async () => {
    const ip = newAddress();
    const statuses = [];
    for (let i = 0; i < 4; i++) {
      statuses.push(
        (await fetch(`${t.url}/widget/config?site=${siteId}`, { headers: { 'x-forwarded-for': ip } })).status,
      );
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(
      (await fetch(`${t.url}/widget/config?site=${siteId}`, { headers: { 'x-forwarded-for': newAddress() } }))
        .status,
    ).toBe(200);
  });

  it('caps files per chat and per address', async () => {
    const ip = newAddress();
    const upload = (token: string, chatId: string) => {
      const f = new FormData();
      f.append('file', new Blob([new TextEncoder().encode('notes')]), 'notes.txt');
      return fetch(`${t.url}/widget/files?chatId=${chatId}`, {
        method: 'POST',
        headers: { 'x-visitor-token': token, 'x-forwarded-for': ip },
        body: f,
      });
    };
    const one = await visitorFrom(ip);
    const chatOne = (await startChat(one.v)).ack!.chatId;
    expect((await upload(one.welcome!.token!, chatOne)).status).toBe(201);
    expect((await upload(one.welcome!.token!, chatOne)).status).toBe(201);
    const third = await upload(one.welcome!.token!, chatOne);
    expect(third.status).toBe(429);
    expect(await third.json()).toMatchObject({ error: { code: 'limit_reached' } });
    const two = await visitorFrom(ip);
    const chatTwo = (await startChat(two.v)).ack!.chatId;
    // The address has sent its 3 uploads this hour (the refused one counts too), whatever the chat.
    const over = await upload(two.welcome!.token!, chatTwo);
    expect(over.status).toBe(429);
    expect(await over.json()).toMatchObject({ error: { code: 'rate_limited' } });
    one.v.close();
    two.v.close();
  });
});
