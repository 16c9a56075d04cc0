// A load generator of bench/messages, in its own process (started by bench/messages.ts over IPC). Several of them
// drive a run (two by default, on both sides alike); each holds a share of the agents and every visitor whose
// chat went to one of them, so send, ack and delivery times of a message are read on one clock.
import { randomUUID } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import WebSocket from 'ws';
import type { ClientCommand, ClientEvent, PoisonStats, RunResult } from './lib/messages-ipc.js';
import { connect, nextFrame, open, opened, type Frame } from './lib/sockets.js';
import { summarize } from './lib/stats.js';

type Chat = {
  idx: number;
  visitor: WebSocket;
  chatId: string;
  /** Index of the agent socket the chat was assigned to (learned from chat.upsert on the product). */
  agent: number;
  visitorJoined: boolean;
  inFlight: number;
  /** Token bucket of the saturation phase's per-socket pacing. */
  tokens: number;
  tokensAt: number;
  timer?: NodeJS.Timeout;
  /** The cid of this chat's latest acked message (the poison visitor replays it into this chat). */
  lastCid?: string;
};

const FILLER = ' Hi, I have a question about my order. Could you help me with the delivery date, please?';

let chats: Chat[] = [];
const chatById = new Map<string, Chat>();
/** Indexed by the agent's global index (this generator holds some of them). */
const agents: WebSocket[] = [];
/** Visitors whose chat went to another generator's agent: their old sockets close without counting as errors. */
const released = new WeakSet<WebSocket>();
/** This generator's visitors before the handover: chat id → socket and token. */
const startedVisitors = new Map<string, { chat: Chat; token: string }>();
/** Per chat: the last seq the agent socket received, to check order and exactly-once. */
const agentSeq = new Map<string, number>();
const agentJoined = new Set<string>();

// Per message n (global counter): when sent, acked, delivered; which chat; how often delivered.
const sentAt: number[] = [];
const ackAt: number[] = [];
const deliveredAt: number[] = [];
const deliveries: number[] = [];
const chatOf: number[] = [];
const byCid = new Map<string, number>();

let errors = 0;
const errorSamples: string[] = [];
let running = false;
let mode: 'steady' | 'saturation' = 'steady';
let sendUntil = 0;
let window = 1;
let pace: { rate: number; burst: number } | null = null;
/** How often the pacing held a saturation send back (so the per-socket limit was what bound the rate). */
let paced = 0;
let lastProgress = 0;
let phaseCount = 0;

function problem(msg: string) {
  errors++;
  if (errorSamples.length < 10) errorSamples.push(msg);
}

function emit(e: ClientEvent) {
  process.send!(e);
}

function send(chat: Chat) {
  const n = sentAt.length;
  const cid = randomUUID();
  byCid.set(cid, n);
  chatOf.push(chat.idx);
  deliveries.push(0);
  ackAt.push(NaN);
  deliveredAt.push(NaN);
  sentAt.push(performance.now());
  chat.inFlight++;
  chat.visitor.send(
    JSON.stringify({ type: 'message.send', chatId: chat.chatId, cid, text: `#${n}${FILLER}` }),
  );
}

function onAck(chat: Chat, cid: string) {
  const n = byCid.get(cid);
  if (n === undefined) return; // chat.start's ack
  byCid.delete(cid);
  chat.lastCid = cid;
  ackAt[n] = performance.now();
  chat.inFlight--;
  lastProgress = performance.now();
  more(chat);
}

/**
 * Saturation: keep `window` messages in flight per chat, within the per-socket frame budget when one is
 * given (the product answers frames over its limit with rate_limited errors instead of storing them).
 */
function more(chat: Chat) {
  if (!running || mode !== 'saturation') return;
  while (chat.inFlight < window && performance.now() < sendUntil) {
    if (pace) {
      const now = performance.now();
      chat.tokens = Math.min(pace.burst, chat.tokens + ((now - chat.tokensAt) / 1000) * pace.rate);
      chat.tokensAt = now;
      if (chat.tokens < 1) {
        paced++;
        if (!chat.timer)
          chat.timer = setTimeout(
            () => {
              chat.timer = undefined;
              more(chat);
            },
            ((1 - chat.tokens) / pace.rate) * 1000,
          );
        return;
      }
      chat.tokens--;
    }
    send(chat);
  }
}

type EventFrame = {
  type: 'chat.event';
  chatId: string;
  event: { seq: number; type: string; author: string; text: string };
};

function onVisitorFrame(chat: Chat, raw: WebSocket.RawData) {
  const text = String(raw);
  // The visitor's own messages come back as chat.events: only the setup needs them.
  if (chat.visitorJoined && text.startsWith('{"type":"chat.event"')) return;
  const f = JSON.parse(text) as Frame;
  switch (f.type) {
    case 'ack':
      return onAck(chat, f.cid as string);
    case 'chat.event':
      if ((f as unknown as EventFrame).event.type === 'agent_joined') chat.visitorJoined = true;
      return;
    case 'error': {
      problem(`visitor ${chat.idx}: ${f.code} ${f.message}`);
      const n = byCid.get(f.cid as string);
      if (n !== undefined) {
        byCid.delete(f.cid as string);
        chat.inFlight--;
        more(chat);
      }
      return;
    }
  }
}

function onAgentFrame(agentIdx: number, raw: WebSocket.RawData) {
  const f = JSON.parse(String(raw)) as Frame;
  switch (f.type) {
    case 'chat.event': {
      const { chatId, event } = f as unknown as EventFrame;
      const last = agentSeq.get(chatId) ?? 0;
      if (event.seq !== last + 1)
        problem(`agent ${agentIdx}, chat ${chatId}: seq ${event.seq} after ${last}`);
      agentSeq.set(chatId, Math.max(last, event.seq));
      if (event.type === 'agent_joined') agentJoined.add(chatId);
      if (event.type !== 'text' || event.author !== 'visitor' || event.text[0] !== '#') return;
      const n = parseInt(event.text.slice(1), 10);
      const chat = chats[chatOf[n]!];
      if (!chat || chat.chatId !== chatId || chat.agent !== agentIdx) {
        problem(`message #${n} delivered to the wrong chat or agent`);
        return;
      }
      if (deliveries[n]!++ === 0) deliveredAt[n] = lastProgress = performance.now();
      return;
    }
    case 'chat.upsert': {
      const id = (f.chat as { id: string }).id;
      const chat = chatById.get(id);
      if (chat) chat.agent = agentIdx;
      if (!agentSeq.has(id)) {
        agentSeq.set(id, 0);
        agents[agentIdx]!.send(JSON.stringify({ type: 'sync', chatId: id, afterSeq: 0 }));
      }
      pendingAgentOf.set(id, agentIdx);
      return;
    }
    case 'chat.removed':
      problem(`agent ${agentIdx}: chat ${String(f.chatId)} removed`);
      return;
    case 'error':
      problem(`agent ${agentIdx}: ${f.code} ${f.message}`);
      return;
  }
}
/** chat.upsert can arrive before the visitor's ack tells us the chat id. */
const pendingAgentOf = new Map<string, number>();

async function inBatches(count: number, limit: number, fn: (i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, count) }, async () => {
      while (next < count) await fn(next++);
    }),
  );
}

function watchCloses(ws: WebSocket, who: string) {
  ws.on('close', (code, reason) => {
    if (!closing && !released.has(ws)) problem(`${who} closed: ${code} ${String(reason)}`);
  });
  ws.on('error', (err) => problem(`${who}: ${err.message}`));
}
let closing = false;

async function setup(c: Extract<ClientCommand, { cmd: 'setup' }>) {
  const ws = c.url.replace(/^http/, 'ws');
  if (c.target === 'relay') {
    for (const i of c.agentIds) {
      const a = await open(`${ws}/agent?id=${i}`);
      a.on('message', (raw) => onAgentFrame(i, raw));
      watchCloses(a, `agent ${i}`);
      agents[i] = a;
    }
    await inBatches(c.chatIds.length, 100, async (k) => {
      const i = c.chatIds[k]!;
      const chatId = randomUUID();
      const agent = i % c.agents;
      const v = await open(`${ws}/visitor?agent=${agent}&chat=${chatId}`);
      const chat: Chat = {
        idx: k,
        visitor: v,
        chatId,
        agent,
        visitorJoined: true,
        inFlight: 0,
        tokens: 0,
        tokensAt: 0,
      };
      chats[k] = chat;
      chatById.set(chatId, chat);
      agentSeq.set(chatId, 0);
      v.on('message', (raw) => onVisitorFrame(chat, raw));
      watchCloses(v, `visitor ${i}`);
    });
    return;
  }

  for (const { idx: i, cookie } of c.agentCookies) {
    const a = connect(`${ws}/ws/agent`, { cookie, origin: c.url });
    // Other generators' visitors may already be starting chats: this agent's frames can come at once.
    agents[i] = a;
    const welcome = nextFrame(a, `agent ${i}'s welcome`, (f) => f.type === 'welcome');
    a.on('message', (raw) => onAgentFrame(i, raw));
    watchCloses(a, `agent ${i}`);
    await opened(a);
    await welcome;
  }
  await inBatches(c.chats, 50, async (i) => {
    const v = await open(`${ws}/ws/visitor?site=${c.siteId}`, { origin: 'http://localhost' });
    const chat: Chat = {
      idx: i,
      visitor: v,
      chatId: '',
      agent: -1,
      visitorJoined: false,
      inFlight: 0,
      tokens: 0,
      tokensAt: 0,
    };
    chats[i] = chat;
    v.on('message', (raw) => onVisitorFrame(chat, raw));
    watchCloses(v, `visitor ${i}`);
    const welcome = nextFrame(v, `visitor ${i}'s welcome`, (f) => f.type === 'welcome' || f.type === 'error');
    v.send(JSON.stringify({ type: 'hello', page: { url: 'http://localhost/pricing', title: 'Pricing' } }));
    const w = await welcome;
    if (w.type !== 'welcome') throw new Error(`visitor ${i}: ${JSON.stringify(w)}`);
    const cid = randomUUID();
    const acked = nextFrame(
      v,
      `visitor ${i}'s ack`,
      (f) => (f.type === 'ack' || f.type === 'error') && f.cid === cid,
    );
    v.send(JSON.stringify({ type: 'chat.start', cid, text: 'Hello' }));
    const ack = await acked;
    if (ack.type !== 'ack') throw new Error(`visitor ${i}: ${JSON.stringify(ack)}`);
    chat.chatId = ack.chatId as string;
    chatById.set(chat.chatId, chat);
    chat.agent = pendingAgentOf.get(chat.chatId) ?? -1;
    startedVisitors.set(chat.chatId, { chat, token: w.token as string });
    v.send(JSON.stringify({ type: 'sync', chatId: chat.chatId, afterSeq: 0 }));
  });
}

/** A visitor whose chat went to one of this generator's agents comes back here with its token. */
async function adopt(c: Extract<ClientCommand, { cmd: 'adopt' }>) {
  const url = `${c.url.replace(/^http/, 'ws')}/ws/visitor?site=${c.siteId}`;
  await inBatches(c.chats.length, 50, async (k) => {
    const { chatId, token, agent } = c.chats[k]!;
    const v = await open(url, { origin: 'http://localhost' });
    const chat: Chat = {
      idx: -1,
      visitor: v,
      chatId,
      agent,
      visitorJoined: false,
      inFlight: 0,
      tokens: 0,
      tokensAt: 0,
    };
    chats.push(chat);
    chatById.set(chatId, chat);
    v.on('message', (raw) => onVisitorFrame(chat, raw));
    watchCloses(v, `visitor of chat ${chatId}`);
    const welcome = nextFrame(
      v,
      `visitor ${chatId}'s welcome`,
      (f) => f.type === 'welcome' || f.type === 'error',
    );
    v.send(JSON.stringify({ type: 'hello', token, chats: [{ chatId, afterSeq: 0 }] }));
    const w = await welcome;
    if (w.type !== 'welcome') throw new Error(`visitor of chat ${chatId}: ${JSON.stringify(w)}`);
  });
}

/** Drops the visitors another generator took over; every chat left is this generator's on both sides. */
async function release(c: Extract<ClientCommand, { cmd: 'release' }>) {
  const gone = new Set(c.chatIds);
  for (const id of gone) {
    const v = startedVisitors.get(id);
    if (!v) continue;
    released.add(v.chat.visitor);
    v.chat.visitor.close();
    chatById.delete(id);
  }
  chats = chats.filter((ch) => !gone.has(ch.chatId));
  chats.forEach((ch, i) => (ch.idx = i));
  for (const ch of chats) if (ch.agent < 0) ch.agent = pendingAgentOf.get(ch.chatId) ?? -1;
  // Every chat assigned, and both sides have its transcript up to the agent joining.
  const deadline = Date.now() + 300_000;
  for (;;) {
    const waiting = chats.filter((ch) => !ch.visitorJoined || !agentJoined.has(ch.chatId) || ch.agent < 0);
    if (waiting.length === 0) break;
    if (Date.now() > deadline) throw new Error(`${waiting.length} chats never got assigned and synced`);
    await new Promise((r) => setTimeout(r, 50));
  }
  if (c.poison) await setUpPoisoner(`${c.url!.replace(/^http/, 'ws')}/ws/visitor?site=${c.siteId}`);
}

// ---------------------------------------------------------------------------------------- the poison visitor
// One anonymous visitor sending, within its frame budget, what a hostile page can: messages to the chat it has
// closed, to other visitors' chats (with fresh cids, and with the cid of their latest message), to chats that do
// not exist, and text with NUL or an unpaired surrogate. Everything but the last two reaches the batched writer
// alongside everyone else's messages; the other chats' latency is what is measured meanwhile.

const POISON_KINDS = [
  'closed chat',
  'foreign chat',
  'stolen cid',
  'unknown chat',
  'NUL',
  'lone surrogate',
] as const;
type PoisonKind = (typeof POISON_KINDS)[number];

type Poisoner = {
  url: string;
  ws: WebSocket;
  token: string;
  closedChatId: string;
  kindOf: Map<string, PoisonKind>;
  stats: PoisonStats;
  n: number;
};
let poisoner: Poisoner | undefined;

/** Opens the poison visitor's socket (again, with its token, after the server closed it for bad frames). */
async function poisonSocket(url: string, token?: string): Promise<{ ws: WebSocket; token: string }> {
  const ws = await open(url, { origin: 'http://localhost' });
  const welcome = nextFrame(ws, "the poison visitor's welcome", (f) => f.type === 'welcome');
  ws.send(JSON.stringify({ type: 'hello', ...(token ? { token } : {}) }));
  const w = await welcome;
  return { ws, token: token ?? (w.token as string) };
}

function listenPoison(p: Poisoner) {
  p.ws.on('message', (raw) => {
    const f = JSON.parse(String(raw)) as Frame;
    const kind = typeof f.cid === 'string' ? p.kindOf.get(f.cid) : undefined;
    if (!kind || (f.type !== 'ack' && f.type !== 'error')) return;
    p.kindOf.delete(f.cid as string);
    const answers = p.stats.byKind[kind]!;
    const answer = f.type === 'ack' ? 'ack' : (f.code as string);
    answers[answer] = (answers[answer] ?? 0) + 1;
  });
  p.ws.on('close', () => {
    if (closing) return;
    // Closed for too many bad frames: come back, as a hostile client would.
    void poisonSocket(p.url, p.token).then(({ ws }) => {
      p.ws = ws;
      p.stats.reconnects++;
      listenPoison(p);
    });
  });
  p.ws.on('error', () => {});
}

async function setUpPoisoner(url: string) {
  const { ws, token } = await poisonSocket(url);
  const start = randomUUID();
  const acked = nextFrame(ws, "the poison visitor's chat", (f) => f.type === 'ack' && f.cid === start);
  ws.send(JSON.stringify({ type: 'chat.start', cid: start, text: 'Hello' }));
  const chatId = (await acked).chatId as string;
  const closed = nextFrame(
    ws,
    "the poison visitor's closed chat",
    (f) => f.type === 'chat.state' && (f.chat as { status: string }).status === 'closed',
  );
  ws.send(JSON.stringify({ type: 'chat.close', chatId }));
  await closed;
  poisoner = { url, ws, token, closedChatId: chatId, kindOf: new Map(), stats: freshPoisonStats(), n: 0 };
  listenPoison(poisoner);
}

function freshPoisonStats(): PoisonStats {
  return { sent: 0, reconnects: 0, byKind: Object.fromEntries(POISON_KINDS.map((k) => [k, {}])) };
}

function sendPoison(p: Poisoner) {
  if (p.ws.readyState !== WebSocket.OPEN) return;
  const kind = POISON_KINDS[p.n % POISON_KINDS.length]!;
  const victim = chats[p.n % chats.length]!;
  p.n++;
  const cid = kind === 'stolen cid' && victim.lastCid ? victim.lastCid : randomUUID();
  const chatId =
    kind === 'foreign chat' || kind === 'stolen cid'
      ? victim.chatId
      : kind === 'unknown chat'
        ? randomUUID()
        : p.closedChatId;
  const text = kind === 'NUL' ? 'poison\u0000' : kind === 'lone surrogate' ? 'poison\ud800' : 'poison';
  p.kindOf.set(cid, kind);
  p.stats.sent++;
  p.ws.send(JSON.stringify({ type: 'message.send', chatId, cid, text }));
}

/** The answers per kind, with the messages no answer came for counted as `none`. */
function poisonResult(p: Poisoner): PoisonStats {
  const sentOf = new Map<string, number>();
  for (let i = 0; i < p.stats.sent; i++) {
    const k = POISON_KINDS[i % POISON_KINDS.length]!;
    sentOf.set(k, (sentOf.get(k) ?? 0) + 1);
  }
  for (const [k, answers] of Object.entries(p.stats.byKind)) {
    const answered = Object.values(answers).reduce((a, b) => a + b, 0);
    const none = (sentOf.get(k) ?? 0) - answered;
    if (none > 0) answers.none = none;
  }
  return p.stats;
}

async function run(c: Extract<ClientCommand, { cmd: 'run' }>): Promise<RunResult> {
  // A steady tick of an earlier phase may still be pending when the next phase moves `sendUntil`: it stops.
  const phaseId = ++phaseCount;
  const first = sentAt.length;
  const errorsBefore = errors;
  const samplesBefore = errorSamples.length;
  mode = c.mode;
  running = true;
  const t0 = performance.now();
  const wStart = t0 + c.warmupMs;
  const wEnd = wStart + c.durationMs;
  sendUntil = wEnd;
  const loop = monitorEventLoopDelay({ resolution: 10 });
  let cpu0 = process.cpuUsage();
  setTimeout(() => {
    cpu0 = process.cpuUsage();
    loop.enable();
    emit({ ev: 'measure-start' });
  }, c.warmupMs);
  const measured = new Promise<{ cpu: number; loopP99: number }>((resolve) =>
    setTimeout(() => {
      emit({ ev: 'measure-end' });
      const used = process.cpuUsage(cpu0);
      loop.disable();
      resolve({ cpu: (used.user + used.system) / 1000 / c.durationMs, loopP99: loop.percentile(99) / 1e6 });
    }, c.warmupMs + c.durationMs),
  );

  const p = c.poisonRate ? poisoner : undefined;
  if (p) {
    p.stats = freshPoisonStats();
    p.n = 0;
    const every = 1000 / c.poisonRate!;
    const tick = () => {
      if (phaseId !== phaseCount || performance.now() >= sendUntil) return;
      sendPoison(p);
      setTimeout(tick, every);
    };
    tick();
  }
  if (c.mode === 'steady') {
    const period = 1000 / c.rate;
    for (const chat of chats) {
      const tick = () => {
        if (phaseId !== phaseCount || performance.now() >= sendUntil) return;
        send(chat);
        setTimeout(tick, period * (0.5 + Math.random()));
      };
      setTimeout(tick, Math.random() * period);
    }
  } else {
    window = c.window;
    pace = c.pace;
    paced = 0;
    for (const chat of chats) {
      chat.tokens = pace?.burst ?? 0;
      chat.tokensAt = performance.now();
      more(chat);
    }
  }
  const client = await measured;

  // Drain: every message sent must be acked and delivered exactly once. An overloaded server may take long
  // to work off its backlog; give up only when nothing has moved for `drainMs`.
  const drainStart = performance.now();
  lastProgress = drainStart;
  let pendingFrom = first;
  const done = () => {
    while (pendingFrom < sentAt.length && ackAt[pendingFrom]! >= 0 && deliveries[pendingFrom]! > 0)
      pendingFrom++;
    for (let n = pendingFrom; n < sentAt.length; n++)
      if (!(ackAt[n]! >= 0) || deliveries[n] === 0) return false;
    return true;
  };
  while (!done() && performance.now() - lastProgress < c.drainMs && performance.now() - drainStart < 600_000)
    await new Promise((r) => setTimeout(r, 100));
  const drainS = (performance.now() - drainStart) / 1000;
  await new Promise((r) => setTimeout(r, 200)); // late duplicates would show up here
  running = false;

  const ackLat: number[] = [];
  const delLat: number[] = [];
  let sentIn = 0;
  let deliveredIn = 0;
  let acked = 0;
  let delivered = 0;
  let duplicates = 0;
  for (let n = first; n < sentAt.length; n++) {
    const s = sentAt[n]!;
    const inWindow = s >= wStart && s < wEnd;
    if (inWindow) sentIn++;
    if (ackAt[n]! >= 0) {
      acked++;
      if (inWindow) ackLat.push(ackAt[n]! - s);
    }
    if (deliveries[n]! > 0) {
      delivered++;
      if (inWindow) delLat.push(deliveredAt[n]! - s);
      if (deliveredAt[n]! >= wStart && deliveredAt[n]! < wEnd) deliveredIn++;
    }
    if (deliveries[n]! > 1) duplicates++;
  }
  if (process.env.BENCH_DEBUG && c.mode === 'steady') {
    // Where the slow acks were: per 100 ms of the measured window, how many took over 30 ms.
    const slow = new Map<number, number>();
    for (let n = first; n < sentAt.length; n++) {
      const s = sentAt[n]!;
      if (s < wStart || s >= wEnd || !(ackAt[n]! - s > 30)) continue;
      const b = Math.floor((s - wStart) / 100);
      slow.set(b, (slow.get(b) ?? 0) + 1);
    }
    const wallStart = new Date(Date.now() - (performance.now() - wStart)).toISOString();
    console.error(
      `slow acks by 100 ms bucket from ${wallStart}:`,
      JSON.stringify([...slow].sort((a, b) => a[0] - b[0])),
    );
  }
  const sent = sentAt.length - first;
  const lost = sent - delivered;
  const unacked = sent - acked;
  return {
    mode: c.mode,
    chats: chats.length,
    durationS: c.durationMs / 1000,
    deliveredPerS: deliveredIn / (c.durationMs / 1000),
    sentPerS: sentIn / (c.durationMs / 1000),
    ack: summarize(ackLat),
    delivery: summarize(delLat),
    sent,
    acked,
    delivered,
    duplicates,
    lost,
    unacked,
    errors: errors - errorsBefore + duplicates + lost + unacked,
    errorSamples: errorSamples.slice(samplesBefore),
    clientCpu: client.cpu,
    clientLoopP99Ms: client.loopP99,
    drainS,
    paced: c.mode === 'saturation' ? paced : 0,
    ...(p ? { poison: poisonResult(p) } : {}),
    raw: { ack: ackLat, delivery: delLat },
  };
}

process.on('message', (msg: ClientCommand) => {
  const handle = async () => {
    switch (msg.cmd) {
      case 'setup': {
        const t = performance.now();
        await setup(msg);
        if (msg.target === 'relay') emit({ ev: 'ready', setupMs: performance.now() - t });
        else
          emit({
            ev: 'started',
            visitors: [...startedVisitors].map(([chatId, v]) => ({ chatId, token: v.token })),
          });
        return;
      }
      case 'assignments':
        emit({ ev: 'assignments', agentOf: Object.fromEntries(pendingAgentOf) });
        return;
      case 'adopt':
        await adopt(msg);
        emit({ ev: 'adopted' });
        return;
      case 'release': {
        const t = performance.now();
        await release(msg);
        emit({ ev: 'ready', setupMs: performance.now() - t });
        return;
      }
      case 'run':
        emit({ ev: 'result', result: await run(msg) });
        return;
      case 'close':
        closing = true;
        for (const ch of chats) ch.visitor.close();
        poisoner?.ws.close();
        for (const a of agents) a?.close();
        setTimeout(() => process.exit(0), 500);
        return;
    }
  };
  handle().catch((err: unknown) =>
    emit({ ev: 'failed', message: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
  );
});
