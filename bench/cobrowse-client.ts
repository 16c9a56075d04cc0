// The screen-sharing load of bench/cobrowse (TLS-5): one visitor shares a busy page. Over real sockets, as the
// widget and the console do: the visitor starts a chat on a site of its own (its campaign has Cobrowsing, its
// chats go to the bench admin), turns sharing on and sends a full snapshot; the admin's console watches the Screen
// share section. Then, until told to stop, the visitor sends the events of `mutations` DOM mutations per second
// in batches every `batchMs` (rrweb-shaped: each mutation event holds about 17 added, removed, changed nodes, one
// event per animation frame), cut in parts of COBROWSE_PART_MAX as the widget does. The console side counts what
// arrives and times each batch (its send time is in the events). Its own process, so its work does not share an
// event loop with the chats' load generator.
import WebSocket from 'ws';
import { cobrowseParts, type AgentServerFrame, type VisitorServerFrame } from '@parley/protocol';
import { summarize, type Summary } from './lib/stats.js';

type Command =
  | { cmd: 'setup'; url: string; siteId: string; host: string; cookie: string }
  | { cmd: 'start'; mutations: number; batchMs: number }
  | { cmd: 'stop' }
  | { cmd: 'close' };
export type StreamStats = {
  batchesSent: number;
  framesSent: number;
  bytesSent: number;
  mutationsPerS: number;
  bytesPerS: number;
  /** Batches the console received, and what of them. */
  batchesReceived: number;
  bytesReceived: number;
  /** Refused by the server (over the screen-sharing budget): `rate_limited` / `over_limit` error frames. */
  refused: number;
  /** Send → the console has the batch. */
  latency: Summary;
  clientCpu: number;
};
export type StreamEvent =
  | { ev: 'ready'; snapshotBytes: number; snapshotMs: number }
  | { ev: 'started' }
  | { ev: 'stats'; stats: StreamStats }
  | { ev: 'failed'; message: string };

const send = (e: StreamEvent) => process.send!(e);

function open<F>(url: string, headers: Record<string, string>): Promise<{ ws: WebSocket; next: Next<F> }> {
  const ws = new WebSocket(url, { headers });
  const waiters: { pred: (f: F) => boolean; resolve: (f: F) => void }[] = [];
  const listeners: ((f: F) => void)[] = [];
  ws.on('message', (raw) => {
    const f = JSON.parse(String(raw)) as F;
    for (const l of listeners) l(f);
    for (const w of [...waiters])
      if (w.pred(f)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(f);
      }
  });
  const next: Next<F> = Object.assign(
    (pred: (f: F) => boolean) => new Promise<F>((resolve) => waiters.push({ pred, resolve })),
    { listen: (l: (f: F) => void) => listeners.push(l) },
  );
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ws, next }));
    ws.once('error', reject);
  });
}
type Next<F> = ((pred: (f: F) => boolean) => Promise<F>) & { listen(l: (f: F) => void): void };

let visitor: WebSocket;
let chatId = '';
let nextId = 1000;

/** A page of `rows` list items, as rrweb's full snapshot describes it (Meta, then FullSnapshot). */
function fullSnapshot(rows: number, t: number): unknown[] {
  const items = Array.from({ length: rows }, (_, i) => ({
    type: 2,
    tagName: 'li',
    attributes: { class: 'row', 'data-id': String(i) },
    childNodes: [{ type: 3, textContent: `Product ${i} — espresso cup, €${(i % 50) + 9}.95`, id: nextId++ }],
    id: nextId++,
  }));
  return [
    { type: 4, data: { href: 'https://shop.example/busy', width: 1280, height: 800 }, timestamp: t },
    {
      type: 2,
      data: {
        node: {
          type: 0,
          id: 1,
          childNodes: [
            {
              type: 2,
              tagName: 'html',
              id: 2,
              attributes: { lang: 'en' },
              childNodes: [
                {
                  type: 2,
                  tagName: 'body',
                  id: 3,
                  attributes: {},
                  childNodes: [{ type: 2, tagName: 'ul', id: 4, attributes: {}, childNodes: items }],
                },
              ],
            },
          ],
        },
        initialOffset: { top: 0, left: 0 },
      },
      timestamp: t,
    },
  ];
}

/** One rrweb mutation event of `n` changes: added rows (element and text), removed rows, texts, attributes. */
function mutation(n: number, t: number): unknown {
  const adds: unknown[] = [];
  const removes: unknown[] = [];
  const texts: unknown[] = [];
  const attributes: unknown[] = [];
  for (let i = 0; i < n; i++) {
    const kind = i % 6;
    const id = nextId++;
    if (kind < 2)
      adds.push({
        parentId: 4,
        nextId: null,
        node: {
          type: 2,
          tagName: 'li',
          attributes: { class: 'row new', 'data-id': String(id) },
          childNodes: [],
          id,
        },
      });
    else if (kind === 2)
      adds.push({
        parentId: id - 1,
        nextId: null,
        node: { type: 3, textContent: `Row ${id} · €${id % 90}.50`, id },
      });
    else if (kind === 3) removes.push({ parentId: 4, id: id - 500 });
    else if (kind === 4) texts.push({ id: id - 300, value: `Stock: ${id % 17} left` });
    else attributes.push({ id: id - 200, attributes: { class: id % 2 ? 'row active' : 'row' } });
  }
  return { type: 3, data: { source: 0, texts, attributes, removes, adds }, timestamp: t };
}

function sendBatch(events: unknown[]): { frames: number; bytes: number } {
  const parts = cobrowseParts(JSON.stringify(events));
  let bytes = 0;
  parts.forEach((data, i) => {
    const frame = JSON.stringify({
      type: 'cobrowse.events',
      chatId,
      data,
      ...(i < parts.length - 1 ? { more: true } : {}),
    });
    bytes += Buffer.byteLength(frame);
    visitor.send(frame);
  });
  return { frames: parts.length, bytes };
}

let received = { batches: 0, bytes: 0 };
let refused = 0;
let latencies: number[] = [];

async function setup(c: Extract<Command, { cmd: 'setup' }>) {
  const wsBase = c.url.replace(/^http/, 'ws');
  const agent = await open<AgentServerFrame>(`${wsBase}/ws/agent`, { cookie: c.cookie, origin: c.url });
  await agent.next((f) => f.type === 'welcome');
  agent.ws.send(JSON.stringify({ type: 'presence.set', status: 'available' }));
  await agent.next((f) => f.type === 'presence' && f.status === 'available');
  const v = await open<VisitorServerFrame>(`${wsBase}/ws/visitor?site=${c.siteId}`, {
    origin: `http://${c.host}`,
  });
  visitor = v.ws;
  visitor.send(JSON.stringify({ type: 'hello' }));
  await v.next((f) => f.type === 'welcome');
  const cid = crypto.randomUUID();
  visitor.send(JSON.stringify({ type: 'chat.start', cid, text: 'Can you see my basket?' }));
  chatId = ((await v.next((f) => f.type === 'ack' && f.cid === cid)) as { chatId: string }).chatId;
  await agent.next((f) => f.type === 'chat.upsert' && f.chat.id === chatId && f.chat.status === 'active');
  agent.next.listen((f) => {
    if (f.type !== 'cobrowse.events' || f.chatId !== chatId) return;
    received.batches++;
    received.bytes += f.data.length;
    // The batch's send time is its events' timestamp (taken on this machine's clock).
    const sentAt = (JSON.parse(f.data) as { timestamp: number }[])[0]!.timestamp;
    latencies.push(Date.now() - sentAt);
  });
  v.next.listen((f) => {
    if (f.type === 'error' && f.chatId === chatId) refused++;
  });
  agent.ws.send(JSON.stringify({ type: 'cobrowse.watch', chatId, watch: true }));
  visitor.send(JSON.stringify({ type: 'cobrowse.start', chatId }));
  await v.next((f) => f.type === 'cobrowse.state' && f.sharing);
  // The full snapshot of a page of 1,000 rows, as the recorder sends it first.
  const t = performance.now();
  const before = received.batches;
  const { bytes } = sendBatch(fullSnapshot(1000, Date.now()));
  await agent.next(() => received.batches > before);
  send({ ev: 'ready', snapshotBytes: bytes, snapshotMs: performance.now() - t });
}

let timer: NodeJS.Timeout | undefined;
let counts = { batches: 0, frames: 0, bytes: 0, mutations: 0 };
let began = 0;
let cpu0 = process.cpuUsage();

function start(mutationsPerS: number, batchMs: number) {
  received = { batches: 0, bytes: 0 };
  refused = 0;
  latencies = [];
  counts = { batches: 0, frames: 0, bytes: 0, mutations: 0 };
  began = performance.now();
  cpu0 = process.cpuUsage();
  // One event per animation frame (60/s), the page's mutations spread over them.
  const eventsPerBatch = Math.max(1, Math.round((60 * batchMs) / 1000));
  const perBatch = (mutationsPerS * batchMs) / 1000;
  let owed = 0;
  timer = setInterval(() => {
    owed += perBatch;
    const n = Math.floor(owed);
    owed -= n;
    const now = Date.now();
    const events = Array.from({ length: eventsPerBatch }, (_, i) =>
      mutation(Math.floor(n / eventsPerBatch) + (i < n % eventsPerBatch ? 1 : 0), now),
    );
    const s = sendBatch(events);
    counts.batches++;
    counts.frames += s.frames;
    counts.bytes += s.bytes;
    counts.mutations += n;
  }, batchMs);
  send({ ev: 'started' });
}

function stop() {
  clearInterval(timer);
  const seconds = (performance.now() - began) / 1000;
  const used = process.cpuUsage(cpu0);
  send({
    ev: 'stats',
    stats: {
      batchesSent: counts.batches,
      framesSent: counts.frames,
      bytesSent: counts.bytes,
      mutationsPerS: counts.mutations / seconds,
      bytesPerS: counts.bytes / seconds,
      batchesReceived: received.batches,
      bytesReceived: received.bytes,
      refused,
      latency: summarize(latencies),
      clientCpu: (used.user + used.system) / 1e6 / seconds,
    },
  });
}

process.on('message', (c: Command) => {
  try {
    if (c.cmd === 'setup') setup(c).catch((err: unknown) => send({ ev: 'failed', message: String(err) }));
    else if (c.cmd === 'start') start(c.mutations, c.batchMs);
    else if (c.cmd === 'stop') stop();
    else if (c.cmd === 'close') process.exit(0);
  } catch (err) {
    send({ ev: 'failed', message: String(err) });
  }
});
