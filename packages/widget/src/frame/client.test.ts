import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import WebSocket, { WebSocketServer, type WebSocket as ServerSocket } from 'ws';
import type {
  ChatEvent,
  VisitorChatView,
  VisitorClientFrame,
  VisitorServerFrame,
  WidgetConfig,
} from '@parley/protocol';
import { Client, type Host } from './client';

// The widget's socket client against a real WebSocket server in this process (the `ws` package on both
// sides): hello and resume, reconnecting with growing backoff, resending what was not acknowledged (same
// cids, in order), merging events by seq, and syncing what it is missing. The server here is scripted by
// each test: it plays the Parley gateway's part of the protocol.

type Sent = Exclude<VisitorClientFrame, string>;

/** One socket the client opened, with every frame it sent and a way to wait for the next one. */
class Conn {
  frames: Sent[] = [];
  private waiters: { pred: (f: Sent) => boolean; resolve: (f: Sent) => void }[] = [];
  constructor(readonly ws: ServerSocket) {
    ws.on('message', (raw) => {
      const f = JSON.parse(String(raw)) as Sent;
      this.frames.push(f);
      for (const w of [...this.waiters])
        if (w.pred(f)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(f);
        }
    });
  }
  next<T extends Sent['type']>(
    type: T,
    pred: (f: Extract<Sent, { type: T }>) => boolean = () => true,
  ): Promise<Extract<Sent, { type: T }>> {
    const match = (f: Sent) => f.type === type && pred(f as Extract<Sent, { type: T }>);
    const seen = this.frames.find(match);
    if (seen) return Promise.resolve(seen as Extract<Sent, { type: T }>);
    return new Promise((resolve) => this.waiters.push({ pred: match, resolve: (f) => resolve(f as never) }));
  }
  send(f: VisitorServerFrame): void {
    this.ws.send(JSON.stringify(f));
  }
  /** What the client sent after its hello (or after a given index), without `read` receipts. */
  sentSince(i = 0): Sent[] {
    return this.frames.slice(i).filter((f) => f.type !== 'read');
  }
}

let server: WebSocketServer;
let conns: Conn[];
let connWaiters: (() => void)[];
let clients: Client[];
const hostLog: string[] = [];

/** Waits until the client has opened its n-th socket (1-based). */
async function connection(n: number): Promise<Conn> {
  while (conns.length < n) await new Promise<void>((r) => connWaiters.push(r));
  return conns[n - 1]!;
}

/** Waits (on the client's own change notifications) until its state satisfies `pred`. */
function until(client: Client, pred: (c: Client) => boolean): Promise<void> {
  if (pred(client)) return Promise.resolve();
  return new Promise((resolve) => {
    const off = client.subscribe(() => {
      if (pred(client)) {
        off();
        resolve();
      }
    });
  });
}

const host: Host = {
  token: (t) => hostLog.push(`token:${t}`),
  unread: (n) => hostLog.push(`unread:${n}`),
  chat: (a) => hostLog.push(`chat:${a}`),
  minimize: () => hostLog.push('minimize'),
  event: (name, detail) => hostLog.push(`event:${name}:${JSON.stringify(detail)}`),
  loadRecorder: () => hostLog.push('loadRecorder'),
  recorder: (m) => hostLog.push(`recorder:${JSON.stringify(m)}`),
};

const config = {
  siteId: crypto.randomUUID(),
  texts: {
    errorGeneric: 'Error',
    chatEnded: 'Ended',
    busy: 'Busy',
    fileTooLarge: 'Too large',
    offlineTooLong: 'Too long',
    surveyClosed: 'Survey closed',
  },
  prechat: { enabled: false, text: '', buttonText: '', mode: 'first_time' },
  attachmentMaxBytes: 1024,
  agentsAvailable: true,
} as unknown as WidgetConfig;
/** What `/widget/config` answers when a new chat asks whether anybody can take it (INV-1). */
let availableNow = true;
const configAsks: string[] = [];

function newClient(token: string | null = null): Client {
  const c = new Client(config, config.siteId, host);
  clients.push(c);
  c.start(token, { url: 'http://shop.test/', title: 'Shop', referrer: '' }, true);
  return c;
}

/** The client has no stop(): end its socket and pending reconnect so the next test starts clean. */
function dispose(c: Client): void {
  const inner = c as unknown as {
    ws: WebSocket | null;
    welcomed: boolean;
    retry?: ReturnType<typeof setTimeout>;
    readTimer?: ReturnType<typeof setTimeout>;
    noticeTimer?: ReturnType<typeof setTimeout>;
    typingTimer?: ReturnType<typeof setTimeout>;
  };
  for (const t of [inner.retry, inner.readTimer, inner.noticeTimer, inner.typingTimer]) clearTimeout(t);
  inner.welcomed = false; // a message's retry timer still running sends nothing
  if (inner.ws) {
    inner.ws.onclose = null;
    inner.ws.onerror = () => {}; // closed while still connecting
    inner.ws.close();
  }
}

const welcome = (chats: VisitorChatView[] = [], token?: string): VisitorServerFrame => ({
  type: 'welcome',
  visitorId: crypto.randomUUID(),
  ...(token ? { token } : {}),
  chats,
  previousChats: chats.length,
});

const view = (id: string, lastSeq: number): VisitorChatView => ({
  id,
  status: 'active',
  mode: 'live',
  agent: null,
  queuePosition: null,
  offlineMessage: false,
  lastSeq,
  startedAt: new Date().toISOString(),
  closedAt: null,
  survey: null,
});

const event = (seq: number, text: string, author: ChatEvent['author'] = 'visitor'): ChatEvent => ({
  seq,
  type: 'text',
  author,
  authorName: author === 'visitor' ? 'You' : 'Ada',
  userId: null,
  text,
  file: null,
  data: {},
  createdAt: new Date().toISOString(),
});

/** The waits the client set before its next connection (its timers that call connect). */
const reconnectWaits = (timers: { mock: { calls: unknown[][] } }) =>
  timers.mock.calls.filter(([fn]) => String(fn).includes('this.connect()')).map(([, ms]) => ms);

const texts = (c: Client, chatId: string) => c.state.t.chats[chatId]?.events.map((e) => `${e.seq}:${e.text}`);

beforeEach(async () => {
  conns = [];
  connWaiters = [];
  clients = [];
  hostLog.length = 0;
  server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((r) => server.once('listening', () => r()));
  server.on('connection', (ws, req) => {
    expect(req.url).toBe(`/ws/visitor?site=${config.siteId}`);
    conns.push(new Conn(ws));
    for (const w of connWaiters.splice(0)) w();
  });
  const { port } = server.address() as AddressInfo;
  // The frame's browser globals: the page's address, a WebSocket (a real one: the `ws` client), storage.
  vi.stubGlobal('location', { protocol: 'http:', host: `127.0.0.1:${port}` });
  vi.stubGlobal('WebSocket', WebSocket);
  const events = new EventTarget();
  vi.stubGlobal('addEventListener', events.addEventListener.bind(events));
  const store = new Map<string, string>();
  vi.stubGlobal('localStorage', {
    getItem: (k: string) => store.get(k) ?? null,
    setItem: (k: string, v: string) => void store.set(k, v),
  });
  vi.stubGlobal('isSecureContext', true);
  availableNow = true;
  configAsks.length = 0;
  vi.stubGlobal('fetch', async (url: string) => {
    configAsks.push(url);
    return new Response(JSON.stringify({ ...config, agentsAvailable: availableNow }));
  });
});

afterEach(async () => {
  for (const c of clients) dispose(c);
  for (const ws of server.clients) ws.terminate();
  await new Promise((r) => server.close(r));
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('widget socket client', () => {
  it('says hello with its token and page, takes a new token from welcome and tells the page', async () => {
    const c = newClient('old-token');
    const s = await connection(1);
    expect(await s.next('hello')).toEqual({
      type: 'hello',
      token: 'old-token',
      page: { url: 'http://shop.test/', title: 'Shop', referrer: '' },
      chats: [],
    });
    expect(c.state.status).toBe('connecting');
    s.send(welcome([], 'new-token'));
    await until(c, (x) => x.state.status === 'online');
    expect(hostLog).toContain('token:new-token');
    // Nothing open yet: the page hears "no chat" once the server has spoken.
    expect(hostLog).toContain('chat:false');
  });

  it('sends nothing but hello before welcome; what the visitor wrote meanwhile goes after it, in order', async () => {
    const c = newClient();
    const s = await connection(1);
    await s.next('hello');
    c.send('first');
    c.send('second');
    expect(s.sentSince(1)).toEqual([]);
    s.send(welcome());
    const start = await s.next('chat.start');
    expect(start.text).toBe('first');
    // The second message waits for the chat to exist, then goes to it.
    const chatId = crypto.randomUUID();
    s.send({ type: 'ack', cid: start.cid, chatId, seq: 1 });
    const msg = await s.next('message.send');
    expect(msg).toMatchObject({ chatId, text: 'second' });
    expect(s.sentSince(1).map((f) => f.type)).toEqual(['chat.start', 'sync', 'message.send']);
  });

  it('tells the server when the visitor opens the window (chats viewed): after welcome, once per opening, not for a window restored open', async () => {
    const c = newClient(); // restored open on this page: not an opening
    const s = await connection(1);
    await s.next('hello');
    c.setOpen(true); // opened before the welcome (twice): told once, right after it
    c.setOpen(true);
    expect(s.sentSince(1)).toEqual([]);
    s.send(welcome());
    await s.next('window.opened');
    c.setOpen(false);
    c.setOpen(true);
    c.send('now');
    await s.next('chat.start');
    expect(s.sentSince(1).map((f) => f.type)).toEqual(['window.opened', 'window.opened', 'chat.start']);
  });

  it('INV-2: a new chat asks whether anybody can take it; nobody: the offline form, and offline.send', async () => {
    const c = newClient();
    const s = await connection(1);
    await s.next('hello');
    s.send(welcome());
    await vi.waitFor(() => expect(c.state.status).toBe('online'));
    availableNow = false;
    c.send('Are you there?');
    await vi.waitFor(() => expect(c.state.offlineDraft).toBe('Are you there?'));
    expect(configAsks).toEqual([`/widget/config?site=${config.siteId}&view=frame`]);
    expect(c.state.available).toBe(false);
    // Wrong fields: found here, nothing sent.
    expect(c.sendOffline({ name: '', email: 'nope', message: '' })).toBe(false);
    expect(c.state.offlineErrors).toEqual({
      email: 'offlineEmailInvalid',
      message: 'offlineMessageRequired',
    });
    expect(c.sendOffline({ name: 'Vera', email: 'vera@example.com', message: 'Are you there?' })).toBe(true);
    const sent = await s.next('offline.send');
    expect(sent).toMatchObject({ name: 'Vera', email: 'vera@example.com', message: 'Are you there?' });
    expect(s.sentSince(1).map((f) => f.type)).toEqual(['offline.send']);
    expect(c.state.offlineReply).toBe('email');
    s.send({ type: 'ack', cid: sent.cid, chatId: crypto.randomUUID(), seq: 2 });
    await vi.waitFor(() => expect(c.state.offlineDraft).toBeNull());
  });

  it('INV-2: nobody could take it after all (an agent went away since the page asked): the offline form with what was written', async () => {
    const c = newClient();
    const s = await connection(1);
    await s.next('hello');
    s.send(welcome());
    await vi.waitFor(() => expect(c.state.status).toBe('online'));
    c.send('Hello?');
    const start = await s.next('chat.start');
    c.send('Anyone there?');
    s.send({
      type: 'error',
      code: 'nobody_available',
      message: 'Nobody can take a chat right now; leave a message instead',
      cid: start.cid,
    });
    await vi.waitFor(() => expect(c.state.offlineDraft).toBe('Hello?\n\nAnyone there?'));
    expect(c.state.available).toBe(false);
    expect(c.state.t.pending).toEqual([]);
    // Not an error notice: the offline form is the answer.
    expect(c.state.notice).toBeNull();
    expect(c.sendOffline({ name: '', email: '', message: 'Hello? Anyone there?' })).toBe(true);
    expect(await s.next('offline.send')).toMatchObject({ message: 'Hello? Anyone there?' });
  });

  it('INV-7: a "start instantly" button starts the chat without a message; nobody there: the offline form; a chat going on: nothing', async () => {
    const c = newClient();
    const s = await connection(1);
    await s.next('hello');
    s.send(welcome());
    await until(c, (x) => x.state.status === 'online');
    c.startNow();
    const start = await s.next('chat.start');
    expect(start.text ?? '').toBe('');
    const chatId = crypto.randomUUID();
    s.send({ type: 'ack', cid: start.cid, chatId, seq: 1 });
    s.send({ type: 'chat.state', chat: view(chatId, 1) });
    await until(c, (x) => x.state.t.current === chatId);
    // Opened again by the same button while the chat goes on: no second chat.
    const asked = configAsks.length;
    c.startNow();
    await new Promise((r) => setTimeout(r, 20));
    expect(configAsks.length).toBe(asked);
    expect(s.frames.filter((f) => f.type === 'chat.start')).toHaveLength(1);

    const other = newClient();
    const s2 = await connection(2);
    await s2.next('hello');
    s2.send(welcome());
    await until(other, (x) => x.state.status === 'online');
    availableNow = false;
    other.startNow();
    await until(other, (x) => x.state.offlineDraft === '');
    expect(other.state.available).toBe(false);
    expect(s2.frames.filter((f) => f.type === 'chat.start')).toEqual([]);
  });

  it('INV-2: the server’s refusal of the offline form shows at its fields', async () => {
    const c = newClient();
    const s = await connection(1);
    await s.next('hello');
    s.send(welcome());
    await vi.waitFor(() => expect(c.state.status).toBe('online'));
    c.sendOffline({ name: '', email: '', message: 'Hi' });
    const sent = await s.next('offline.send');
    s.send({
      type: 'error',
      code: 'bad_frame',
      message: 'The offline form has errors',
      cid: sent.cid,
      fields: { message: 'offlineTooLong' },
    });
    await vi.waitFor(() => expect(c.state.offlineErrors).toEqual({ message: 'offlineTooLong' }));
    expect(c.state.t.pending).toEqual([]);
    expect(c.state.notice).toBeNull();
  });

  it('reconnects with a growing backoff while the server refuses to welcome it, from the start again after a welcome', async () => {
    // Jitter pinned to its middle, so each wait is exactly the backoff step; the steps are read from the
    // timers the client sets and checked against the real gaps between its connections (never shorter).
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    const timers = vi.spyOn(globalThis, 'setTimeout');
    const c = newClient();
    const opened: number[] = [];
    for (let n = 1; n <= 4; n++) {
      const s = await connection(n);
      opened.push(performance.now());
      await s.next('hello');
      if (n < 4) s.ws.close(); // no welcome: each try fails
    }
    expect(reconnectWaits(timers)).toEqual([500, 1000, 2000]);
    const gaps = opened.slice(1).map((t, i) => t - opened[i]!);
    expect(gaps[0]).toBeGreaterThanOrEqual(490);
    expect(gaps[1]).toBeGreaterThanOrEqual(990);
    expect(gaps[2]).toBeGreaterThanOrEqual(1990);

    // Welcomed: the next loss of the socket starts from the first step again.
    const s4 = await connection(4);
    s4.send(welcome());
    await until(c, (x) => x.state.status === 'online');
    timers.mockClear();
    s4.ws.close();
    await until(c, (x) => x.state.status === 'reconnecting');
    await (await connection(5)).next('hello');
    expect(reconnectWaits(timers)).toEqual([500]);
  });

  it('after the socket is lost, resumes its chats after what it holds and resends unacknowledged messages in order with the same cids', async () => {
    const c = newClient();
    const s1 = await connection(1);
    await s1.next('hello');
    s1.send(welcome());
    await until(c, (x) => x.state.status === 'online');
    c.send('hello there');
    const start = await s1.next('chat.start');
    const chatId = crypto.randomUUID();
    s1.send({ type: 'ack', cid: start.cid, chatId, seq: 1 });
    s1.send({ type: 'chat.state', chat: view(chatId, 2) });
    s1.send({ type: 'chat.event', chatId, event: event(1, 'hello there') });
    s1.send({ type: 'chat.event', chatId, event: event(2, 'Hi, Ada here', 'agent') });
    await until(c, (x) => x.state.t.chats[chatId]?.have === 2);

    // Three messages reach the server, which drops the socket before acknowledging any.
    c.send('one');
    c.send('two');
    c.send('three');
    await s1.next('message.send', (f) => f.text === 'three');
    const firstTry = s1.frames.filter((f) => f.type === 'message.send');
    s1.ws.terminate();
    await until(c, (x) => x.state.status === 'reconnecting');

    const s2 = await connection(2);
    // The hello says which chats it holds and up to which seq (the server resumes each after it).
    expect(await s2.next('hello')).toMatchObject({ chats: [{ chatId, afterSeq: 2 }] });
    expect(s2.sentSince(1)).toEqual([]);
    s2.send(welcome([view(chatId, 2)]));
    await s2.next('message.send', (f) => f.text === 'three');
    const again = s2.sentSince(1).filter((f) => f.type === 'message.send');
    expect(again).toEqual(firstTry);
    expect(again.map((f) => (f.type === 'message.send' ? f.text : ''))).toEqual(['one', 'two', 'three']);

    // Acknowledged and stored now: the pending ones settle, each shown once.
    again.forEach((f, i) => {
      if (f.type !== 'message.send') return;
      s2.send({ type: 'ack', cid: f.cid, chatId, seq: 3 + i });
      s2.send({ type: 'chat.event', chatId, event: event(3 + i, f.text) });
    });
    await until(c, (x) => x.state.t.pending.length === 0);
    expect(texts(c, chatId)).toEqual(['1:hello there', '2:Hi, Ada here', '3:one', '4:two', '5:three']);
  });

  it('keeps each event once by seq, in order, and asks for what is missing when it sees a gap', async () => {
    const c = newClient();
    const s = await connection(1);
    await s.next('hello');
    const chatId = crypto.randomUUID();
    // A chat the server knows and this frame does not: it syncs it from the start.
    s.send(welcome([view(chatId, 1)]));
    expect(await s.next('sync')).toEqual({ type: 'sync', chatId, afterSeq: 0 });
    s.send({ type: 'chat.event', chatId, event: event(1, 'a') });
    s.send({ type: 'chat.event', chatId, event: event(1, 'a') }); // the same event twice (resume and live)
    s.send({ type: 'chat.event', chatId, event: event(2, 'b', 'agent') });
    s.send({ type: 'chat.event', chatId, event: event(4, 'd', 'agent') }); // 3 is missing
    expect(await s.next('sync', (f) => f.afterSeq === 2)).toEqual({ type: 'sync', chatId, afterSeq: 2 });
    s.send({ type: 'chat.event', chatId, event: event(5, 'e', 'agent') }); // the same gap: not asked again
    s.send({ type: 'chat.event', chatId, event: event(3, 'c', 'agent') });
    await until(c, (x) => x.state.t.chats[chatId]?.have === 5);
    expect(texts(c, chatId)).toEqual(['1:a', '2:b', '3:c', '4:d', '5:e']);
    expect(s.frames.filter((f) => f.type === 'sync')).toHaveLength(2);
  });

  it('sends a message the server refused as too fast again, with the same cid, once it may', async () => {
    const c = newClient();
    const s = await connection(1);
    await s.next('hello');
    const chatId = crypto.randomUUID();
    s.send(welcome([view(chatId, 0)]));
    await until(c, (x) => x.state.t.current === chatId);
    c.send('quick');
    const first = await s.next('message.send');
    s.send({ type: 'error', code: 'rate_limited', message: 'Slow down', cid: first.cid });
    // The client's retry timer (about a second) fires: the same message goes again.
    const second = await s.next('message.send', (f) => f !== first);
    expect(second).toEqual(first);
    expect(c.state.notice).toBeNull(); // a retry is not an error for the visitor
    expect(c.state.t.pending.map((p) => p.cid)).toEqual([first.cid]);
  });

  it('after the server refused it for its address’s limits, says so and waits long before trying again', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    const timers = vi.spyOn(globalThis, 'setTimeout');
    const c = newClient();
    const s = await connection(1);
    await s.next('hello');
    s.send({ type: 'error', code: 'limit_reached', message: 'Too many' });
    await until(c, (x) => x.state.notice === 'Busy');
    s.ws.close();
    await until(c, (x) => x.state.status === 'reconnecting');
    expect(reconnectWaits(timers)).toEqual([30_000]);
    expect(conns).toHaveLength(1);
  });

  it('GOL-2: a rating chosen goes after a pause (the last of several), the sending at once; again after a reconnect until acked', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const c = newClient();
    const s = await connection(1);
    await s.next('hello');
    s.send(welcome());
    await until(c, (x) => x.state.status === 'online');
    const chatId = crypto.randomUUID();
    c.answerSurvey(chatId, 2, '', false);
    c.answerSurvey(chatId, 3, '', false);
    c.answerSurvey(chatId, 4, '', false);
    vi.advanceTimersByTime(700);
    const first = await s.next('survey.answer');
    expect(first).toMatchObject({ chatId, rating: 4, comment: '', sent: false });
    s.send({ type: 'ack', cid: first.cid, chatId, seq: 7 });
    c.answerSurvey(chatId, 5, 'Great', true);
    const sent = await s.next('survey.answer', (f) => f.sent === true);
    expect(sent).toMatchObject({ rating: 5, comment: 'Great' });
    expect(s.frames.filter((f) => f.type === 'survey.answer')).toHaveLength(2);
    vi.useRealTimers();

    // The ack is lost with the connection: the same answer (same cid) goes again after the welcome.
    s.ws.terminate();
    const again = await connection(2);
    await again.next('hello');
    again.send(welcome());
    expect(await again.next('survey.answer')).toEqual(sent);
    expect(c.state.surveySent).toBeNull();
    again.send({ type: 'ack', cid: sent.cid, chatId, seq: 8 });
    await until(c, (x) => x.state.surveySent === chatId);
  });

  it('GOL-2: a refused answer is said in the widget’s words', async () => {
    const c = newClient();
    const s = await connection(1);
    await s.next('hello');
    s.send(welcome());
    await until(c, (x) => x.state.status === 'online');
    const chatId = crypto.randomUUID();
    c.answerSurvey(chatId, 5, '', true);
    const f = await s.next('survey.answer');
    s.send({ type: 'error', code: 'survey_closed', message: 'This survey was sent already', cid: f.cid });
    await until(c, (x) => x.state.notice === 'Survey closed');
    expect(c.state.surveySent).toBeNull();
  });
});
