// bench/exports: the Conversations export (EXP-4) of `--chats` chats (default 1,000,000) over a year, streamed by
// the product as CSV, against PostgreSQL's own `COPY (…) TO STDOUT (FORMAT csv)` of the same rows — the same
// SELECT (joins, per-chat counts, local times), without a LIMIT — in the same run. Measured: rows per second of
// each (wall time until the last byte reached this process), and the server's memory while it streams, read from
// inside through the inspector every 250 ms: RSS, V8's heap outside the young generation (what the stream keeps
// alive: the target, < 50 MB of growth) and the young generation's size. `--rounds` downloads in one server
// process (the first one grows the young generation to what the V8 flags allow; the later ones show what an
// export adds once it has), then, in a second process on the same data, `--other-work` seconds of other heavy
// work (the Chats list, page after page) followed by one export: the young generation is any heavy request's,
// not the export's. Target: ≥ 30 % of COPY's rate.
//
// Data: seeded straight into the product's database with INSERT … SELECT generate_series (the server is idle
// meanwhile): 50 agents, a visitor per three chats, per chat four transcript entries (started, a visitor text,
// agent_joined, an agent text) and one assignment, spread over 2026.
//
//   node --conditions=@source --import tsx bench/exports.ts [--chats 1000000] [--rounds 3] [--other-work 60]
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import type { DB } from '../packages/server/src/db/schema.js';
import { BATCH_SIZE, conversationsQuery } from '../packages/server/src/modules/exports/index.js';
import { periodRange } from '@parley/protocol';
import { num, options } from './lib/args.js';
import { Session } from './lib/http.js';
import { Inspector } from './lib/inspector.js';
import { ADMIN, productRoot, serverNodeFlags, startProduct } from './lib/procs.js';
import { machine, writeResult } from './lib/results.js';

const opts = options({
  chats: { type: 'string', default: '1000000' },
  rounds: { type: 'string', default: '3' },
  'other-work': { type: 'string', default: '60' },
  /** The result's name (bench/results/<out>-<date>.json); a name with "quick" is never shown in the docs. */
  out: { type: 'string' },
});
const CHATS = num(opts.chats, 'chats');
const ROUNDS = num(opts.rounds, 'rounds');
const CONTROL_SECONDS = num(opts['other-work'], 'other-work');
const TZ = 'Europe/Amsterdam';
const PERIOD = { from: '2026-01-01', to: '2026-12-31' };
const MB = 1024 * 1024;

const log = (...a: unknown[]) => console.log(new Date().toISOString().slice(11, 19), ...a);

/** A version-4-shaped UUID made from a text (ids the API's schemas accept, the same every run). */
const uid = (text: string) => `overlay(overlay(md5(${text}) placing '4' from 13) placing '8' from 17)::uuid`;

async function seed(client: pg.Client, accountId: string): Promise<number> {
  const t0 = performance.now();
  const q = async (text: string, values: unknown[] = []) => {
    const t = performance.now();
    const r = await client.query(text, values);
    log(`  ${text.trim().split('\n')[0]!.slice(0, 60)} … ${((performance.now() - t) / 1000).toFixed(1)} s`);
    return r;
  };
  const visitors = Math.ceil(CHATS / 3);
  await q(`update accounts set time_zone = $1 where id = $2`, [TZ, accountId]);
  await q(
    `insert into users (id, account_id, email, password_hash, first_name, last_name, rights, live_chat_limit)
     select ${uid(`'u' || g`)}, $1, 'agent' || g || '@bench.example', 'x', 'Agent', 'Nr ' || g, 'agent', 5
     from generate_series(1, 50) g`,
    [accountId],
  );
  await q(
    `insert into visitors (id, account_id, token_hash, visits, chats)
     select ${uid(`'v' || g`)}, $1, md5('t' || g), 3, 3 from generate_series(1, $2::int) g`,
    [accountId, visitors],
  );
  await q(
    `insert into chats (id, account_id, campaign_id, website_id, visitor_id, status, mode, proactive, start_url,
       agent_id, started_at, assigned_at, first_response_at, closed_at, closed_by, duration_seconds,
       first_response_seconds, rating, last_seq)
     select ${uid(`'c' || g`)}, $1, (select id from campaigns where account_id = $1 limit 1),
       (select id from websites where account_id = $1 limit 1), ${uid(`'v' || (g % $3::int + 1)`)}, 'closed',
       case when g % 7 = 0 then 'nrt' else 'live' end, g % 3 = 0, 'https://shop.example/p/' || (g % 500),
       ${uid(`'u' || (g % 50 + 1)`)}, t, t + interval '10 seconds', t + interval '40 seconds',
       t + interval '10 minutes', 'visitor', 600, 40, case when g % 4 = 0 then g % 5 + 1 end, 4
     from generate_series(1, $2::int) g,
       lateral (select timestamptz '2026-01-01 00:00:00+01' + (g::float8 / $2::int) * interval '364 days' as t) x`,
    [accountId, CHATS, visitors],
  );
  await q(
    `insert into chat_events (chat_id, seq, account_id, type, author, created_at)
     select c.id, s, $1, (array['started', 'text', 'agent_joined', 'text'])[s],
       (array['system', 'visitor', 'system', 'agent'])[s]::text, c.started_at + s * interval '10 seconds'
     from chats c, generate_series(1, 4) s where c.account_id = $1`,
    [accountId],
  );
  await q(
    `insert into chat_assignments (account_id, chat_id, user_id, reason, assigned_at, ended_at, answered)
     select $1, id, agent_id, 'routed', assigned_at, closed_at, true from chats where account_id = $1`,
    [accountId],
  );
  await q(`analyze`);
  return (performance.now() - t0) / 1000;
}

/** One reading of the server's memory, from inside (the inspector) and from /proc. Bytes. */
type Mem = {
  rss: number;
  heapUsed: number;
  /** The young generation's reserved size (new space and new large objects) and what it holds now. */
  young: number;
  youngUsed: number;
  /** Heap used outside the young generation (live data and old garbage not collected yet). */
  oldUsed: number;
  external: number;
};
const MEM_EXPRESSION = `(() => {
  const m = process.memoryUsage();
  const spaces = process.getBuiltinModule('v8').getHeapSpaceStatistics();
  const of = (n) => spaces.find((s) => s.space_name === n) ?? { space_size: 0, space_used_size: 0 };
  const young = of('new_space').space_size + of('new_large_object_space').space_size;
  const youngUsed = of('new_space').space_used_size + of('new_large_object_space').space_used_size;
  return JSON.stringify({ rss: m.rss, heapUsed: m.heapUsed, young, youngUsed, oldUsed: m.heapUsed - youngUsed,
    external: m.external });
})()`;
const enabled = new WeakSet<Inspector>();
async function readMem(inspector: Inspector): Promise<Mem> {
  // Without Runtime.enable a fresh session may not know the main context yet ("Cannot find context").
  if (!enabled.has(inspector)) {
    await inspector.call('Runtime.enable');
    enabled.add(inspector);
  }
  const r = await inspector.call<{ result: { value: string } }>('Runtime.evaluate', {
    expression: MEM_EXPRESSION,
    returnByValue: true,
  });
  return JSON.parse(r.result.value) as Mem;
}
const KEYS = ['rss', 'heapUsed', 'young', 'youngUsed', 'oldUsed', 'external'] as const;

/**
 * The server's memory while a piece of work runs: at the start, the highest of each figure (sampled every
 * 250 ms) and at the end; with `gcAfter`, then after two forced full garbage collections (what the work left
 * behind; they also give the young generation back, so they are only done after the last piece of work).
 */
async function measured<T>(inspector: Inspector, work: () => Promise<T>, gcAfter = false) {
  const startMem = await readMem(inspector);
  const peak = { ...startMem };
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      await new Promise((r) => setTimeout(r, 250));
      const m = await readMem(inspector);
      for (const k of KEYS) peak[k] = Math.max(peak[k], m[k]);
    }
  })();
  let result: T;
  try {
    result = await work();
  } finally {
    sampling = false;
    await sampler.catch(() => {});
  }
  const endMem = await readMem(inspector);
  for (const k of KEYS) peak[k] = Math.max(peak[k], endMem[k]);
  let afterGc: Mem | undefined;
  if (gcAfter) {
    await inspector.gc();
    afterGc = await readMem(inspector);
  }
  const growth = Object.fromEntries(KEYS.map((k) => [k, peak[k] - startMem[k]])) as Mem;
  return { result, mem: { start: startMem, peak, end: endMem, afterGc, growth } };
}
type Measured = Awaited<ReturnType<typeof measured>>['mem'];

/** The product's download: rows counted as CRLF-ended records (no field of this data holds a line break). */
async function download(url: string, cookie: string) {
  const t0 = performance.now();
  const res = await fetch(url, { headers: { cookie } });
  if (res.status !== 200) throw new Error(`export: ${res.status} ${await res.text()}`);
  let bytes = 0;
  let lines = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) lines++;
  }
  return { rows: lines - 1, bytes, seconds: (performance.now() - t0) / 1000 };
}

/** Other heavy work for comparison: the Chats list read page after page (100 chats a page) for `seconds`. */
async function chatListPages(session: Session, seconds: number) {
  const t0 = performance.now();
  let pages = 0;
  let cursor: string | null = null;
  do {
    const q = new URLSearchParams({ from: PERIOD.from, to: PERIOD.to, limit: '100' });
    if (cursor) q.set('cursor', cursor);
    const page: { nextCursor: string | null } = await session.request('GET', `/api/chats?${q}`);
    cursor = page.nextCursor;
    pages++;
  } while (cursor && performance.now() - t0 < seconds * 1000);
  return { pages, seconds: (performance.now() - t0) / 1000 };
}

/** COPY of the same SELECT through psql (its output read here, like the product's). */
async function copy(dbUrl: string, text: string) {
  const t0 = performance.now();
  const child = spawn('psql', [dbUrl, '-X', '-q', '-c', `COPY (${text}) TO STDOUT (FORMAT csv)`], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let bytes = 0;
  let lines = 0;
  let err = '';
  child.stderr.on('data', (d) => (err += String(d)));
  for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) lines++;
  }
  const code = await new Promise<number | null>((r) => child.once('close', r));
  if (code !== 0) throw new Error(`psql: ${code} ${err}`);
  return { rows: lines, bytes, seconds: (performance.now() - t0) / 1000 };
}

/** The report's SELECT with its parameters written in (COPY takes no parameters). */
function inlined(compiled: { sql: string; parameters: readonly unknown[] }): string {
  const lit = (v: unknown): string => {
    if (v instanceof Date) return `'${v.toISOString()}'::timestamptz`;
    if (typeof v === 'number') return String(v);
    return `'${String(v).replace(/'/g, "''")}'`;
  };
  return compiled.sql.replace(/\$(\d+)/g, (_m, n: string) => lit(compiled.parameters[Number(n) - 1]));
}

const MBs = (b: number) => `${(b / MB).toFixed(0)} MB`;
const memLine = (m: Measured) =>
  `RSS ${MBs(m.start.rss)} → peak ${MBs(m.peak.rss)} (+${MBs(m.growth.rss)}); young generation reserved ` +
  `${MBs(m.start.young)} → ${MBs(m.peak.young)}; heap outside it ${MBs(m.start.oldUsed)} → peak ` +
  `${MBs(m.peak.oldUsed)} (+${MBs(m.growth.oldUsed)})` +
  (m.afterGc ? `; after full GCs: RSS ${MBs(m.afterGc.rss)}, heap ${MBs(m.afterGc.heapUsed)}` : '');

const load0 = loadavg()[0]!;
const product = await startProduct('postgres', { redis: false, inspect: true });
log(`product on ${product.label}, pid ${product.pid}`);
let second: Awaited<ReturnType<typeof startProduct>> | undefined;
try {
  const dbUrl = product.env.DATABASE_URL!;
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  const admin = await Session.login(product.url, ADMIN.email, ADMIN.password);
  const accountId = admin.me.account.id;
  log(`seeding ${CHATS.toLocaleString('en')} chats`);
  const seedSeconds = await seed(client, accountId);
  log(`seeded in ${seedSeconds.toFixed(0)} s`);

  const kdb = new Kysely<DB>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: dbUrl }) }),
  });
  const { start, end } = periodRange(PERIOD, TZ);
  const scope = { accountId, timeZone: TZ, ...PERIOD, start, end, now: new Date() };
  const copySql = inlined(conversationsQuery(scope, undefined, null).compile(kdb));
  await kdb.destroy();
  await client.end();

  const exportUrl = (url: string) =>
    `${url}/api/exports/conversations.csv?from=${PERIOD.from}&to=${PERIOD.to}`;
  const smallUrl = (url: string) => `${url}/api/exports/conversations.csv?from=2026-01-01&to=2026-01-07`;
  const inspector = await Inspector.connect(product.inspectorUrl!);
  // Warm-up: one small download first, so that the growth measured is the stream's, not the first request's
  // (code compiled, pools filled).
  await download(smallUrl(product.url), admin.cookie);
  const rounds: {
    copy: Awaited<ReturnType<typeof copy>>;
    product: Awaited<ReturnType<typeof download>>;
    mem: Measured;
  }[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const c = await copy(dbUrl, copySql);
    log(
      `COPY: ${c.rows} rows, ${(c.bytes / MB).toFixed(0)} MB in ${c.seconds.toFixed(1)} s = ${Math.round(c.rows / c.seconds)} rows/s`,
    );
    const { result: p, mem } = await measured(
      inspector,
      () => download(exportUrl(product.url), admin.cookie),
      r === ROUNDS - 1,
    );
    log(
      `export ${r + 1}: ${p.rows} rows, ${(p.bytes / MB).toFixed(0)} MB in ${p.seconds.toFixed(1)} s = ${Math.round(p.rows / p.seconds)} rows/s (${((p.rows / p.seconds / (c.rows / c.seconds)) * 100).toFixed(0)} % of COPY); ${memLine(mem)}`,
    );
    if (p.rows !== c.rows) throw new Error(`row counts differ: export ${p.rows}, COPY ${c.rows}`);
    rounds.push({ copy: c, product: p, mem });
  }
  inspector.close();

  // The comparison: a second server process on the same data first does other heavy work (the Chats list, page
  // after page), then one export. The young generation that work sizes is the one the export would have grown.
  second = await startProduct('postgres', { join: product, inspect: true });
  const inspector2 = await Inspector.connect(second.inspectorUrl!);
  const admin2 = await Session.login(second.url, ADMIN.email, ADMIN.password);
  await download(smallUrl(second.url), admin2.cookie);
  const other = await measured(inspector2, () => chatListPages(admin2, CONTROL_SECONDS));
  log(
    `other work: ${other.result.pages} pages of the Chats list in ${other.result.seconds.toFixed(0)} s; ${memLine(other.mem)}`,
  );
  const after = await measured(inspector2, () => download(exportUrl(second!.url), admin2.cookie), true);
  log(
    `export after it: ${after.result.rows} rows in ${after.result.seconds.toFixed(1)} s = ${Math.round(after.result.rows / after.result.seconds)} rows/s; ${memLine(after.mem)}`,
  );
  inspector2.close();

  const median = (xs: number[]) => {
    const a = [...xs].sort((x, y) => x - y);
    return (a[Math.floor((a.length - 1) / 2)]! + a[Math.ceil((a.length - 1) / 2)]!) / 2;
  };
  const ratios = rounds.map((x) => x.product.rows / x.product.seconds / (x.copy.rows / x.copy.seconds));
  const later = rounds.slice(1).map((x) => x.mem.growth.rss);
  const result = {
    bench: 'exports' as const,
    date: new Date().toISOString(),
    machine: machine(),
    config: {
      db: product.label,
      chats: CHATS,
      rounds: ROUNDS,
      batchSize: BATCH_SIZE,
      nodeFlags: serverNodeFlags(productRoot),
      otherWorkSeconds: CONTROL_SECONDS,
    },
    seedSeconds,
    load: { before: load0, after: loadavg()[0]! },
    rounds,
    otherWork: { ...other.result, mem: other.mem },
    exportAfterOtherWork: { ...after.result, mem: after.mem },
    summary: {
      ratio: median(ratios),
      ratioMin: Math.min(...ratios),
      ratioMax: Math.max(...ratios),
      copyRowsPerS: median(rounds.map((x) => x.copy.rows / x.copy.seconds)),
      productRowsPerS: median(rounds.map((x) => x.product.rows / x.product.seconds)),
      /** RSS growth of the first download of the process (the young generation sized on the way). */
      firstRssGrowth: rounds[0]!.mem.growth.rss,
      /** The largest RSS growth of the later downloads of the same process. */
      laterRssGrowth: later.length ? Math.max(...later) : null,
      /** The largest growth of the heap outside the young generation in any download (what the stream holds). */
      oldHeapGrowth: Math.max(...rounds.map((x) => x.mem.growth.oldUsed), after.mem.growth.oldUsed),
      /** RSS growth of an export after other work sized the young generation. */
      afterOtherWorkRssGrowth: after.mem.growth.rss,
      otherWorkRssGrowth: other.mem.growth.rss,
    },
  };
  const file = await writeResult(opts.out ?? `exports-postgres-${CHATS}`, result);
  const s = result.summary;
  log(
    `RESULT: export ${Math.round(s.productRowsPerS)} rows/s, COPY ${Math.round(s.copyRowsPerS)} rows/s → ` +
      `${(s.ratio * 100).toFixed(0)} % of COPY (target ≥ 30 %); RSS growth: first download ${MBs(s.firstRssGrowth)}, later ` +
      `${s.laterRssGrowth === null ? '–' : MBs(s.laterRssGrowth)}, after other work ${MBs(s.afterOtherWorkRssGrowth)} (other work itself ${MBs(s.otherWorkRssGrowth)}); ` +
      `heap outside the young generation +${MBs(s.oldHeapGrowth)} at most (target < 50 MB). ${file}`,
  );
} catch (e) {
  log('server output:', (second ?? product).output.join('').slice(-3000));
  throw e;
} finally {
  await second?.stop();
  await product.stop();
}
