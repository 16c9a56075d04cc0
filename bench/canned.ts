// bench/canned: the console's canned-response search (TLS-2) over a forum of `--answers` Q&As (10,000), against
// the same searches over `--baseline` Q&As (100) in the same run. Two products run side by side on two fresh
// databases that differ only in how many Q&As the forum has (the first `--baseline` of the same generated stream
// are the small one's); every round sends each search to both, alternately first. Measured through HTTP as the
// console sends them (GET /api/chats/:id/canned-responses?q=…, and …/suggestions?prefix=… for `#`), signed in as
// the manager, after warm-up requests. Reported per search: matches, p50/p99 on each, and the ratios.
//
//   node --conditions=@source --import tsx bench/canned.ts --db pglite|postgres [--answers 10000]
//        [--baseline 100] [--rounds 200]
import { rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { mkdtemp } from 'node:fs/promises';
import { sql } from 'kysely';
import type { CannedHits } from '@parley/protocol';
import { openDatabase } from '../packages/server/src/db/database.js';
import { migrateToLatest } from '../packages/server/src/db/migrate.js';
import { bootstrapDemoAccount } from '../packages/server/src/bootstrap.js';
import type { Config } from '../packages/server/src/environment.js';
import { num, options } from './lib/args.js';
import { Session } from './lib/http.js';
import { ADMIN, freshPgDatabase, startProduct, type DbKind, type Product } from './lib/procs.js';
import { machine, writeResult, type CannedResult, type CannedSearchRow } from './lib/results.js';
import { ms, ratio, summarize } from './lib/stats.js';

const opts = options({
  db: { type: 'string', default: 'pglite' },
  answers: { type: 'string', default: '10000' },
  baseline: { type: 'string', default: '100' },
  rounds: { type: 'string', default: '200' },
  out: { type: 'string' },
});
if (opts.db !== 'pglite' && opts.db !== 'postgres') throw new Error('--db is pglite or postgres');
const db: DbKind = opts.db;
const ANSWERS = num(opts.answers, 'answers');
const BASELINE = num(opts.baseline, 'baseline');
const ROUNDS = num(opts.rounds, 'rounds');
const WARMUP = 20;

// ------------------------------------------------------------------------------------------ the Q&As

/** mulberry32: the same stream in every run. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = [
  'ba',
  'ko',
  'ri',
  'ten',
  'mal',
  'sur',
  'pe',
  'dra',
  'lin',
  'vo',
  'ship',
  'or',
  'de',
  'an',
  'tel',
  'qu',
];
/** Shop words the questions are about, the first ones very common (Zipf-like weights over the whole list). */
const TOPICS = [
  'order',
  'shipping',
  'delivery',
  'return',
  'refund',
  'invoice',
  'payment',
  'account',
  'password',
  'size',
];

/** A vocabulary of made-up words (letters only), the topics first. */
function vocabulary(random: () => number, size: number): string[] {
  const words = new Set(TOPICS);
  while (words.size < size) {
    let w = '';
    const n = 2 + Math.floor(random() * 3);
    for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(random() * SYLLABLES.length)]!;
    words.add(w);
  }
  return [...words];
}

type Qa = { shortkey: string; question: string; answer: string };

export function generate(count: number): { items: Qa[]; words: string[] } {
  const random = prng(20261130);
  const words = vocabulary(random, 3000);
  // Zipf: word k with weight 1/(k+1); a cumulative table to draw from.
  const cumulative: number[] = [];
  let sum = 0;
  for (let k = 0; k < words.length; k++) cumulative.push((sum += 1 / (k + 1)));
  const draw = () => {
    const x = random() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return words[lo]!;
  };
  const sentence = (n: number) => Array.from({ length: n }, draw).join(' ');
  const items: Qa[] = [];
  for (let i = 0; i < count; i++) {
    items.push({
      shortkey: `${draw()}-${i}`,
      question: `${sentence(4 + Math.floor(random() * 8))}?`,
      answer: `${sentence(20 + Math.floor(random() * 40))}.`,
    });
  }
  return { items, words };
}

// ------------------------------------------------------------------------------------------ a product

type Side = { product: Product; chatId: string; session: Session; cleanup: () => Promise<void> };

/** A fresh database with the Demo account, one forum of `items` offered by its campaign, and a chat to search in. */
async function prepare(items: Qa[]): Promise<Side> {
  let url: string | undefined;
  let dataDir: string | undefined;
  let drop: (() => Promise<void>) | undefined;
  if (db === 'postgres') {
    const fresh = await freshPgDatabase();
    url = fresh.url;
    drop = fresh.drop;
  } else {
    dataDir = await mkdtemp(path.join(tmpdir(), 'parley-bench-canned-'));
  }
  const handle = await openDatabase(url ? { databaseUrl: url } : { dataDir });
  await migrateToLatest(handle.db);
  await bootstrapDemoAccount(handle.db, { adminEmail: ADMIN.email, adminPassword: ADMIN.password } as Config);
  const account = await handle.db.selectFrom('accounts').select('id').executeTakeFirstOrThrow();
  const campaign = await handle.db
    .selectFrom('campaigns')
    .select(['id', 'account_id'])
    .executeTakeFirstOrThrow();
  const admin = await handle.db.selectFrom('users').select('id').executeTakeFirstOrThrow();
  const forum = await handle.db
    .insertInto('canned_forums')
    .values({ account_id: account.id, title: 'Shop' })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (let i = 0; i < items.length; i += 500) {
    await handle.db
      .insertInto('canned_responses')
      .values(items.slice(i, i + 500).map((q) => ({ account_id: account.id, forum_id: forum.id, ...q })))
      .execute();
  }
  await handle.db
    .insertInto('campaign_canned_forums')
    .values({ campaign_id: campaign.id, forum_id: forum.id, account_id: account.id })
    .execute();
  const visitor = await handle.db
    .insertInto('visitors')
    .values({
      account_id: account.id,
      token_hash: 'bench',
      first_seen_at: new Date(),
      last_seen_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const chat = await handle.db
    .insertInto('chats')
    .values({
      account_id: account.id,
      campaign_id: campaign.id,
      visitor_id: visitor.id,
      status: 'active',
      agent_id: admin.id,
      started_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await sql`vacuum analyze`.execute(handle.db);
  await handle.close();
  const product = await startProduct(db, {
    redis: false,
    ...(url ? { databaseUrl: url } : {}),
    ...(dataDir ? { dataDir } : {}),
  });
  return {
    product,
    chatId: chat.id,
    // Signed in once both products are up (a session's idle connection would be closed meanwhile).
    session: undefined as unknown as Session,
    cleanup: async () => {
      await product.stop();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
      await drop?.();
    },
  };
}

// ------------------------------------------------------------------------------------------ the searches

/** A search as the console sends it, and how many of a set of Q&As it matches (counted here, not by the server). */
type Search = { name: string; path: (chatId: string) => string; matches: (items: Qa[]) => number };

/** The words of a Q&A as the `simple` configuration has them (letters and digits; a-b also as its parts). */
const tokenCache = new WeakMap<Qa, string[]>();
function tokens(q: Qa): string[] {
  let t = tokenCache.get(q);
  if (!t) {
    t = [...new Set(`${q.shortkey} ${q.question} ${q.answer}`.toLowerCase().split(/[^\p{L}\p{N}]+/u))];
    tokenCache.set(q, t);
  }
  return t;
}
/** Every word of the search is the start of a word of the Q&A. */
const matchesAll = (items: Qa[], query: string) => {
  const want = query.toLowerCase().split(/\s+/).filter(Boolean);
  return items.filter((q) => {
    const have = tokens(q);
    return want.every((w) => have.some((t) => t.startsWith(w)));
  }).length;
};

function searches(items: Qa[], words: string[]): Search[] {
  // How many Q&As have each word: the searches are picked by how much of the forum they match.
  const df = new Map<string, number>();
  for (const q of items) for (const t of tokens(q)) df.set(t, (df.get(t) ?? 0) + 1);
  const share = (w: string) => (df.get(w) ?? 0) / items.length;
  const pick = (lo: number, hi: number) =>
    words.find((w) => !w.includes('-') && share(w) >= lo && share(w) <= hi)!;
  const rare = words.find(
    (w) => (df.get(w) ?? 0) >= 1 && (df.get(w) ?? 0) <= 5 && !matchesAll(items.slice(0, 100), w),
  )!;
  const medium = pick(0.01, 0.03);
  const frequent = pick(0.1, 0.3);
  const search = (q: string): Search => ({
    name: q ? `“${q}”` : '',
    path: (chatId) => `/api/chats/${chatId}/canned-responses?q=${encodeURIComponent(q)}`,
    matches: (set) => matchesAll(set, q),
  });
  const named = (name: string, s: Search): Search => ({ ...s, name: `${name} ${s.name}`.trim() });
  return [
    named('a rare word', search(rare)),
    named('a word in 1–3 % of the Q&As', search(medium)),
    named('a word in 10–30 %', search(frequent)),
    named('the commonest word', search(words[0]!)),
    named('a prefix', search(words[1]!.slice(0, 4))),
    named('one letter', search('s')),
    named('two words', search(`${frequent} ${medium}`)),
    named('no words (the forum’s first Q&As)', search('')),
    {
      name: '`#` + two letters (“ko”)',
      path: (chatId) => `/api/chats/${chatId}/canned-responses/suggestions?prefix=ko`,
      matches: (set) => set.filter((q) => q.shortkey.toLowerCase().startsWith('ko')).length,
    },
  ];
}

async function main() {
  const { items, words } = generate(ANSWERS);
  const small = items.slice(0, BASELINE);
  // The searches and how many Q&As each matches, worked out before any connection is open.
  const t0 = Date.now();
  const plan = searches(items, words);
  const counts = new Map(plan.map((s) => [s, { baseline: s.matches(small), product: s.matches(items) }]));
  console.log(`searches planned in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  console.log(`preparing two databases (${db}): ${BASELINE} and ${ANSWERS} Q&As`);
  const started = Date.now();
  const base = await prepare(small);
  const large = await prepare(items);
  console.log(`prepared in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  for (const side of [base, large])
    side.session = await Session.login(side.product.url, ADMIN.email, ADMIN.password);
  const load = { before: loadavg()[0]!, after: 0 };
  const rows: CannedSearchRow[] = [];
  try {
    for (const s of plan) {
      const get = (side: Side) =>
        side.session.request<CannedHits>('GET', s.path(side.chatId)).catch((err: unknown) => {
          throw new Error(`${side.product.url}${s.path(side.chatId)}`, { cause: err });
        });
      const matches = counts.get(s)!;
      for (let i = 0; i < WARMUP; i++) {
        await get(base);
        await get(large);
      }
      const samples = { baseline: [] as number[], product: [] as number[] };
      const time = async (side: Side, into: number[]) => {
        const t = performance.now();
        await get(side);
        into.push(performance.now() - t);
      };
      for (let i = 0; i < ROUNDS; i++) {
        if (i % 2 === 0) {
          await time(base, samples.baseline);
          await time(large, samples.product);
        } else {
          await time(large, samples.product);
          await time(base, samples.baseline);
        }
      }
      const b = summarize(samples.baseline);
      const p = summarize(samples.product);
      rows.push({
        search: s.name,
        matches,
        baseline: b,
        product: p,
        ratioP50: p.p50 / b.p50,
        ratioP99: p.p99 / b.p99,
      });
    }
  } catch (err) {
    for (const side of [base, large]) console.error(side.product.output.join('').slice(-3000));
    throw err;
  } finally {
    load.after = loadavg()[0]!;
    await base.cleanup();
    await large.cleanup();
  }

  console.log(
    `\nbench/canned on ${large.product.label}: ${ANSWERS.toLocaleString('en-US')} Q&As against ${BASELINE}, ${ROUNDS} rounds`,
  );
  console.log(
    'search                                             matches     large: p50 / p99     baseline: p50 / p99   ratio p50 / p99',
  );
  for (const r of rows)
    console.log(
      `${r.search.padEnd(50)} ${String(r.matches.product).padStart(4)}/${String(r.matches.baseline).padEnd(4)} ${ms(r.product.p50).padStart(9)} / ${ms(r.product.p99).padEnd(9)} ${ms(r.baseline.p50).padStart(9)} / ${ms(r.baseline.p99).padEnd(9)} ${ratio(r.ratioP50)} / ${ratio(r.ratioP99)}`,
    );
  const result: CannedResult = {
    bench: 'canned',
    date: new Date().toISOString(),
    machine: machine(),
    config: { db: large.product.label, answers: ANSWERS, baseline: BASELINE, rounds: ROUNDS, warmup: WARMUP },
    load,
    rows,
  };
  const file = await writeResult(opts.out ?? `canned-${db}`, result);
  console.log(`result: ${file}`);
}

// Run as a script (imported, it only lends its generator).
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename))
  main().then(
    () => process.exit(0),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
