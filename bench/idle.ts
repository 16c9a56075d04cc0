// bench/idle: memory per idle visitor socket in ONE server process, against a bare `ws` server holding the same
// number of sockets, measured in the same run. Each socket says hello, gets its welcome and then stays idle.
// The sockets are opened from `--clients` processes so no process exceeds the open-files limit (20,000 here,
// which also caps the server: it needs one descriptor per socket).
//
//   node --conditions=@source --import tsx bench/idle.ts --sockets 19000 --db pglite
import { execSync, fork, type ChildProcess } from 'node:child_process';
import { loadavg } from 'node:os';
import path from 'node:path';
import type { IdleCommand, IdleEvent } from './idle-client.js';
import { num, options } from './lib/args.js';
import { Session } from './lib/http.js';
import { Inspector } from './lib/inspector.js';
import {
  ADMIN,
  benchDir,
  rssBytes,
  startBaseline,
  startProduct,
  stopProcess,
  track,
  tsxFlags,
  type DbKind,
  type Proc,
} from './lib/procs.js';
import { machine, writeResult, type IdleResult, type IdleSide } from './lib/results.js';
import { int, kb, mb, ratio } from './lib/stats.js';

const opts = options({
  sockets: { type: 'string', default: '19000' },
  clients: { type: 'string', default: '2' },
  db: { type: 'string', default: 'pglite' },
  'no-redis': { type: 'boolean', default: false },
  settle: { type: 'string', default: '5' },
  out: { type: 'string' },
});
const sockets = num(opts.sockets, 'sockets');
const clients = num(opts.clients, 'clients');
const settleMs = num(opts.settle, 'settle') * 1000;
if (opts.db !== 'pglite' && opts.db !== 'postgres') throw new Error('--db is pglite or postgres');
const db: DbKind = opts.db;
const TARGET_BYTES = 30 * 1024;
const WARMUP_SOCKETS = 200;

class IdleClient {
  private constructor(readonly proc: ChildProcess) {}
  static start(): IdleClient {
    return new IdleClient(
      track(fork(path.join(benchDir, 'idle-client.ts'), [], { execArgv: tsxFlags, stdio: 'inherit' })),
    );
  }
  request<E extends IdleEvent['ev']>(cmd: IdleCommand, ev: E): Promise<Extract<IdleEvent, { ev: E }>> {
    return new Promise((resolve, reject) => {
      const on = (e: IdleEvent) => {
        if (e.ev !== ev) return;
        this.proc.off('message', on);
        resolve(e as Extract<IdleEvent, { ev: E }>);
      };
      this.proc.on('message', on);
      this.proc.once('exit', (code) => reject(new Error(`idle client exited (${code})`)));
      this.proc.send(cmd);
    });
  }
  async close(): Promise<void> {
    await stopProcess(this.proc, 'SIGKILL');
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * RSS (from /proc) and V8 heap used, after full garbage collections, once RSS has settled (two readings a
 * second apart within 1 MB: freed pages go back to the system with a delay).
 */
async function memory(p: Proc, inspector: Inspector): Promise<{ rss: number; heap: number }> {
  let rss = 0;
  for (let i = 0; i < 10; i++) {
    await inspector.gc();
    await sleep(1000);
    const now = await rssBytes(p.pid);
    const settled = Math.abs(now - rss) < 1024 * 1024;
    rss = now;
    if (settled) break;
  }
  const { heapUsed } = await inspector.memoryUsage();
  return { rss, heap: heapUsed };
}

async function measure(label: string, p: Proc, wsUrl: string): Promise<IdleSide> {
  const inspector = await Inspector.connect(p.inspectorUrl!);
  try {
    // Warm-up: run every code path a visitor socket takes once, so the "before" reading includes compiled
    // code and pools, not only the sockets of the "after" reading.
    const warm = IdleClient.start();
    const w = await warm.request(
      { cmd: 'open', url: wsUrl, count: WARMUP_SOCKETS, concurrency: 50 },
      'opened',
    );
    if (w.failed) throw new Error(`warm-up sockets failed: ${w.errors.join('; ')}`);
    await warm.close();
    await sleep(settleMs);
    const before = await memory(p, inspector);

    const gens = Array.from({ length: clients }, () => IdleClient.start());
    const t = performance.now();
    const share = (i: number) => Math.floor(sockets / clients) + (i < sockets % clients ? 1 : 0);
    const opened = await Promise.all(
      gens.map((g, i) => g.request({ cmd: 'open', url: wsUrl, count: share(i), concurrency: 100 }, 'opened')),
    );
    const openS = (performance.now() - t) / 1000;
    const failed = opened.reduce((n, o) => n + o.failed, 0);
    for (const o of opened) for (const e of o.errors) console.log(`      ! ${e}`);
    await sleep(settleMs);
    const after = await memory(p, inspector);
    const open = (await Promise.all(gens.map((g) => g.request({ cmd: 'count' }, 'count')))).reduce(
      (n, c) => n + c.open,
      0,
    );
    await Promise.all(gens.map((g) => g.close()));
    const side: IdleSide = {
      label,
      sockets: open,
      openS,
      rssBefore: before.rss,
      rssAfter: after.rss,
      heapBefore: before.heap,
      heapAfter: after.heap,
      bytesPerSocket: (after.rss - before.rss) / open,
      heapPerSocket: (after.heap - before.heap) / open,
      failed: failed + (sockets - failed - open),
    };
    console.log(
      `  ${label}: ${int(open)} idle sockets (opened in ${openS.toFixed(1)} s, ${side.failed} failed); ` +
        `RSS ${mb(before.rss)} → ${mb(after.rss)} = ${kb(side.bytesPerSocket)}/socket; ` +
        `heap ${mb(before.heap)} → ${mb(after.heap)} = ${kb(side.heapPerSocket)}/socket`,
    );
    return side;
  } finally {
    inspector.close();
  }
}

const loadBefore = loadavg()[0]!;
const fdLimit = execSync('ulimit -n', { shell: '/bin/sh' }).toString().trim();
console.log(
  `bench/idle: ${sockets} idle visitor sockets from ${clients} client processes, ${db}; open files limit ${fdLimit}`,
);

const bare = await startBaseline('idle-server.ts', [], { inspect: true });
let baseline: IdleSide;
try {
  baseline = await measure('bare ws server', bare, bare.url.replace(/^http/, 'ws') + '/ws/visitor');
} finally {
  await stopProcess(bare.proc);
}

const server = await startProduct(db, { inspect: true, redis: !opts['no-redis'] });
let product: IdleSide;
try {
  const admin = await Session.login(server.url, ADMIN.email, ADMIN.password);
  const siteId = await admin.websiteId();
  product = await measure(
    `product (${server.label})`,
    server,
    `${server.url.replace(/^http/, 'ws')}/ws/visitor?site=${siteId}`,
  );
  product.label = server.label;
} finally {
  await server.stop();
}

const result: IdleResult = {
  bench: 'idle',
  date: new Date().toISOString(),
  machine: machine(),
  config: { sockets, clients, db: server.label, fdLimit },
  load: { before: loadBefore, after: loadavg()[0]! },
  baseline,
  product,
  ratio: product.bytesPerSocket / baseline.bytesPerSocket,
  targets: { bytesPerSocket: product.bytesPerSocket <= TARGET_BYTES && product.failed === 0 },
};
const file = await writeResult(opts.out ?? `idle-${db}`, result);
console.log(
  `  product ${kb(product.bytesPerSocket)}/socket = ${ratio(result.ratio)} the bare ws server's ${kb(baseline.bytesPerSocket)} ` +
    `(target ≤ ${kb(TARGET_BYTES)}: ${result.targets.bytesPerSocket ? 'pass' : 'FAIL'})`,
);
console.log(`  result: ${path.relative(process.cwd(), file)}`);
process.exit(0);
