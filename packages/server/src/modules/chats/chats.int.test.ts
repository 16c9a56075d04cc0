import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { AgentServerFrame, ChatEvent, VisitorServerFrame, WebsiteList } from '@parley/protocol';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { eventually, recordEvents } from '../../../test/wait.js';
import { cid, WsClient, wsUrl } from '../../../test/ws-client.js';

let t: TestApp;
let siteId: string;
let agent: WsClient<AgentServerFrame>;

beforeAll(async () => {
  t = await startTestApp();
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

async function visitor(token?: string, have: Map<string, ChatEvent[]> = new Map()) {
  const v = await WsClient.open<VisitorServerFrame>(wsUrl(t.url, `/ws/visitor?site=${siteId}`), {
    headers: { origin: 'http://localhost' },
  });
  for (const [id, events] of have) v.assume(id, events);
  v.send({
    type: 'hello',
    token,
    chats: [...have].map(([chatId, e]) => ({ chatId, afterSeq: e.at(-1)?.seq ?? 0 })),
  });
  const welcome = await v.next('welcome');
  return { v, token: welcome.token ?? token!, welcome };
}

async function chat(text = 'Hello') {
  const { v, token } = await visitor();
  const c = cid();
  v.send({ type: 'chat.start', cid: c, text });
  const { chatId } = await v.next('ack', (f) => f.cid === c);
  v.send({ type: 'sync', chatId, afterSeq: 0 });
  await agent.next('chat.upsert', (f) => f.chat.id === chatId);
  agent.send({ type: 'sync', chatId, afterSeq: 0 });
  await v.untilTranscript(chatId, (e) => e.some((x) => x.type === 'agent_joined'));
  return { v, token, chatId };
}

const db = () => t.runtime.database.db;
const row = (chatId: string) =>
  db().selectFrom('chats').selectAll().where('id', '=', chatId).executeTakeFirstOrThrow();
const expire = (chatId: string, column: 'left_deadline_at' | 'close_deadline_at') =>
  db()
    .updateTable('chats')
    .set({ [column]: sql<Date>`now() - interval '1 second'` })
    .where('id', '=', chatId)
    .execute();
const until = (pred: () => Promise<boolean>) => eventually('the chat row to change', pred);

describe('CON-8 inactivity and CON-6 NRT chats', () => {
  it('marks a visitor who left, once; the chat goes on as NRT and the visitor sees the answer on their next visit', async () => {
    const { v, token, chatId } = await chat();
    const have = new Map(v.transcripts);
    v.close();
    await until(async () => (await row(chatId)).left_deadline_at !== null);
    await expire(chatId, 'left_deadline_at');
    await t.runtime.timers.tick();
    await t.runtime.timers.tick();
    const after = await row(chatId);
    expect(after).toMatchObject({
      mode: 'nrt',
      visitor_present: false,
      left_deadline_at: null,
      status: 'active',
    });
    expect(after.close_deadline_at).not.toBeNull();
    const upsert = await agent.next('chat.upsert', (f) => f.chat.id === chatId && f.chat.mode === 'nrt');
    expect(upsert.chat.visitorPresent).toBe(false);
    const events = await agent.untilTranscript(chatId, (e) => e.some((x) => x.type === 'visitor_left'));
    expect(events.filter((e) => e.type === 'visitor_left')).toHaveLength(1);

    // The agent answers while the visitor is away.
    const m = cid();
    agent.send({ type: 'message.send', chatId, cid: m, text: 'Here is your answer' });
    await agent.next('ack', (f) => f.cid === m);

    // Next visit: the chat is still theirs, the answer is there, they are back (live again).
    const back = await visitor(token, have);
    expect(back.welcome.chats.map((c) => c.id)).toContain(chatId);
    const seen = await back.v.untilTranscript(chatId, (e) => e.some((x) => x.text === 'Here is your answer'));
    expect(seen.some((e) => e.type === 'visitor_returned') || (await row(chatId)).visitor_present).toBe(true);
    await until(async () => (await row(chatId)).mode === 'live');
    expect(back.v.problems).toEqual([]);
    back.v.close();
  });

  it('closes a chat after the visitor stayed away, with the closing text', async () => {
    const { v, token, chatId } = await chat();
    v.close();
    await until(async () => (await row(chatId)).left_deadline_at !== null);
    await expire(chatId, 'left_deadline_at');
    await t.runtime.timers.tick();
    await until(async () => (await row(chatId)).close_deadline_at !== null);
    await expire(chatId, 'close_deadline_at');
    await t.runtime.timers.tick();
    await until(async () => (await row(chatId)).status === 'closed');
    expect(await row(chatId)).toMatchObject({ closed_by: 'system', close_deadline_at: null });
    const events = await agent.untilTranscript(chatId, (e) => e.some((x) => x.type === 'closed'));
    expect(events.find((e) => e.type === 'closed')!.data).toEqual({ by: 'system', reason: 'inactive' });
    // The visitor still sees how it ended on the next visit.
    const again = await visitor(token);
    expect(again.welcome.chats.find((c) => c.id === chatId)?.status).toBe('closed');
    again.v.close();
  });

  it('does not mark a visitor as left while another tab is still open', async () => {
    const { v, token, chatId } = await chat();
    const second = await visitor(token);
    const { visitor_id } = await row(chatId);
    const closed = recordEvents(t.runtime.app.events, 'visitor.socket_closed');
    v.close();
    // The server has handled the close (the grace period started, then it said so) ...
    await eventually('the closed tab to be handled', () => closed.some((e) => e.visitorId === visitor_id));
    // ... and the other tab answers "still here": the deadline is cleared.
    await until(async () => (await row(chatId)).left_deadline_at === null);
    expect((await row(chatId)).visitor_present).toBe(true);
    second.v.close();
  });
});

describe('many messages at once (batched writes)', () => {
  it('stores a burst from both sides with resends: every message once, seqs gap-free, both sides agree', async () => {
    const { v, chatId } = await chat();
    // A console socket of its own, whose whole budget (60 frames: the sync, 50 messages, 9 resends) the burst uses.
    const agent = await WsClient.open<AgentServerFrame>(wsUrl(t.url, '/ws/agent'), {
      headers: { cookie: t.admin.cookie, origin: t.url },
    });
    await agent.next('welcome');
    agent.send({ type: 'sync', chatId, afterSeq: 0 });
    const sent: string[] = [];
    const cids: string[] = [];
    for (let i = 0; i < 50; i++) {
      const c = cid();
      cids.push(c);
      sent.push(`agent ${i}`);
      agent.send({ type: 'message.send', chatId, cid: c, text: `agent ${i}` });
      if (i % 6 === 0) agent.send({ type: 'message.send', chatId, cid: c, text: `agent ${i}` }); // resend
      if (i % 2 === 0) {
        const vc = cid();
        sent.push(`visitor ${i}`);
        v.send({ type: 'message.send', chatId, cid: vc, text: `visitor ${i}` });
      }
    }
    const texts = (e: ChatEvent[]) => e.filter((x) => x.type === 'text').map((x) => x.text);
    const seen = await agent.untilTranscript(chatId, (e) => texts(e).length >= sent.length + 1, 10_000);
    expect(
      texts(seen)
        .filter((t) => t !== 'Hello')
        .sort(),
    ).toEqual([...sent].sort());
    expect(seen.map((e) => e.seq)).toEqual(seen.map((_, i) => i + 1));
    const agentOrder = texts(seen).filter((t) => t.startsWith('agent'));
    expect(agentOrder).toEqual(sent.filter((t) => t.startsWith('agent')));
    const visitorSide = await v.untilTranscript(chatId, (e) => e.length >= seen.length, 10_000);
    expect(visitorSide.map((e) => [e.seq, e.text])).toEqual(seen.map((e) => [e.seq, e.text]));
    expect(agent.problems).toEqual([]);
    expect(v.problems).toEqual([]);
    const acks = agent.frames.filter((f) => f.type === 'ack' && cids.includes(f.cid));
    expect(new Set(acks.map((f) => (f as { cid: string }).cid)).size).toBe(50);
    v.close();
    agent.close();
  });
});

describe('a socket sending several messages at once', () => {
  it('acks each in order; a close sent right after them comes after every one of them', async () => {
    const { v, chatId } = await chat();
    const cids: string[] = Array.from({ length: 8 }, () => cid());
    cids.forEach((c, i) => v.send({ type: 'message.send', chatId, cid: c, text: `last words ${i}` }));
    v.send({ type: 'message.send', chatId, cid: cids[3], text: 'last words 3' }); // a resend among them
    v.send({ type: 'chat.close', chatId });
    const events = await v.untilTranscript(chatId, (e) => e.some((x) => x.type === 'closed'));
    const words = events.filter((e) => e.type === 'text' && e.text.startsWith('last words'));
    expect(words.map((e) => e.text)).toEqual(cids.map((_, i) => `last words ${i}`));
    const closedAt = events.findIndex((e) => e.type === 'closed');
    expect(events.indexOf(words.at(-1)!)).toBeLessThan(closedAt);
    const acks = v.frames.filter((f) => f.type === 'ack' && cids.includes(f.cid)) as {
      cid: string;
      seq: number;
    }[];
    expect(acks.map((a) => a.cid)).toEqual([...cids, cids[3]]);
    expect(acks.at(-1)!.seq).toBe(acks[3]!.seq); // the resend got the original's seq
    expect(acks.slice(0, 8).map((a) => a.seq)).toEqual(words.map((e) => e.seq));
    expect(v.frames.filter((f) => f.type === 'error')).toEqual([]);
    expect(v.problems).toEqual([]);
    v.close();
  });
});

describe('CON-7 files both ways', () => {
  const png = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    'base64',
  );
  const form = (data: Uint8Array, name: string) => {
    const f = new FormData();
    f.append('file', new Blob([new Uint8Array(data)]), name);
    return f;
  };

  it('a visitor sends an image and the agent a PDF; both arrive as file messages served safely', async () => {
    const { v, token, chatId } = await chat();
    const up = await fetch(`${t.url}/widget/files?chatId=${chatId}`, {
      method: 'POST',
      headers: { 'x-visitor-token': token },
      body: form(png, 'screenshot.png'),
    });
    expect(up.status).toBe(201);
    const events = await agent.untilTranscript(chatId, (e) => e.some((x) => x.type === 'file'));
    const image = events.find((e) => e.type === 'file')!;
    expect(image.file).toMatchObject({ name: 'screenshot.png', contentType: 'image/png', size: png.length });
    const served = await fetch(t.url + image.file!.url);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');

    const pdf = new TextEncoder().encode('%PDF-1.4\n%fake');
    const sent = await t.admin.request('POST', `/api/chats/${chatId}/files`, form(pdf, 'invoice.pdf'));
    expect(sent.status).toBe(201);
    const seen = await v.untilTranscript(chatId, (e) => e.some((x) => x.file?.name === 'invoice.pdf'));
    const doc = seen.find((e) => e.file?.name === 'invoice.pdf')!;
    expect(doc.author).toBe('agent');
    const download = await fetch(t.url + doc.file!.url);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment/);
    expect(download.headers.get('content-type')).toBe('application/octet-stream');
    v.close();
  });

  it('takes a file whose name is over 200 characters, keeping its extension (issue 10.12)', async () => {
    const { v, token, chatId } = await chat();
    const name = `${'minutes of the meeting '.repeat(12)}.txt`;
    expect(name.length).toBeGreaterThan(250);
    const up = await fetch(`${t.url}/widget/files?chatId=${chatId}`, {
      method: 'POST',
      headers: { 'x-visitor-token': token },
      body: form(new TextEncoder().encode('notes'), name),
    });
    expect(up.status).toBe(201);
    const events = await agent.untilTranscript(chatId, (e) => e.some((x) => x.type === 'file'));
    const file = events.find((e) => e.type === 'file')!.file!;
    expect(file.name).toHaveLength(200);
    expect(file.name.endsWith('.txt')).toBe(true);
    expect(file.contentType).toBe('text/plain');
    v.close();
  });

  it('refuses scripts, oversized files, and uploads into chats that are not the visitor’s', async () => {
    const { v, token, chatId } = await chat();
    const html = await fetch(`${t.url}/widget/files?chatId=${chatId}`, {
      method: 'POST',
      headers: { 'x-visitor-token': token },
      body: form(new TextEncoder().encode('<script>alert(1)</script>'), 'page.html'),
    });
    expect(html.status).toBe(415);
    const big = await fetch(`${t.url}/widget/files?chatId=${chatId}`, {
      method: 'POST',
      headers: { 'x-visitor-token': token },
      body: form(new Uint8Array(10 * 1024 * 1024 + 1), 'big.txt'),
    });
    expect(big.status).toBe(413);
    // Another visitor with a chat of their own (a visitor with nothing kept yet is not known at all).
    const other = await chat();
    const foreign = await fetch(`${t.url}/widget/files?chatId=${chatId}`, {
      method: 'POST',
      headers: { 'x-visitor-token': other.token },
      body: form(png, 'x.png'),
    });
    expect(foreign.status).toBe(404);
    const anonymous = await fetch(`${t.url}/widget/files?chatId=${chatId}`, {
      method: 'POST',
      body: form(png, 'x.png'),
    });
    expect(anonymous.status).toBe(401);
    const stored = await db()
      .selectFrom('chat_events')
      .select('type')
      .where('chat_id', '=', chatId)
      .where('type', '=', 'file')
      .execute();
    expect(stored).toHaveLength(0);
    v.close();
    other.v.close();
  });
});
