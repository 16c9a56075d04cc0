// bench/messages: N concurrent visitor–agent chats exchanging messages through the product (stored, acked,
// delivered), against a bare `ws` relay measured in the same run. Each side runs a steady phase (every chat
// sends `--rate` messages/s with jitter) and a saturation phase (every chat keeps `--window` messages in
// flight). The load generator is its own process; server, database and load generator share the machine.
//
//   node --conditions=@source --import tsx bench/messages.ts --chats 100 --db pglite [--profile]
import { fork, type ChildProcess } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import path from 'node:path';
import { num, options } from './lib/args.js';
import { Session, pool } from './lib/http.js';
import { Inspector } from './lib/inspector.js';
import type { ClientCommand, ClientEvent, RunResult } from './lib/messages-ipc.js';
import {
  ADMIN,
  CpuMeter,
  benchDir,
  outDir,
  pidsNamed,
  RssMeter,
  startBaseline,
  startProduct,
  stopProcess,
  track,
  tsxFlags,
  type DbKind,
} from './lib/procs.js';
import { summarizeProfile } from './lib/profile.js';
import {
  machine,
  writeResult,
  type MessagesResult,
  type MessagesRound,
  type MessagesSide,
  type PoisonResult,
} from './lib/results.js';
import { int, mb, ms, pct, ratio, summarize } from './lib/stats.js';

const opts = options({
  chats: { type: 'string', default: '100' },
  agents: { type: 'string' },
  db: { type: 'string', default: 'pglite' },
  'no-redis': { type: 'boolean', default: false },
  rate: { type: 'string', default: '1' },
  warmup: { type: 'string', default: '5' },
  duration: { type: 'string', default: '20' },
  window: { type: 'string', default: '4' },
  'sat-warmup': { type: 'string', default: '3' },
  'sat-duration': { type: 'string', default: '10' },
  drain: { type: 'string', default: '15' },
  'pace-rate': { type: 'string', default: '0' },
  poison: { type: 'string', default: '0' },
  profile: { type: 'boolean', default: false },
  /** Load generator processes per side (the same on both). */
  generators: { type: 'string', default: '2' },
  /** Relay and product, alternately (relay first in odd rounds, product first in even ones). */
  rounds: { type: 'string', default: '1' },
  out: { type: 'string' },
});
const GENERATORS = num(opts.generators, 'generators');
const ROUNDS = num(opts.rounds, 'rounds');
const chats = num(opts.chats, 'chats');
const agents = opts.agents ? num(opts.agents, 'agents') : chats <= 100 ? 20 : 50;
if (opts.db !== 'pglite' && opts.db !== 'postgres') throw new Error('--db is pglite or postgres');
const db: DbKind = opts.db;
const useRedis = db === 'postgres' && !opts['no-redis'];
const P = {
  rate: num(opts.rate, 'rate'),
  warmupMs: num(opts.warmup, 'warmup') * 1000,
  durationMs: num(opts.duration, 'duration') * 1000,
  window: num(opts.window, 'window'),
  satWarmupMs: num(opts['sat-warmup'], 'sat-warmup') * 1000,
  satDurationMs: num(opts['sat-duration'], 'sat-duration') * 1000,
  drainMs: num(opts.drain, 'drain') * 1000,
};
// A visitor socket may send 10 frames/s (bursts of 40) by default, an abuse guard that no person typing reaches
// (packages/server/src/realtime/visitor-gateway.ts); this measures capacity, so the product runs with that guard
// raised (VISITOR_FRAMES_PER_SECOND) and both sides are driven alike. `--pace-rate 9.5` keeps each socket under
// the default guard instead, for a run with the product exactly as shipped.
const paceRate = num(opts['pace-rate'], 'pace-rate');
const productPace = paceRate > 0 ? { rate: paceRate, burst: 30 } : null;
const productEnv: Record<string, string> = paceRate > 0 ? {} : { VISITOR_FRAMES_PER_SECOND: '1000000' };
// `--poison 10`: no relay; the product's chats run each phase twice, clean and then while one more visitor sends
// 10 poison messages/s (bench/messages-client.ts, "the poison visitor"). Saturation matters most: a batch that
// fails holds up every message in it, and batches are large only under load.
const poisonRate = num(opts.poison, 'poison');
const P99_TARGET_MS = 50;
// Issue 11.6: the product with storage ≥ 50 % of the fair relay at 1,000 chats on PostgreSQL.
const THROUGHPUT_TARGET = 0.5;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = (s.length - 1) / 2;
  return (s[Math.floor(m)]! + s[Math.ceil(m)]!) / 2;
};

/** The load generator process and a typed request/response over its IPC channel. */
class LoadGenerator {
  private listeners = new Set<(e: ClientEvent) => void>();
  private constructor(readonly proc: ChildProcess) {
    proc.on('message', (e: ClientEvent) => {
      for (const l of [...this.listeners]) l(e);
    });
  }
  static start(): LoadGenerator {
    const proc = track(
      fork(path.join(benchDir, 'messages-client.ts'), [], { execArgv: tsxFlags, stdio: 'inherit' }),
    );
    return new LoadGenerator(proc);
  }
  on(l: (e: ClientEvent) => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
  /** Sends a command and waits for the event `until` (or a failure). */
  request<E extends ClientEvent['ev']>(
    cmd: ClientCommand,
    until: E,
  ): Promise<Extract<ClientEvent, { ev: E }>> {
    return new Promise((resolve, reject) => {
      const exited = (code: number | null) => {
        off();
        reject(new Error(`load generator exited (${code})`));
      };
      const off = this.on((e) => {
        if (e.ev === 'failed') {
          off();
          this.proc.off('exit', exited);
          reject(new Error(`load generator: ${e.message}`));
        } else if (e.ev === until) {
          off();
          this.proc.off('exit', exited);
          resolve(e as Extract<ClientEvent, { ev: E }>);
        }
      });
      this.proc.once('exit', exited);
      this.proc.send(cmd);
    });
  }
  async close(): Promise<void> {
    if (this.proc.exitCode === null) this.proc.send({ cmd: 'close' } satisfies ClientCommand);
    const t = setTimeout(() => void stopProcess(this.proc, 'SIGKILL'), 5000);
    if (this.proc.exitCode === null) await new Promise((r) => this.proc.once('exit', r));
    clearTimeout(t);
  }
}

/**
 * The load generators of one side: `--generators` processes (the same number on both sides), each with its share
 * of the agents and of the chats. Their results are merged: counts and rates summed, percentiles over every
 * sample of every generator, each generator's CPU kept (so a reader sees none was the limit).
 */
class Generators {
  readonly all: LoadGenerator[];
  constructor(n: number) {
    this.all = Array.from({ length: n }, () => LoadGenerator.start());
  }
  get first(): LoadGenerator {
    return this.all[0]!;
  }
  async close(): Promise<void> {
    await Promise.all(this.all.map((g) => g.close()));
  }
}

function merge(results: RunResult[]): RunResult {
  const sum = (f: (r: RunResult) => number) => results.reduce((a, r) => a + f(r), 0);
  const ack = results.flatMap((r) => r.raw?.ack ?? []);
  const delivery = results.flatMap((r) => r.raw?.delivery ?? []);
  const first = results[0]!;
  return {
    mode: first.mode,
    chats: sum((r) => r.chats),
    durationS: first.durationS,
    deliveredPerS: sum((r) => r.deliveredPerS),
    sentPerS: sum((r) => r.sentPerS),
    ack: summarize(ack),
    delivery: summarize(delivery),
    sent: sum((r) => r.sent),
    acked: sum((r) => r.acked),
    delivered: sum((r) => r.delivered),
    duplicates: sum((r) => r.duplicates),
    lost: sum((r) => r.lost),
    unacked: sum((r) => r.unacked),
    errors: sum((r) => r.errors),
    errorSamples: results.flatMap((r) => r.errorSamples),
    clientCpu: sum((r) => r.clientCpu),
    clientCpus: results.map((r) => r.clientCpu),
    clientLoopP99Ms: Math.max(...results.map((r) => r.clientLoopP99Ms)),
    drainS: Math.max(...results.map((r) => r.drainS)),
    paced: sum((r) => r.paced),
    ...(results.find((r) => r.poison) ? { poison: results.find((r) => r.poison)!.poison } : {}),
  };
}

type Meters = { server: CpuMeter; db?: CpuMeter; redis?: CpuMeter };

/** Runs one phase on every generator at once, reading each process's CPU over exactly the measured window. */
async function phase(
  gens: Generators,
  meters: Meters,
  mode: 'steady' | 'saturation',
  pace: { rate: number; burst: number } | null,
  profiler?: Inspector,
  poison = 0,
): Promise<RunResult & { serverCpu: number; dbCpu?: number; redisCpu?: number }> {
  let cpu: Promise<{ serverCpu: number; dbCpu?: number; redisCpu?: number }> | undefined;
  let began: Promise<unknown> = Promise.resolve();
  // The generators start together (one IPC message each); the first one's window is the one the meters read.
  const off = gens.first.on((e) => {
    if (e.ev === 'measure-start') {
      began = Promise.all([
        meters.server.begin(),
        meters.db?.begin(),
        meters.redis?.begin(),
        profiler?.startProfile(),
      ]);
    }
    if (e.ev === 'measure-end') {
      cpu = began.then(async () => ({
        serverCpu: await meters.server.end(),
        dbCpu: await meters.db?.end(),
        redisCpu: await meters.redis?.end(),
      }));
    }
  });
  const results = await Promise.all(
    gens.all.map((g, i) =>
      g.request(
        {
          cmd: 'run',
          mode,
          rate: P.rate,
          window: P.window,
          pace,
          warmupMs: mode === 'steady' ? P.warmupMs : P.satWarmupMs,
          durationMs: mode === 'steady' ? P.durationMs : P.satDurationMs,
          drainMs: P.drainMs,
          // The poison visitor lives in the first generator.
          poisonRate: i === 0 ? poison : 0,
        },
        'result',
      ),
    ),
  );
  off();
  return { ...merge(results.map((r) => r.result)), ...(await cpu!) };
}

function line(name: string, r: RunResult & { serverCpu: number; dbCpu?: number; redisCpu?: number }) {
  const cpu = [`server ${pct(r.serverCpu)}`];
  if (r.dbCpu !== undefined) cpu.push(`postgres ${pct(r.dbCpu)}`);
  if (r.redisCpu !== undefined) cpu.push(`redis ${pct(r.redisCpu)}`);
  cpu.push(
    `load generators ${(r.clientCpus ?? [r.clientCpu]).map(pct).join(' + ')} (loop p99 ${ms(r.clientLoopP99Ms)})`,
  );
  console.log(
    `  ${name.padEnd(22)} ${int(r.deliveredPerS).padStart(7)} msg/s  ack p50 ${ms(r.ack.p50)} p99 ${ms(r.ack.p99)}` +
      `  delivery p50 ${ms(r.delivery.p50)} p99 ${ms(r.delivery.p99)}  errors ${r.errors}  cpu: ${cpu.join(', ')}` +
      `  (${int(r.sent)} sent; backlog drained in ${r.drainS.toFixed(1)} s${r.paced ? `; per-socket limit held ${int(r.paced)} sends back` : ''})`,
  );
  for (const s of r.errorSamples) console.log(`      ! ${s}`);
}

function rssLine(name: string, r: NonNullable<MessagesSide['rss']>) {
  console.log(
    `  ${`${name}, RSS`.padEnd(22)} ${mb(r.ready)} set up, ${mb(r.peak)} peak, ${mb(r.end)} at the end`,
  );
}

/** Indexes 0..n-1 that generator g of `GENERATORS` takes (i % GENERATORS === g). */
const share = (n: number, g: number) =>
  Array.from({ length: n }, (_, i) => i).filter((i) => i % GENERATORS === g);

async function baseline(): Promise<MessagesSide> {
  const relay = await startBaseline('relay-server.ts');
  const gens = new Generators(GENERATORS);
  try {
    const meters = { server: new CpuMeter(async () => [relay.pid]) };
    const t = performance.now();
    // Chat i goes to agent i % agents; a generator holds its agents and their chats.
    await Promise.all(
      gens.all.map((g, k) =>
        g.request(
          {
            cmd: 'setup',
            target: 'relay',
            url: relay.url,
            agents,
            agentIds: share(agents, k),
            chatIds: Array.from({ length: chats }, (_, i) => i).filter(
              (i) => (i % agents) % GENERATORS === k,
            ),
          },
          'ready',
        ),
      ),
    );
    const setupS = (performance.now() - t) / 1000;
    const memory = new RssMeter(relay.pid);
    await memory.start();
    const steady = await phase(gens, meters, 'steady', null);
    line('relay, steady', steady);
    const saturation = await phase(gens, meters, 'saturation', null);
    line('relay, saturation', saturation);
    const rss = await memory.stop();
    rssLine('relay', rss);
    return { label: 'bare ws relay (no storage)', setupS, steady, saturation, rss };
  } finally {
    await gens.close();
    await stopProcess(relay.proc);
  }
}

async function product(): Promise<{
  side: MessagesSide;
  profile?: MessagesResult['profile'];
  poison?: PoisonResult['phases'];
}> {
  const server = await startProduct(db, { inspect: opts.profile, redis: useRedis, extraEnv: productEnv });
  const gens = new Generators(GENERATORS);
  let inspector: Inspector | undefined;
  try {
    const t = performance.now();
    const admin = await Session.login(server.url, ADMIN.email, ADMIN.password);
    const siteId = await admin.websiteId();
    const password = 'agent-password-1';
    const ids = Array.from({ length: agents }, (_, i) => i);
    await pool(ids, 4, (i) => admin.createAgent(i, password));
    const sessions = await pool(ids, 4, (i) =>
      Session.login(server.url, `bench-agent-${i}@example.com`, password),
    );
    // Each generator holds its share of the agents and starts its share of the chats; the product's routing
    // then chooses the agents, and a visitor whose chat went to another generator's agent moves there.
    // Every agent online first (so the routing sees them all), then the chats.
    const setup = (k: number, step: 'agents' | 'chats') =>
      gens.all[k]!.request(
        {
          cmd: 'setup',
          target: 'product',
          url: server.url,
          siteId,
          chats: step === 'chats' ? share(chats, k).length : 0,
          agentCookies:
            step === 'agents' ? share(agents, k).map((i) => ({ idx: i, cookie: sessions[i]!.cookie })) : [],
        },
        'started',
      );
    await Promise.all(gens.all.map((_, k) => setup(k, 'agents')));
    const started = await Promise.all(gens.all.map((_, k) => setup(k, 'chats')));
    const agentOf = new Map<string, number>();
    const deadline = Date.now() + 300_000;
    while (agentOf.size < chats) {
      if (Date.now() > deadline) throw new Error(`${chats - agentOf.size} chats never got assigned`);
      await new Promise((r) => setTimeout(r, 200));
      for (const g of gens.all) {
        const { agentOf: seen } = await g.request({ cmd: 'assignments' }, 'assignments');
        for (const [id, a] of Object.entries(seen)) agentOf.set(id, a);
      }
    }
    const moves = gens.all.map(() => [] as { chatId: string; token: string; agent: number }[]);
    const leaving = gens.all.map(() => [] as string[]);
    started.forEach(({ visitors }, k) => {
      for (const v of visitors) {
        const agent = agentOf.get(v.chatId)!;
        const owner = agent % GENERATORS;
        if (owner === k) continue;
        moves[owner]!.push({ ...v, agent });
        leaving[k]!.push(v.chatId);
      }
    });
    await Promise.all(
      gens.all.map((g, k) =>
        g.request({ cmd: 'adopt', url: server.url, siteId, chats: moves[k]! }, 'adopted'),
      ),
    );
    await Promise.all(
      gens.all.map((g, k) =>
        g.request(
          {
            cmd: 'release',
            chatIds: leaving[k]!,
            poison: k === 0 && poisonRate > 0,
            url: server.url,
            siteId,
          },
          'ready',
        ),
      ),
    );
    const setupS = (performance.now() - t) / 1000;
    console.log(
      `  product ready: ${chats} chats assigned to ${agents} agents and synced in ${setupS.toFixed(1)} s ` +
        `(${moves.flat().length} visitors moved to their agent's generator)`,
    );
    const meters: Meters = {
      server: new CpuMeter(async () => [server.pid]),
      // PostgreSQL: the backends serving this run's database (others may share the server).
      ...(server.dbName ? { db: new CpuMeter(() => pidsNamed('postgres', server.dbName)) } : {}),
      ...(useRedis ? { redis: new CpuMeter(() => pidsNamed('redis-server')) } : {}),
    };
    const memory = new RssMeter(server.pid);
    await memory.start();
    const steady = await phase(gens, meters, 'steady', null);
    line('product, steady', steady);
    if (poisonRate > 0) {
      const phases: PoisonResult['phases'] = [];
      for (const mode of ['steady', 'saturation'] as const) {
        const clean = mode === 'steady' ? steady : await phase(gens, meters, mode, productPace);
        if (mode === 'saturation') line('product, saturation', clean);
        const poisoned = await phase(
          gens,
          meters,
          mode,
          mode === 'steady' ? null : productPace,
          undefined,
          poisonRate,
        );
        line(`product, ${mode}, poison`, poisoned);
        console.log(`      poison visitor: ${JSON.stringify(poisoned.poison)}`);
        phases.push({ mode, clean, poisoned: { ...poisoned, poison: poisoned.poison! } });
      }
      const rss = await memory.stop();
      rssLine('product', rss);
      return {
        side: { label: server.label, setupS, steady, saturation: phases[1]!.clean, rss },
        poison: phases,
      };
    }
    if (server.inspectorUrl) inspector = await Inspector.connect(server.inspectorUrl);
    const saturation = await phase(gens, meters, 'saturation', productPace, inspector);
    line('product, saturation', saturation);
    const rss = await memory.stop();
    rssLine('product', rss);
    let profile: MessagesResult['profile'];
    if (inspector) {
      const cpuProfile = await inspector.stopProfile();
      await mkdir(outDir, { recursive: true });
      const file = path.join(outDir, `messages-${db}-${chats}.cpuprofile`);
      await writeFile(file, JSON.stringify(cpuProfile));
      profile = { file: path.relative(process.cwd(), file), summary: summarizeProfile(cpuProfile) };
    }
    return { side: { label: server.label, setupS, steady, saturation, rss }, profile };
  } catch (err) {
    console.error(`The server's last output:\n${server.output.join('').slice(-4000)}`);
    throw err;
  } finally {
    inspector?.close();
    await gens.close();
    await server.stop();
  }
}

console.log(
  `bench/messages: ${chats} chats, ${agents} agents, ${db}${useRedis ? ' + Redis' : ''}; steady ${P.rate} msg/s per chat for ` +
    `${P.durationMs / 1000} s (+${P.warmupMs / 1000} s warm-up), saturation window ${P.window} for ${P.satDurationMs / 1000} s; ` +
    `${GENERATORS} load generator processes per side; ${ROUNDS} round${ROUNDS > 1 ? 's' : ''}` +
    `${opts.profile ? ' (server profiled during saturation: numbers include the profiler overhead)' : ''}`,
);
const loadBefore = loadavg()[0]!;
if (loadBefore > 1)
  console.log(`  note: the machine's 1-minute load average is ${loadBefore.toFixed(1)} before the run`);
if (poisonRate > 0) {
  const { side, poison } = await product();
  const result: PoisonResult = {
    bench: 'messages-poison',
    date: new Date().toISOString(),
    machine: machine(),
    config: {
      chats,
      agents,
      db: side.label,
      rate: P.rate,
      window: P.window,
      warmupS: P.warmupMs / 1000,
      durationS: P.durationMs / 1000,
      satWarmupS: P.satWarmupMs / 1000,
      satDurationS: P.satDurationMs / 1000,
      poisonRate,
    },
    load: { before: loadBefore, after: loadavg()[0]! },
    phases: poison!,
  };
  const file = await writeResult(opts.out ?? `messages-poison-${db}-${chats}`, result);
  for (const ph of result.phases)
    console.log(
      `  ${ph.mode}: other chats' ack p50 / p99 clean ${ms(ph.clean.ack.p50)} / ${ms(ph.clean.ack.p99)}, with the ` +
        `poison visitor ${ms(ph.poisoned.ack.p50)} / ${ms(ph.poisoned.ack.p99)} ` +
        `(${ratio(ph.poisoned.ack.p50 / ph.clean.ack.p50)} / ${ratio(ph.poisoned.ack.p99 / ph.clean.ack.p99)})`,
    );
  console.log(`  result: ${path.relative(process.cwd(), file)}`);
  process.exit(0);
}

const rounds: MessagesRound[] = [];
let profile: MessagesResult['profile'];
for (let r = 1; r <= ROUNDS; r++) {
  console.log(`round ${r} of ${ROUNDS} (${r % 2 === 1 ? 'relay first' : 'product first'})`);
  const loadAt = loadavg()[0]!;
  let base: MessagesSide;
  let prod: Awaited<ReturnType<typeof product>>;
  if (r % 2 === 1) {
    base = await baseline();
    prod = await product();
  } else {
    prod = await product();
    base = await baseline();
  }
  profile ??= prod.profile;
  const p = prod.side;
  const round: MessagesRound = {
    load: { before: loadAt, after: loadavg()[0]! },
    baseline: base,
    product: p,
    ratios: {
      throughput: p.saturation.deliveredPerS / base.saturation.deliveredPerS,
      ackP99: p.steady.ack.p99 / base.steady.ack.p99,
      deliveryP99: p.steady.delivery.p99 / base.steady.delivery.p99,
    },
  };
  rounds.push(round);
  console.log(
    `  round ${r}: saturation ${int(p.saturation.deliveredPerS)} vs relay ${int(base.saturation.deliveredPerS)} msg/s = ` +
      `${pct(round.ratios.throughput)}; steady p99 ack ${ms(p.steady.ack.p99)}, delivery ${ms(p.steady.delivery.p99)}`,
  );
}
const spreadOf = (xs: number[]) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs) });
const throughput = spreadOf(rounds.map((r) => r.ratios.throughput));
const ackP99 = spreadOf(rounds.map((r) => r.product.steady.ack.p99));
const deliveryP99 = spreadOf(rounds.map((r) => r.product.steady.delivery.p99));
const label = rounds[0]!.product.label;
const result: MessagesResult = {
  bench: 'messages',
  date: new Date().toISOString(),
  machine: machine(),
  config: {
    chats,
    agents,
    db: label,
    rate: P.rate,
    warmupS: P.warmupMs / 1000,
    durationS: P.durationMs / 1000,
    window: P.window,
    satWarmupS: P.satWarmupMs / 1000,
    satDurationS: P.satDurationMs / 1000,
    productPace,
    generators: GENERATORS,
    rounds: ROUNDS,
    profiled: opts.profile,
  },
  load: { before: loadBefore, after: loadavg()[0]! },
  rounds,
  summary: {
    throughputRatio: throughput,
    productMsgPerS: spreadOf(rounds.map((r) => r.product.saturation.deliveredPerS)),
    relayMsgPerS: spreadOf(rounds.map((r) => r.baseline.saturation.deliveredPerS)),
    ackP99Ms: ackP99,
    deliveryP99Ms: deliveryP99,
  },
  targets: {
    throughput: throughput.median >= THROUGHPUT_TARGET,
    p99: Math.max(ackP99.median, deliveryP99.median) < P99_TARGET_MS,
    exactlyOnce: rounds.every((r) => r.product.steady.errors === 0 && r.product.saturation.errors === 0),
  },
  ...(profile ? { profile } : {}),
};
const name = opts.profile ? `messages-${db}-${chats}-profiled` : `messages-${db}-${chats}`;
const file = await writeResult(opts.out ?? name, result);
const verdict = (ok: boolean) => (ok ? 'pass' : 'FAIL');
console.log(
  `  saturation throughput ÷ relay over ${ROUNDS} rounds: median ${pct(throughput.median)} ` +
    `(${pct(throughput.min)}–${pct(throughput.max)}) (target ≥ ${pct(THROUGHPUT_TARGET)}: ${verdict(result.targets.throughput)})`,
);
console.log(
  `  steady p99 median: ack ${ms(ackP99.median)}, delivery ${ms(deliveryP99.median)} (target < ${P99_TARGET_MS} ms: ${verdict(result.targets.p99)})`,
);
console.log(`  exactly once: ${verdict(result.targets.exactlyOnce)}`);
if (profile) {
  console.log(`  profile: ${profile.file}; top self time:`);
  for (const f of profile.summary.functions.slice(0, 15))
    console.log(`    ${pct(f.share).padStart(5)}  ${f.name}`);
}
console.log(`  result: ${path.relative(process.cwd(), file)}`);
process.exit(0);
