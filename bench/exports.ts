// bench/exports: the Conversations export (EXP-4) of `--chats` chats (default 1,000,000) over a year, streamed by
// the product as CSV, against PostgreSQL's own `COPY (…) TO STDOUT (FORMAT csv)` of the same rows — the same
// SELECT (joins, per-chat counts, local times), without a LIMIT — in the same run. Measured: rows per second of
// each (wall time until the last byte reached this process), and the server's memory growth while it streams
// (RSS sampled every 200 ms, peak − at start). Target: ≥ 30 % of COPY's rate, growth < 50 MB.
//
// Data: seeded straight into the product's database with INSERT … SELECT generate_series (the server is idle
// meanwhile): 50 agents, a visitor per three chats, per chat four transcript entries (started, a visitor text,
// agent_joined, an agent text) and one assignment, spread over 2026.
//
//   node --conditions=@source --import tsx bench/exports.ts [--chats 1000000] [--rounds 2]
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import type { DB } from '../packages/server/src/db/schema.js';
import { conversationsQuery } from '../packages/server/src/modules/exports/index.js';
import { periodRange } from '@parley/protocol';
import { num, options } from './lib/args.js';
import { Session } from './lib/http.js';
import { ADMIN, RssMeter, outDir, startProduct } from './lib/procs.js';
import { machine } from './lib/results.js';

const opts = options({
  chats: { type: 'string', default: '1000000' },
  rounds: { type: 'string', default: '2' },
});
const CHATS = num(opts.chats, 'chats');
const ROUNDS = num(opts.rounds, 'rounds');
const TZ = 'Europe/Amsterdam';
const PERIOD = { from: '2026-01-01', to: '2026-12-31' };
const MB = 1024 * 1024;

const log = (...a: unknown[]) => console.log(new Date().toISOString().slice(11, 19), ...a);

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
     select md5('u' || g)::uuid, $1, 'agent' || g || '@bench.example', 'x', 'Agent', 'Nr ' || g, 'agent', 5
     from generate_series(1, 50) g`,
    [accountId],
  );
  await q(
    `insert into visitors (id, account_id, token_hash, visits, chats)
     select md5('v' || g)::uuid, $1, md5('t' || g), 3, 3 from generate_series(1, $2::int) g`,
    [accountId, visitors],
  );
  await q(
    `insert into chats (id, account_id, campaign_id, website_id, visitor_id, status, mode, proactive, start_url,
       agent_id, started_at, assigned_at, first_response_at, closed_at, closed_by, duration_seconds,
       first_response_seconds, rating, last_seq)
     select md5('c' || g)::uuid, $1, (select id from campaigns where account_id = $1 limit 1),
       (select id from websites where account_id = $1 limit 1), md5('v' || (g % $3::int + 1))::uuid, 'closed',
       case when g % 7 = 0 then 'nrt' else 'live' end, g % 3 = 0, 'https://shop.example/p/' || (g % 500),
       md5('u' || (g % 50 + 1))::uuid, t, t + interval '10 seconds', t + interval '40 seconds',
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

/** The product's download: rows counted as CRLF-ended records (no field of this data holds a line break). */
async function download(url: string, cookie: string, pid: number) {
  const meter = new RssMeter(pid);
  await meter.start();
  const t0 = performance.now();
  const res = await fetch(url, { headers: { cookie } });
  if (res.status !== 200) throw new Error(`export: ${res.status} ${await res.text()}`);
  let bytes = 0;
  let lines = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) lines++;
  }
  const seconds = (performance.now() - t0) / 1000;
  const rss = await meter.stop();
  return { rows: lines - 1, bytes, seconds, rssStartMB: rss.ready / MB, rssPeakMB: rss.peak / MB };
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

const load0 = loadavg()[0]!;
const product = await startProduct('postgres', { redis: false });
log(`product on ${product.label}, pid ${product.pid}`);
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

  const exportUrl = `${product.url}/api/exports/conversations.csv?from=${PERIOD.from}&to=${PERIOD.to}`;
  // Warm-up: one small download first, so that the growth measured is the stream's, not the first request's
  // (code compiled, pools filled).
  await download(
    `${product.url}/api/exports/conversations.csv?from=2026-01-01&to=2026-01-07`,
    admin.cookie,
    product.pid,
  );
  const rounds: { copy: Awaited<ReturnType<typeof copy>>; product: Awaited<ReturnType<typeof download>> }[] =
    [];
  for (let r = 0; r < ROUNDS; r++) {
    const c = await copy(dbUrl, copySql);
    log(
      `COPY: ${c.rows} rows, ${(c.bytes / MB).toFixed(0)} MB in ${c.seconds.toFixed(1)} s = ${Math.round(c.rows / c.seconds)} rows/s`,
    );
    const p = await download(exportUrl, admin.cookie, product.pid);
    log(
      `export: ${p.rows} rows, ${(p.bytes / MB).toFixed(0)} MB in ${p.seconds.toFixed(1)} s = ${Math.round(p.rows / p.seconds)} rows/s; ` +
        `RSS ${p.rssStartMB.toFixed(0)} → peak ${p.rssPeakMB.toFixed(0)} MB`,
    );
    if (p.rows !== c.rows) throw new Error(`row counts differ: export ${p.rows}, COPY ${c.rows}`);
    rounds.push({ copy: c, product: p });
  }
  const best = <T>(xs: T[], f: (x: T) => number) => Math.max(...xs.map(f));
  const copyRate = best(rounds, (x) => x.copy.rows / x.copy.seconds);
  const productRate = best(rounds, (x) => x.product.rows / x.product.seconds);
  const growth = best(rounds, (x) => x.product.rssPeakMB - x.product.rssStartMB);
  const result = {
    bench: 'exports',
    machine: machine(),
    db: product.label,
    chats: CHATS,
    seedSeconds,
    load: { before: load0, after: loadavg()[0]! },
    rounds,
    copyRowsPerS: Math.round(copyRate),
    productRowsPerS: Math.round(productRate),
    ratio: productRate / copyRate,
    rssGrowthMB: growth,
  };
  await mkdir(path.join(outDir, 'results'), { recursive: true });
  const file = path.join(outDir, 'results', `exports-postgres-${CHATS}.json`);
  await writeFile(file, JSON.stringify(result, null, 2) + '\n');
  log(
    `RESULT: export ${result.productRowsPerS} rows/s, COPY ${result.copyRowsPerS} rows/s → ` +
      `${(result.ratio * 100).toFixed(0)} % of COPY (target ≥ 30 %); server RSS growth ${growth.toFixed(1)} MB (target < 50 MB). ${file}`,
  );
} finally {
  await product.stop();
}
