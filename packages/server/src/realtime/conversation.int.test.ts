import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentServerFrame, ChatEvent, VisitorServerFrame, WebsiteList } from '@parley/protocol';
import { startTestApp, TestClient, type TestApp } from '../../test/harness.js';
import { eventually } from '../../test/wait.js';
import { cid, WsClient, wsUrl } from '../../test/ws-client.js';
import { createAccount } from '../bootstrap.js';

let t: TestApp;
let siteId: string;

beforeAll(async () => {
  t = await startTestApp();
  siteId = (await t.admin.get<WebsiteList>('/api/websites')).body.items[0]!.id;
});
afterAll(() => t?.close());

async function agent(client: TestClient = t.admin) {
  const a = await WsClient.open<AgentServerFrame>(wsUrl(t.url, '/ws/agent'), {
    headers: { cookie: client.cookie, origin: t.url },
  });
  await a.next('welcome');
  return a;
}

async function visitor(
  opts: {
    token?: string;
    chats?: { chatId: string; afterSeq: number }[];
    origin?: string;
    have?: Map<string, ChatEvent[]>;
  } = {},
) {
  const v = await WsClient.open<VisitorServerFrame>(wsUrl(t.url, `/ws/visitor?site=${siteId}`), {
    headers: { origin: opts.origin ?? 'http://localhost:8080' },
  });
  for (const [chatId, events] of opts.have ?? []) v.assume(chatId, events);
  v.send({
    type: 'hello',
    token: opts.token,
    page: { url: 'http://localhost:8080/pricing', title: 'Pricing' },
    chats: opts.chats ?? [],
  });
  const welcome = await v.next('welcome');
  return { v, welcome };
}

/** Starts a chat from a new visitor and waits until the agent socket has it. */
async function startChat(a: WsClient<AgentServerFrame>, text = 'Hello') {
  const { v, welcome } = await visitor();
  const c = cid();
  v.send({ type: 'chat.start', cid: c, text });
  const ack = await v.next('ack', (f) => f.cid === c);
  v.send({ type: 'sync', chatId: ack.chatId, afterSeq: 0 });
  await a.next('chat.upsert', (f) => f.chat.id === ack.chatId);
  a.send({ type: 'sync', chatId: ack.chatId, afterSeq: 0 });
  return { v, chatId: ack.chatId, token: welcome.token! };
}

describe('CON-2 a conversation over the realtime protocol', () => {
  it('assigns a new chat to the available agent, who sees the transcript; both sides exchange messages', async () => {
    const a = await agent();
    const { v, chatId } = await startChat(a, 'Hi, I need help');
    const agentSide = await a.untilTranscript(chatId, (e) => e.some((x) => x.type === 'agent_joined'));
    expect(agentSide.map((e) => e.type)).toEqual(['started', 'text', 'agent_joined']);
    expect(agentSide[1]).toMatchObject({ author: 'visitor', text: 'Hi, I need help' });

    const state = await v.next('chat.state', (f) => f.chat.id === chatId && f.chat.status === 'active');
    expect(state.chat.agent).toEqual({ name: 'Demo', photoUrl: null });

    const m = cid();
    a.send({ type: 'message.send', chatId, cid: m, text: 'Sure, how can I help?' });
    const ack = await a.next('ack', (f) => f.cid === m);
    const visitorSide = await v.untilTranscript(chatId, (e) => e.some((x) => x.seq === ack.seq));
    expect(visitorSide.find((e) => e.seq === ack.seq)).toMatchObject({
      author: 'agent',
      authorName: 'Demo',
      text: 'Sure, how can I help?',
    });

    // Typing: the agent sees what the visitor types before it is sent (CON-5); the visitor sees "typing".
    v.send({ type: 'typing', chatId, text: 'I would like to' });
    expect(await a.next('typing', (f) => f.chatId === chatId)).toMatchObject({
      typing: true,
      preview: 'I would like to',
    });
    a.send({ type: 'typing', chatId, typing: true });
    expect(await v.next('typing', (f) => f.chatId === chatId)).toMatchObject({ typing: true, name: 'Demo' });

    expect(a.problems).toEqual([]);
    expect(v.problems).toEqual([]);
    a.close();
    v.close();
  });

  it('stores a cid once, however often it is sent', async () => {
    const a = await agent();
    const { v, chatId } = await startChat(a);
    const m = cid();
    for (let i = 0; i < 3; i++) v.send({ type: 'message.send', chatId, cid: m, text: 'once' });
    const acksOf = () => v.frames.filter((f) => f.type === 'ack' && f.cid === m);
    await eventually('an ack for each of the three', () => acksOf().length === 3);
    const acks = acksOf();
    expect(acks).toHaveLength(3);
    expect(new Set(acks.map((f) => (f as { seq: number }).seq)).size).toBe(1);
    const detail = await t.admin.get<{ events: { text: string }[] }>(`/api/chats/${chatId}`);
    expect(detail.body.events.filter((e) => e.text === 'once')).toHaveLength(1);
    a.close();
    v.close();
  });

  it('refuses frames beyond the budget naming their cid; sent again later, each is stored once', async () => {
    const a = await agent();
    const { v, chatId } = await startChat(a);
    const sent = Array.from({ length: 60 }, (_, i) => ({ cid: cid(), text: `burst ${i}` }));
    const since = v.frames.length;
    for (const m of sent) v.send({ type: 'message.send', chatId, ...m });
    // Every one is answered: acked, or refused naming its cid.
    await v.answered(
      sent.map((m) => m.cid),
      since,
    );
    const refused = v.frames.filter(
      (f): f is Extract<VisitorServerFrame, { type: 'error' }> =>
        f.type === 'error' && f.code === 'rate_limited',
    );
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((f) => f.chatId === chatId && sent.some((m) => m.cid === f.cid))).toBe(true);
    // What a client does with them: once the budget has refilled, send them again until each is acked.
    await v.resendUntilAcked(
      chatId,
      sent.filter((m) => refused.some((f) => f.cid === m.cid)),
    );
    const texts = (events: ChatEvent[]) =>
      events.filter((e) => e.text.startsWith('burst ')).map((e) => e.text);
    const got = await a.untilTranscript(chatId, (e) => texts(e).length >= sent.length, 10_000);
    expect(texts(got).sort()).toEqual(sent.map((m) => m.text).sort());
    a.close();
    v.close();
  });

  it('resumes after a dropped connection with exactly the missed events, in order', async () => {
    const a = await agent();
    const { v, chatId, token } = await startChat(a);
    await v.untilTranscript(chatId, (e) => e.some((x) => x.type === 'agent_joined'));
    const have = v.transcripts.get(chatId)!.at(-1)!.seq;
    v.ws.terminate();
    for (let i = 0; i < 5; i++) {
      const m = cid();
      a.send({ type: 'message.send', chatId, cid: m, text: `while away ${i}` });
      await a.next('ack', (f) => f.cid === m);
    }
    const { v: v2, welcome } = await visitor({
      token,
      chats: [{ chatId, afterSeq: have }],
      have: v.transcripts,
    });
    expect(welcome.token).toBeUndefined();
    expect(welcome.visitorId).toBeDefined();
    const got = (await v2.untilTranscript(chatId, (e) => e.length === have + 5)).slice(have);
    expect(got.map((e) => e.seq)).toEqual([have + 1, have + 2, have + 3, have + 4, have + 5]);
    expect(got.map((e) => e.text)).toEqual([0, 1, 2, 3, 4].map((i) => `while away ${i}`));
    expect(v2.problems).toEqual([]);
    a.close();
    v2.close();
  });

  it('closes a chat with the closing text and the closed event (CMP-7, CON-4)', async () => {
    const a = await agent();
    const { v, chatId } = await startChat(a);
    a.send({ type: 'chat.close', chatId });
    const events = await v.untilTranscript(chatId, (e) => e.some((x) => x.type === 'closed'));
    const closed = events.find((e) => e.type === 'closed')!;
    expect(closed.data).toMatchObject({ by: 'agent', name: 'Demo' });
    expect(events.find((e) => e.data.closingText)?.text).toBe('Thank you for chatting with us.');
    expect((await v.next('chat.state', (f) => f.chat.status === 'closed')).chat.closedAt).not.toBeNull();
    // Nothing more goes into a closed chat.
    const late = cid();
    v.send({ type: 'message.send', chatId, cid: late, text: 'too late' });
    expect(await v.next('error', (f) => f.cid === late)).toMatchObject({ code: 'chat_closed' });
    a.close();
    v.close();
  });

  it('sends HTML and script through as text, stored verbatim', async () => {
    const a = await agent();
    const evil = '<img src=x onerror=alert(1)><script>alert(2)</script>';
    const { v, chatId } = await startChat(a, evil);
    const events = await a.untilTranscript(chatId, (e) => e.some((x) => x.type === 'text'));
    expect(events.find((e) => e.type === 'text')!.text).toBe(evil);
    a.close();
    v.close();
  });
});

describe('CON-3 presence', () => {
  it('queues a chat while no agent is available and assigns it when one becomes available', async () => {
    // A live chat waits for an agent who is away only when the campaign counts logged-in agents (INV-2: with
    // "always" or "when available" the visitor leaves an offline message instead).
    const settings = await buttonSettings('agents_logged_in');
    const a = await agent();
    a.send({ type: 'presence.set', status: 'away' });
    await a.next('presence', (f) => f.status === 'away');
    const { v } = await visitor();
    const c = cid();
    v.send({ type: 'chat.start', cid: c, text: 'anyone?' });
    const ack = await v.next('ack', (f) => f.cid === c);
    const queued = await v.next('chat.state', (f) => f.chat.id === ack.chatId);
    expect(queued.chat).toMatchObject({ status: 'queued', queuePosition: 1, agent: null });
    a.send({ type: 'presence.set', status: 'available' });
    await a.next('chat.upsert', (f) => f.chat.id === ack.chatId);
    await v.next('chat.state', (f) => f.chat.id === ack.chatId && f.chat.status === 'active');
    a.close();
    v.close();
    await buttonSettings(settings.availability);
  });

  it('refuses a live chat while nobody can take it (INV-2): the visitor leaves an offline message', async () => {
    const a = await agent();
    a.send({ type: 'presence.set', status: 'away' });
    await a.next('presence', (f) => f.status === 'away');
    const { v } = await visitor();
    const c = cid();
    v.send({ type: 'chat.start', cid: c, text: 'anyone?' });
    expect(await v.next('error', (f) => f.cid === c)).toMatchObject({ code: 'nobody_available' });
    a.send({ type: 'presence.set', status: 'available' });
    await a.next('presence', (f) => f.status === 'available');
    a.close();
    v.close();
  });
});

/** Sets the default campaign's button availability; returns what it was. */
async function buttonSettings(availability: 'always' | 'agents_logged_in' | 'agents_available') {
  const config = (await (await fetch(`${t.url}/widget/config?site=${siteId}`)).json()) as {
    campaignId: string;
  };
  const path = `/api/campaigns/${config.campaignId}/buttons/settings`;
  const before = (await t.admin.get<{ availability: typeof availability; offlineText: string }>(path)).body;
  expect((await t.admin.put(path, { ...before, availability })).status).toBe(200);
  return before;
}

describe('bad input on sockets', () => {
  it('answers malformed frames with error frames and keeps the socket', async () => {
    const { v } = await visitor();
    v.send('not json');
    expect(await v.next('error')).toMatchObject({ code: 'bad_frame' });
    v.send({ type: 'message.send', chatId: 'nope', cid: cid(), text: 'x' });
    expect((await v.next('error', (f) => f.message.includes('chatId'))).code).toBe('bad_frame');
    const c = cid();
    v.send({ type: 'message.send', chatId: cid(), cid: c, text: 'x' });
    expect(await v.next('error', (f) => f.cid === c)).toMatchObject({ code: 'not_found' });
    v.send({ type: 'chat.start', cid: cid(), text: 'x'.repeat(5001) });
    expect((await v.next('error', (f) => f.message.includes('5000'))).code).toBe('bad_frame');
    expect(v.closed).toBeUndefined();
    v.close();
  });

  it('closes the socket on an oversized frame (1009) and after too many bad frames (4008)', async () => {
    const { v } = await visitor();
    v.send('x'.repeat(70 * 1024));
    expect((await v.waitClose()).code).toBe(1009);
    const { v: v2 } = await visitor();
    for (let i = 0; i < 25; i++) v2.send('{');
    expect((await v2.waitClose()).code).toBe(4008);
  });

  it('refuses sockets from other websites, unknown sites and unsigned agents', async () => {
    const evil = await WsClient.open(wsUrl(t.url, `/ws/visitor?site=${siteId}`), {
      headers: { origin: 'https://evil.example' },
    });
    expect((await evil.waitClose()).code).toBe(4003);
    const unknown = await WsClient.open(wsUrl(t.url, `/ws/visitor?site=${cid()}`));
    expect((await unknown.waitClose()).code).toBe(4004);
    const garbage = await WsClient.open(wsUrl(t.url, '/ws/visitor?site=../../etc'));
    expect((await garbage.waitClose()).code).toBe(4004);
    const anon = await WsClient.open(wsUrl(t.url, '/ws/agent'));
    expect((await anon.waitClose()).code).toBe(4001);
    const foreign = await WsClient.open(wsUrl(t.url, '/ws/agent'), {
      headers: { cookie: t.admin.cookie, origin: 'https://evil.example' },
    });
    expect((await foreign.waitClose()).code).toBe(4003);
  });

  it("never lets another account's visitor or agent touch a chat", async () => {
    const a = await agent();
    const { v, chatId } = await startChat(a);
    await createAccount(t.runtime.database.db, {
      name: 'Other',
      host: 'other.example',
      manager: {
        email: 'other-agent@other.example',
        password: 'other-password',
        firstName: 'O',
        lastName: 'A',
      },
    });
    const other = await TestClient.login(t.url, 'other-agent@other.example', 'other-password');
    const b = await agent(other);
    for (const frame of [
      { type: 'sync', chatId, afterSeq: 0 },
      { type: 'message.send', chatId, cid: cid(), text: 'hijack' },
      { type: 'chat.close', chatId },
    ]) {
      b.send(frame);
      expect(
        await b.next('error', (f) => f.chatId === chatId && !b.frames.slice(0, -1).includes(f)),
      ).toMatchObject({ code: 'not_found' });
      b.frames = b.frames.filter((f) => f.type !== 'error');
    }
    expect((await other.get(`/api/chats/${chatId}`)).status).toBe(404);
    const { v: stranger } = await visitor();
    const c = cid();
    stranger.send({ type: 'message.send', chatId, cid: c, text: 'not mine' });
    expect(await stranger.next('error', (f) => f.cid === c)).toMatchObject({ code: 'not_found' });
    a.close();
    b.close();
    v.close();
    stranger.close();
  });
});
