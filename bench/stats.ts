// bench/stats: the statistics page's one request, GET /api/statistics (all nine figures, STA-1…9), for one account
// holding `--chats` chats spread over a year (the sample-data generator, `npm run seed:load`), over the last 30
// days and over the whole year, through the running product (HTTP, signed in as the manager).
//
// Baseline, in the same run on the same database: `SELECT count(*)` of the same rows (the account's chats that
// started in the same period), sent straight to the database — the least any statistic over those rows costs.
// The bench loads only the tables the statistics read (chats, their visitors, success codes) — not
// transcripts, visits or page views, which would make loading take far longer and the statistics no slower. Reported per period: the product's latency (p50, p99 over `--rounds` requests after one warm-up) and the ratio
// to the baseline's p50; the server's RSS before and after; the time the sample data took to load.
//
//   node --conditions=@source --import tsx bench/stats.ts --db postgres|pglite [--chats 1000000] [--rounds 15]
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { addDays, localDateOf, periodRange, type Statistics } from '@parley/protocol';
import { openDatabase } from '../packages/server/src/db/database.js';
import { migrateToLatest } from '../packages/server/src/db/migrate.js';
import { bootstrapDemoAccount } from '../packages/server/src/bootstrap.js';
import type { Config } from '../packages/server/src/environment.js';
import { generateDays, generateSetup, type SeedOptions } from '../packages/server/src/seed/generate.js';
import { loadSeed } from '../packages/server/src/seed/load.js';
import { num, options } from './lib/args.js';
import { Session } from './lib/http.js';
import { ADMIN, freshPgDatabase, outDir, rssBytes, startProduct, type DbKind } from './lib/procs.js';
import { machine } from './lib/results.js';
import { mb, ms, ratio, summarize, type Summary } from './lib/stats.js';

const opts = options({
  db: { type: 'string', default: 'postgres' },
  chats: { type: 'string', default: '1000000' },
  rounds: { type: 'string', default: '15' },
  out: { type: 'string' },
});
if (opts.db !== 'pglite' && opts.db !== 'postgres') throw new Error('--db is pglite or postgres');
const db: DbKind = opts.db;
const CHATS = num(opts.chats, 'chats');
const ROUNDS = num(opts.rounds, 'rounds');
const TZ = 'Europe/Amsterdam';

type Period = { name: string; from: string; to: string };
type Row = { period: Period; rows: number; product: Summary; baseline: Summary; ratio: number };

async function main() {
  const now = new Date();
  const today = localDateOf(now, TZ);
  const periods: Period[] = [
    { name: '30 days', from: addDays(today, -29), to: today },
    { name: '1 year', from: addDays(today, -364), to: today },
  ];

  // The data, loaded before the server starts (an embedded data directory has one process at a time).
  let url: string | undefined;
  let dataDir: string | undefined;
  let dropPg: (() => Promise<void>) | undefined;
  if (db === 'postgres') {
    const fresh = await freshPgDatabase();
    url = fresh.url;
    dropPg = fresh.drop;
  } else {
    dataDir = await mkdtemp(path.join(tmpdir(), 'parley-bench-stats-'));
  }
  const loadStarted = Date.now();
  const handle = await openDatabase(url ? { databaseUrl: url } : { dataDir });
  await migrateToLatest(handle.db);
  await bootstrapDemoAccount(handle.db, { adminEmail: ADMIN.email, adminPassword: ADMIN.password } as Config);
  const account = await handle.db.selectFrom('accounts').select('id').executeTakeFirstOrThrow();
  await sql`update accounts set time_zone = ${TZ} where id = ${account.id}`.execute(handle.db);
  const seedOpts: SeedOptions = {
    accountId: account.id,
    timeZone: TZ,
    chats: CHATS,
    days: 365,
    lastDate: today,
    now,
    seed: 'bench',
    passwordHash: 'not-used',
  };
  const dryStarted = Date.now();
  seedOpts.seed = distinctIdsSeed(seedOpts);
  const dryS = (Date.now() - dryStarted) / 1000;
  console.log(`seed ${seedOpts.seed} (checked in ${dryS.toFixed(0)} s, not counted in the load time)`);
  const summary = await loadSeed(
    handle.db,
    seedOpts,
    (date, done, of) => {
      if (done % 30 === 0 || done === of) console.log(`  ${date}: ${done}/${of} days`);
    },
    handle.kind,
    // What the statistics read (chats, their visitors and visits, success codes); transcripts and page views would only
    // make loading slower, not the statistics: they are other tables.
    ['visitors', 'visits', 'chats', 'chat_success_codes'],
  );
  await sql`vacuum analyze`.execute(handle.db);
  const loadS = (Date.now() - loadStarted) / 1000 - dryS;
  console.log(
    `loaded ${CHATS} chats (${Object.values(summary.rows).reduce((a, b) => a + b, 0)} rows) in ${loadS.toFixed(0)} s`,
  );

  // Baseline: count(*) of the same rows, straight to the database.
  const baseline = new Map<string, { rows: number; samples: number[] }>();
  for (const p of periods) {
    const { start, end } = periodRange(p, TZ);
    const q = () =>
      sql<{ n: number }>`select count(*)::int as n from chats
        where account_id = ${account.id} and started_at >= ${start} and started_at < ${end}`.execute(
        handle.db,
      );
    const rows = (await q()).rows[0]!.n;
    const samples: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const t = performance.now();
      await q();
      samples.push(performance.now() - t);
    }
    baseline.set(p.name, { rows, samples });
  }
  await handle.close();

  const product = await startProduct(db, {
    redis: false,
    ...(url ? { databaseUrl: url } : {}),
    ...(dataDir ? { dataDir } : {}),
  });
  const results: Row[] = [];
  const rss = { ready: 0, end: 0 };
  try {
    rss.ready = await rssBytes(product.pid);
    const manager = await Session.login(product.url, ADMIN.email, ADMIN.password);
    for (const p of periods) {
      const path = `/api/statistics?from=${p.from}&to=${p.to}`;
      const first = await manager.request<Statistics>('GET', path); // warm-up
      const b = baseline.get(p.name)!;
      if (first.total !== b.rows) throw new Error(`${p.name}: total ${first.total}, count(*) ${b.rows}`);
      const samples: number[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        const t = performance.now();
        await manager.request<Statistics>('GET', path);
        samples.push(performance.now() - t);
      }
      const s = summarize(samples);
      const base = summarize(b.samples);
      results.push({ period: p, rows: b.rows, product: s, baseline: base, ratio: s.p50 / base.p50 });
    }
    rss.end = await rssBytes(product.pid);
  } finally {
    await product.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    await dropPg?.();
  }

  console.log(
    `\nbench/stats on ${product.label}: ${CHATS.toLocaleString('en-US')} chats over a year, ${ROUNDS} rounds`,
  );
  console.log('period    chats matched   product p50 / p99      count(*) p50    ratio');
  for (const r of results) {
    console.log(
      `${r.period.name.padEnd(9)} ${r.rows.toLocaleString('en-US').padStart(13)}   ${ms(r.product.p50).padStart(10)} / ${ms(
        r.product.p99,
      ).padEnd(10)} ${ms(r.baseline.p50).padStart(10)}   ${ratio(r.ratio)}`,
    );
  }
  console.log(
    `server RSS: ${mb(rss.ready)} at start, ${mb(rss.end)} after; load average ${loadavg()[0]!.toFixed(2)}`,
  );
  const out = opts.out ?? path.join(outDir, 'results', `stats-${db}.json`);
  await mkdir(path.dirname(out), { recursive: true });
  await writeFile(
    out,
    JSON.stringify(
      {
        bench: 'stats',
        date: new Date().toISOString(),
        machine: machine(),
        config: { db, chats: CHATS, rounds: ROUNDS, timeZone: TZ },
        label: product.label,
        loadS,
        seed: seedOpts.seed,
        rows: summary.rows,
        results,
        rss,
      },
      null,
      2,
    ) + '\n',
  );
  console.log(`result: ${out}`);
}

/**
 * The generator's streams (one 32-bit mulberry32 per day, seeded from the seed, the account id and the date) can
 * overlap at a million chats and then repeat an id, which the load refuses (a duplicate key, at any day of the
 * year). The account's id is new in every run, so whether that happens differs per run: the first seed of
 * `bench`, `bench-1`, … whose visitors, visits and chats have distinct ids is used (a dry run of the generator).
 */
function distinctIdsSeed(base: SeedOptions): string {
  for (let i = 0; ; i++) {
    const seed = i ? `bench-${i}` : 'bench';
    const opts = { ...base, seed };
    const seen = { visitors: new Set<string>(), visits: new Set<string>(), chats: new Set<string>() };
    let clash = false;
    for (const day of generateDays(opts, generateSetup(opts))) {
      for (const key of ['visitors', 'visits', 'chats'] as const) {
        for (const row of day[key]) {
          if (seen[key].has(row.id)) clash = true;
          seen[key].add(row.id);
        }
      }
      if (clash) break;
    }
    if (!clash) return seed;
    console.log(`  seed ${seed}: the generator repeats an id for this account; trying another`);
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
