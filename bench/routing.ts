// bench/routing: how fast new chats reach an agent. `--chats` visitors (already on the page, sockets open) start
// a chat at the same moment; `--agents` agents with mixed live-chat limits (5, 10, 15, unlimited) are online in
// the console. Measured per round: assignments per second (chats ÷ time from the first chat.start sent to the
// last agent notified) and each chat's time from "visitor starts chat" (chat.start sent) to "agent notified"
// (the agent's socket receives the chat). Checked: every chat reaches exactly one agent, nobody over their limit.
//
// Baseline, in the same run and through the same socket client: bench/routing-baseline-server.ts, a minimal
// server on a fresh database of the same kind that does the product's chat creation (`storeVisitor`, `startChat`)
// for each chat.start, acks it and tells the next agent socket in turn, without routing. It runs as the product
// does (bundled, the product's V8 flags, write corking) and the client measures it exactly as the product: from
// chat.start sent to the agent's socket receiving the chat. Both servers are up at once and their rounds
// alternate (baseline first in odd rounds, product first in even ones), so other work on the machine falls on
// both alike.
//
//   node --conditions=@source --import tsx bench/routing.ts --db pglite|postgres [--instances 1|2]
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { num, options } from './lib/args.js';
import { Session, pool } from './lib/http.js';
import {
  ADMIN,
  freshPgDatabase,
  outDir,
  rssBytes,
  startBaseline,
  startProduct,
  stopProcess,
  type DbKind,
} from './lib/procs.js';
import { machine, writeResult, type RoutingResult } from './lib/results.js';
import { connect, nextFrame, open, opened, type Frame } from './lib/sockets.js';
import { int, mb, ms, pct, ratio, summarize } from './lib/stats.js';
import { Inspector } from './lib/inspector.js';
import { summarizeProfile } from './lib/profile.js';

const opts = options({
  db: { type: 'string', default: 'pglite' },
  instances: { type: 'string', default: '1' },
  chats: { type: 'string', default: '500' },
  agents: { type: 'string', default: '50' },
  rounds: { type: 'string', default: '3' },
  /** Profile the (first) server during the first measured round and print where its time went. */
  profile: { type: 'boolean', default: false },
  out: { type: 'string' },
});
if (opts.db !== 'pglite' && opts.db !== 'postgres') throw new Error('--db is pglite or postgres');
const db: DbKind = opts.db;
const instances = num(opts.instances, 'instances');
if (instances !== 1 && instances !== 2) throw new Error('--instances is 1 or 2');
if (instances === 2 && db !== 'postgres') throw new Error('two instances share a PostgreSQL database');
const CHATS = num(opts.chats, 'chats');
const AGENTS = num(opts.agents, 'agents');
const ROUNDS = num(opts.rounds, 'rounds');
/** Mixed live-chat limits; null is unlimited (so every round's chats fit). */
const LIMITS = [5, 10, 15, null] as const;
const limitOf = (i: number) => LIMITS[i % LIMITS.length]!;
const SITE_ORIGIN = 'http://localhost';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = (s.length - 1) / 2;
  return (s[Math.floor(m)]! + s[Math.ceil(m)]!) / 2;
};

// ------------------------------------------------------------------------------------------ product

async function until(what: string, done: () => boolean, timeoutMs = 300_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** What the agents' sockets saw: per chat, who was told first and when; which chats were closed. */
class Console {
  readonly notifiedAt = new Map<string, number>();
  readonly agentsOf = new Map<string, Set<number>>();
  readonly closed = new Set<string>();
  readonly problems: string[] = [];
  readonly sockets: WebSocket[] = [];

  async connect(i: number, url: string, headers: Record<string, string>): Promise<void> {
    const ws = connect(url, headers);
    const welcome = nextFrame(ws, `agent ${i}'s welcome`, (f) => f.type === 'welcome' || f.type === 'error');
    ws.on('message', (raw) => this.onFrame(i, JSON.parse(String(raw)) as Frame));
    ws.on('close', (code) => {
      if (!closing) this.problems.push(`agent ${i} closed: ${code}`);
    });
    await opened(ws);
    const w = await welcome;
    if (w.type !== 'welcome') throw new Error(`agent ${i}: ${JSON.stringify(w)}`);
    this.sockets[i] = ws;
  }

  private onFrame(agent: number, f: Frame) {
    if (f.type === 'chat.upsert') {
      const chat = f.chat as { id: string; status: string; agentId: string };
      if (chat.status === 'closed') {
        this.closed.add(chat.id);
        return;
      }
      if (!this.notifiedAt.has(chat.id)) this.notifiedAt.set(chat.id, performance.now());
      const who = this.agentsOf.get(chat.id) ?? new Set();
      who.add(agent);
      this.agentsOf.set(chat.id, who);
    } else if (f.type === 'chat.removed') {
      this.problems.push(`agent ${agent}: chat ${String(f.chatId)} taken away`);
    } else if (f.type === 'error') {
      this.problems.push(`agent ${agent}: ${String(f.code)} ${String(f.message)}`);
    }
  }
}
let closing = false;

/** One round: `chats` visitors start at once; waits until each chat reached an agent, then closes them all. */
async function productRound(servers: { url: string }[], siteId: string, console_: Console, chats: number) {
  const visitors = await pool(
    Array.from({ length: chats }, (_, i) => i),
    50,
    async (i) => {
      const server = servers[i % servers.length]!;
      const ws = await open(`${server.url.replace(/^http/, 'ws')}/ws/visitor?site=${siteId}`, {
        origin: SITE_ORIGIN,
      });
      const welcome = nextFrame(
        ws,
        `visitor ${i}'s welcome`,
        (f) => f.type === 'welcome' || f.type === 'error',
      );
      ws.send(JSON.stringify({ type: 'hello', page: { url: `${SITE_ORIGIN}/pricing`, title: 'Pricing' } }));
      const w = await welcome;
      if (w.type !== 'welcome') throw new Error(`visitor ${i}: ${JSON.stringify(w)}`);
      return ws;
    },
  );
  await new Promise((r) => setTimeout(r, 500)); // let the hellos' page views settle

  const startAt: number[] = [];
  const ackAt: number[] = [];
  const chatIds: string[] = [];
  visitors.forEach((ws, i) =>
    ws.on('message', (raw) => {
      const f = JSON.parse(String(raw)) as Frame;
      if (f.type === 'ack' && chatIds[i] === undefined) {
        ackAt[i] = performance.now();
        chatIds[i] = f.chatId as string;
      } else if (f.type === 'error')
        console_.problems.push(`visitor ${i}: ${String(f.code)} ${String(f.message)}`);
    }),
  );
  const t0 = performance.now();
  visitors.forEach((ws, i) => {
    startAt[i] = performance.now();
    ws.send(JSON.stringify({ type: 'chat.start', cid: randomUUID(), text: 'Hello, I have a question' }));
  });
  await until(`${chats} chats assigned`, () => {
    for (let i = 0; i < chats; i++) if (!chatIds[i] || !console_.notifiedAt.has(chatIds[i]!)) return false;
    return true;
  });
  const notified = chatIds.map((id) => console_.notifiedAt.get(id)!);
  const last = Math.max(...notified);
  const seconds = (last - t0) / 1000;
  const latency = summarize(notified.map((t, i) => t - startAt[i]!));
  const ack = summarize(ackAt.map((t, i) => t - startAt[i]!));

  // Exactly one agent per chat, nobody over their limit.
  const load = new Map<number, number>();
  let twice = 0;
  for (const id of chatIds) {
    const who = [...console_.agentsOf.get(id)!];
    if (who.length !== 1) twice++;
    load.set(who[0]!, (load.get(who[0]!) ?? 0) + 1);
  }
  let overLimit = 0;
  for (const [agent, n] of load) {
    const limit = limitOf(agent);
    if (limit !== null && n > limit) overLimit++;
  }

  // Close every chat from the console, so the next round starts with free agents.
  for (const id of chatIds) {
    const agent = [...console_.agentsOf.get(id)!][0]!;
    console_.sockets[agent]!.send(JSON.stringify({ type: 'chat.close', chatId: id }));
  }
  await until('chats closed', () => chatIds.every((id) => console_.closed.has(id)));
  for (const ws of visitors) ws.terminate();
  return {
    round: { chats, seconds, perS: chats / seconds, latency },
    ack,
    twice,
    overLimit,
    agentsUsed: load.size,
  };
}

type Side = { label: string; rounds: RoutingResult['product']['rounds'] };
type Target = {
  name: string;
  servers: { url: string; pid: number }[];
  siteId: string;
  console_: Console;
  side: Side;
  inspector?: Inspector;
};

/** One measured round on one side, printed and kept. */
async function measure(t: Target, r: number) {
  const profiling = r === 1 && t.inspector;
  if (profiling) await t.inspector!.startProfile();
  const res = await productRound(t.servers, t.siteId, t.console_, CHATS);
  if (profiling) {
    const profile = await t.inspector!.stopProfile();
    t.inspector!.close();
    await mkdir(outDir, { recursive: true });
    const file = path.join(outDir, `routing-${db}-${instances}.cpuprofile`);
    await writeFile(file, JSON.stringify(profile));
    const summary = summarizeProfile(profile);
    console.log(`  profile (for Chrome DevTools): ${path.relative(process.cwd(), file)}`);
    console.log('  profile of the server, first round (self time):');
    for (const a of summary.areas.slice(0, 8)) console.log(`    ${pct(a.share).padStart(5)}  ${a.name}`);
    for (const f of summary.functions.slice(0, 15)) console.log(`    ${pct(f.share).padStart(5)}  ${f.name}`);
  }
  const problems = t.console_.problems.length;
  const rss = (await Promise.all(t.servers.map((s) => rssBytes(s.pid)))).reduce((a, b) => a + b, 0);
  t.side.rounds.push({
    ...res.round,
    ack: res.ack,
    twice: res.twice,
    overLimit: res.overLimit,
    problems,
    rss,
  });
  console.log(
    `  ${t.name} round ${r}: ${int(res.round.perS)} chats/s (${CHATS} in ${ms(res.round.seconds * 1000)}); ` +
      `start → agent notified p50 ${ms(res.round.latency.p50)} p99 ${ms(res.round.latency.p99)} ` +
      `max ${ms(res.round.latency.max)}; visitor ack p99 ${ms(res.ack.p99)}; ${res.agentsUsed} agents used, ` +
      `${res.twice} chats told to more than one agent, ${res.overLimit} agents over their limit; RSS ${mb(rss)}`,
  );
}

async function runAll(): Promise<{ baseline: Side; product: Side }> {
  // The baseline's database: fresh, of the same kind as the product's.
  const pgDb = db === 'postgres' ? await freshPgDatabase() : undefined;
  const dir = pgDb ? undefined : await mkdtemp(path.join(tmpdir(), 'parley-bench-routing-'));
  const base = await startBaseline('routing-baseline-server.ts', [], {
    env: pgDb ? { DATABASE_URL: pgDb.url, DATA_DIR: '' } : { DATA_DIR: dir!, DATABASE_URL: '' },
  });
  const first = await startProduct(db, { inspect: opts.profile });
  const servers = [first];
  try {
    if (instances === 2) servers.push(await startProduct(db, { join: first }));
    const admin = await Session.login(first.url, ADMIN.email, ADMIN.password);
    const siteId = await admin.websiteId();
    const password = 'agent-password-1';
    const ids = Array.from({ length: AGENTS }, (_, i) => i);
    await pool(ids, 4, (i) => admin.createAgent(i, password, limitOf(i)));
    const sessions = await pool(ids, 4, (i) =>
      Session.login(servers[i % servers.length]!.url, `bench-agent-${i}@example.com`, password),
    );
    const productConsole = new Console();
    await pool(ids, 10, (i) => {
      const s = servers[i % servers.length]!;
      return productConsole.connect(i, `${s.url.replace(/^http/, 'ws')}/ws/agent`, {
        cookie: sessions[i]!.cookie,
        origin: s.url,
      });
    });
    const baseConsole = new Console();
    await pool(ids, 10, (i) =>
      baseConsole.connect(i, `${base.url.replace(/^http/, 'ws')}/ws/agent?id=${i}`, {}),
    );
    const product: Target = {
      name: 'product',
      servers,
      siteId,
      console_: productConsole,
      side: { label: `${first.label}${instances === 2 ? ', two instances' : ', one instance'}`, rounds: [] },
      ...(first.inspectorUrl ? { inspector: await Inspector.connect(first.inspectorUrl) } : {}),
    };
    const baseline: Target = {
      name: 'baseline',
      servers: [base],
      siteId: '',
      console_: baseConsole,
      side: { label: 'minimal server: startChat, ack, next agent told; no routing', rounds: [] },
    };
    // Warm-up on both, then the measured rounds alternately.
    await productRound(baseline.servers, '', baseConsole, Math.min(CHATS, 100));
    await productRound(servers, siteId, productConsole, Math.min(CHATS, 100));
    for (let r = 1; r <= ROUNDS; r++) {
      const order = r % 2 === 1 ? [baseline, product] : [product, baseline];
      for (const t of order) await measure(t, r);
    }
    for (const t of [baseline, product])
      if (t.console_.problems.length > 0) {
        console.log(`  ${t.name}: ${t.console_.problems.length} problems, e.g.:`);
        for (const p of t.console_.problems.slice(0, 10)) console.log(`    ! ${p}`);
      }
    closing = true;
    for (const ws of [...productConsole.sockets, ...baseConsole.sockets]) ws?.terminate();
    return { baseline: baseline.side, product: product.side };
  } catch (err) {
    for (const s of [...servers, base]) console.error(`Server output:\n${s.output.join('').slice(-3000)}`);
    throw err;
  } finally {
    for (const s of servers.slice(1)) await s.stop();
    await first.stop();
    await stopProcess(base.proc);
    if (dir) await rm(dir, { recursive: true, force: true });
    await pgDb?.drop();
  }
}

// ------------------------------------------------------------------------------------------ run

console.log(
  `bench/routing: ${CHATS} chats at once, ${AGENTS} agents (limits ${LIMITS.map((l) => l ?? '∞').join('/')}), ` +
    `${db}, ${instances} instance${instances === 2 ? 's' : ''}, ${ROUNDS} rounds each after a warm-up, ` +
    `baseline and product alternately`,
);
const loadBefore = loadavg()[0]!;
const { baseline, product } = await runAll();
const basePerS = median(baseline.rounds.map((r) => r.perS));
const prodPerS = median(product.rounds.map((r) => r.perS));
const p99 = median(product.rounds.map((r) => r.latency.p99));
const ratios = product.rounds.map((r, i) => r.perS / baseline.rounds[i]!.perS);
const result: RoutingResult = {
  bench: 'routing',
  date: new Date().toISOString(),
  machine: machine(),
  config: { chats: CHATS, agents: AGENTS, instances, db, limits: [...LIMITS], rounds: ROUNDS },
  load: { before: loadBefore, after: loadavg()[0]! },
  baseline,
  product,
  summary: {
    insertsPerS: basePerS,
    assignmentsPerS: prodPerS,
    ratio: median(ratios),
    ratioMin: Math.min(...ratios),
    ratioMax: Math.max(...ratios),
    notifiedP50Ms: median(product.rounds.map((r) => r.latency.p50)),
    notifiedP99Ms: p99,
    baselineP99Ms: median(baseline.rounds.map((r) => r.latency.p99)),
  },
  correct: product.rounds.every((r) => r.twice === 0 && r.overLimit === 0 && r.problems === 0),
};
const file = await writeResult(opts.out ?? `routing-${db}-${instances}`, result);
console.log(
  `  median: ${int(prodPerS)} assignments/s vs ${int(basePerS)} chats/s without routing; per round ratio median ` +
    `${ratio(result.summary.ratio)} (${ratio(result.summary.ratioMin)}–${ratio(result.summary.ratioMax)}); ` +
    `start → agent notified p99 ${ms(p99)}; correct: ${result.correct ? 'yes' : 'NO'}`,
);
console.log(`  result: ${path.relative(process.cwd(), file)}`);
process.exit(result.correct ? 0 : 1);
