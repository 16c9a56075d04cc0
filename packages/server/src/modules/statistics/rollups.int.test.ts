import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Statistics, StatisticsQuery } from '@parley/protocol';
import { freshDatabase } from '../../../test/harness.js';
import { createAccount } from '../../bootstrap.js';
import type { DatabaseHandle, Db } from '../../db/database.js';
import { generateSetup, type SeedOptions, type SeedSetup } from '../../seed/generate.js';
import { loadSeed } from '../../seed/load.js';
import type { Actor } from '../identity/index.js';
import { requeueChat, takeChats } from '../routing/repo.js';
import { accountStatistics, statisticsPath } from './service.js';

// The rollups of migration 009 stay exactly what the chats say while many transactions write chats at once —
// started, assigned (the routing statement), answered, transferred, requeued, closed, rated, coded and uncoded,
// moved to another campaign, deleted — and the account's time zone changes in the middle of them. "Exactly":
// every row of the three rollups equals a rebuild from the chats, and the statistics answered from the rollups
// equal those counted from the chats, on days around both daylight-saving changes of the zones involved.
let handle: DatabaseHandle;
let db: Db;
let accountId: string;
let setup: SeedSetup;
let otherAccount: string;

const TZ = 'Europe/Amsterdam';

/** A deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]! };
}

async function seedAccount(id: string, lastDate: string, seed: string): Promise<SeedSetup> {
  const opts: SeedOptions = {
    accountId: id,
    timeZone: TZ,
    chats: 300,
    days: 6,
    lastDate,
    now: new Date(`${lastDate}T21:00:00Z`),
    seed,
    passwordHash: 'not-used',
  };
  await loadSeed(db, opts, undefined, handle.kind, [
    'visitors',
    'visits',
    'chats',
    'chat_assignments',
    'chat_success_codes',
  ]);
  return generateSetup(opts);
}

/** Every non-zero rollup row of the account, as sorted text (a zero row and a missing row mean the same). */
async function rollupRows(account: string, on: Db = db): Promise<string[]> {
  const { rows } = await sql<{ r: string }>`
    select 'h' || row(local_date, local_hour, campaign_id, kind, status, chats, proactive, not_offline, closed,
      duration_us, answered, response_us, rating_1, rating_2, rating_3, rating_4, rating_5, coded)::text as r
    from chat_stats_hours where account_id = ${account}
      and (chats, proactive, not_offline, closed, duration_us, answered, response_us, rating_1, rating_2, rating_3,
        rating_4, rating_5, coded) <> (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    union all
    select 'a' || row(local_date, campaign_id, agent_id, kind, status, chats)::text
    from chat_stats_agents where account_id = ${account} and chats <> 0
    union all
    select 'c' || row(local_date, campaign_id, code_id, kind, status, chats)::text
    from chat_stats_codes where account_id = ${account} and chats <> 0
  `.execute(on);
  return rows.map((r) => r.r).sort();
}

/** The rollups as a rebuild from the chats makes them (in a transaction rolled back: the real ones stay). */
async function rebuiltRows(account: string): Promise<string[]> {
  let rows: string[] = [];
  await db
    .transaction()
    .execute(async (tx) => {
      await sql`select chat_stats_rebuild(${account})`.execute(tx);
      rows = await rollupRows(account, tx);
      throw new Error('rollback');
    })
    .catch((e: Error) => {
      if (e.message !== 'rollback') throw e;
    });
  return rows;
}

function expectSame(a: Statistics, b: Statistics) {
  const strip = (s: Statistics) => ({
    ...s,
    averageDuration: { ...s.averageDuration, seconds: null },
    averageFirstResponse: { ...s.averageFirstResponse, seconds: null },
  });
  expect(strip(a)).toEqual(strip(b));
  for (const k of ['averageDuration', 'averageFirstResponse'] as const) {
    if (b[k].seconds === null) expect(a[k].seconds).toBeNull();
    else expect(a[k].seconds).toBeCloseTo(b[k].seconds, 6);
  }
}

/** The statistics from the rollups equal the statistics from the chats, for these filters. */
async function expectPathsAgree(account: string, filters: StatisticsQuery[]) {
  const actor = { accountId: account } as Actor;
  for (const q of filters) {
    expect(statisticsPath(q)).toBe('rollup');
    const fast = await accountStatistics(db, actor, q, 'rollup');
    const raw = await accountStatistics(db, actor, q, 'raw');
    expectSame(fast, raw);
  }
}

beforeAll(async () => {
  handle = await freshDatabase();
  db = handle.db;
  const a = await createAccount(db, {
    name: 'Rollups',
    host: 'www.rollups.example',
    timeZone: TZ,
    manager: { email: 'boss@rollups.example', password: 'boss-password-1', firstName: 'R', lastName: 'B' },
  });
  accountId = a.account.id;
  setup = await seedAccount(accountId, '2026-03-31', 'rollups');
  const b = await createAccount(db, {
    name: 'Bystander',
    host: 'www.bystander.example',
    timeZone: TZ,
    manager: { email: 'boss@bystander.example', password: 'boss-password-1', firstName: 'B', lastName: 'B' },
  });
  otherAccount = b.account.id;
  await seedAccount(otherAccount, '2026-03-31', 'bystander');
});
afterAll(() => handle?.close());

describe('statistics rollups (migration 009)', () => {
  it('are what a rebuild from the chats gives, after loading', async () => {
    const rows = await rollupRows(accountId);
    expect(rows.length).toBeGreaterThan(100);
    expect(rows).toEqual(await rebuiltRows(accountId));
  });

  it('stay exact under concurrent writes and a time zone change among them', async () => {
    const rnd = random(13);
    const agents = setup.agents.map((u) => u.id);
    const campaigns = setup.campaigns.map((c) => c.id);
    const codesOf = (campaign: string | null) =>
      setup.successCodes.filter((k) => k.campaign_id === campaign).map((k) => k.id);
    const { rows: visitors } = await sql<{ id: string; website_id: string }>`
      select v.id, s.website_id from visitors v join visits s on s.visitor_id = v.id
      where v.account_id = ${accountId} limit 50`.execute(db);
    const chatIds = async () =>
      (await sql<{ id: string }>`select id from chats where account_id = ${accountId}`.execute(db)).rows.map(
        (r) => r.id,
      );
    let ids = await chatIds();
    // Starts around the spring change of 2026 (Amsterdam 29 March, New York 8 March): local dates and hours move.
    const someStart = () =>
      new Date(Date.parse('2026-03-26T00:00:00Z') + Math.floor(rnd.next() * 6 * 24 * 3600) * 1000);

    type Op = (tx: Db) => Promise<unknown>;
    const chatOp = (id: string): Op => {
      const kind = Math.floor(rnd.next() * 10);
      const agent = rnd.pick(agents);
      const other = rnd.pick(agents);
      const rating = 1 + Math.floor(rnd.next() * 5);
      const campaign = rnd.next() < 0.2 ? null : rnd.pick(campaigns);
      return async (tx) => {
        const now = new Date();
        switch (kind) {
          case 0: // the routing statement (sets first_assigned_at once), after a requeue when the chat was taken
          case 1: {
            const chat = await tx
              .selectFrom('chats')
              .selectAll()
              .where('id', '=', id)
              .forUpdate()
              .executeTakeFirst();
            if (!chat || chat.status === 'closed') return;
            if (chat.status === 'active') await requeueChat(tx, chat);
            const [taken] = await takeChats(
              tx,
              [{ chatId: id, agentId: agent, level: null, forwardAt: null }],
              now,
            );
            if (chat.first_assigned_at) expect(taken!.first_assigned_at).toEqual(chat.first_assigned_at);
            else expect(taken!.first_assigned_at).toEqual(now);
            return;
          }
          case 2: // the first agent message
            return sql`update chats set first_response_at = coalesce(first_response_at, ${now}),
              last_seq = last_seq + 1 where id = ${id} and agent_id is not null`.execute(tx);
          case 3: // a transfer
            return sql`update chats set agent_id = ${other}, assigned_at = ${now}
              where id = ${id} and status = 'active'`.execute(tx);
          case 4: // closed
            return sql`update chats set status = 'closed', closed_at = ${now}
              where id = ${id} and status <> 'closed'`.execute(tx);
          case 5: // rated
            return sql`update chats set rating = ${rating} where id = ${id} and status = 'closed'`.execute(
              tx,
            );
          case 6: {
            // codes chosen (two at once: one statement), or all removed
            const chat = await tx
              .selectFrom('chats')
              .select('campaign_id')
              .where('id', '=', id)
              .executeTakeFirst();
            const codes = codesOf(chat?.campaign_id ?? null).slice(0, 2);
            if (!chat || !codes.length || rnd.next() < 0.3)
              return sql`delete from chat_success_codes where chat_id = ${id}`.execute(tx);
            return sql`insert into chat_success_codes (chat_id, code_id, account_id, chosen_at)
              select ${id}, k, ${accountId}, ${now} from unnest(${codes}::uuid[]) k
              on conflict do nothing`.execute(tx);
          }
          case 7: // another campaign (as a campaign's deletion sets it to null), codes and all
            return sql`update chats set campaign_id = ${campaign} where id = ${id}`.execute(tx);
          case 8: // deleted (a visitor's erasure): its codes go with it
            return rnd.next() < 0.3 ? sql`delete from chats where id = ${id}`.execute(tx) : undefined;
          default: // an offline message becomes a chat again, or the other way round
            return sql`update chats set offline_message = not offline_message, mode = 'nrt' where id = ${id}`.execute(
              tx,
            );
        }
      };
    };
    const startOp = (): Op => {
      const v = rnd.pick(visitors);
      const started = someStart();
      const campaign = rnd.pick(campaigns);
      const proactive = rnd.next() < 0.3;
      return (tx) =>
        sql`insert into chats (account_id, campaign_id, website_id, visitor_id, status, proactive, started_at, queued_at)
          values (${accountId}, ${campaign}, ${v.website_id}, ${v.id}, 'queued', ${proactive}, ${started}, ${started})`.execute(
          tx,
        );
    };
    // Several chats in one statement (the routing batch, a campaign's deletion).
    const batchOp = (): Op => {
      const some = Array.from({ length: 6 }, () => rnd.pick(ids));
      const campaign = rnd.pick(campaigns);
      return (tx) =>
        sql`update chats set campaign_id = case when campaign_id = ${campaign} then null else ${campaign}::uuid end
          where id = any(${some}::uuid[])`.execute(tx);
    };
    const zoneOp =
      (zone: string): Op =>
      (tx) =>
        sql`update accounts set time_zone = ${zone} where id = ${accountId}`.execute(tx);

    let deadlocks = 0;
    const run = async (ops: Op[]) => {
      for (;;) {
        try {
          return await db.transaction().execute(async (tx) => {
            for (const op of ops) await op(tx);
          });
        } catch (e) {
          // Two transactions that lock the same rollup rows in opposite orders: PostgreSQL ends one (40P01).
          if ((e as { code?: string }).code !== '40P01') throw e;
          deadlocks++;
        }
      }
    };
    for (const zone of ['America/New_York', TZ]) {
      ids = await chatIds();
      const txs: Op[][] = Array.from({ length: 160 }, (_, i) => {
        if (i === 80) return [zoneOp(zone)];
        if (i % 9 === 0) return [batchOp()];
        if (i % 4 === 0) return [startOp(), chatOp(rnd.pick(ids))];
        const id = rnd.pick(ids);
        return [chatOp(id), chatOp(id), chatOp(rnd.pick(ids))];
      });
      await Promise.all(txs.map(run));
      const tz = await db
        .selectFrom('accounts')
        .select('time_zone')
        .where('id', '=', accountId)
        .executeTakeFirst();
      expect(tz?.time_zone).toBe(zone);
      expect(await rollupRows(accountId)).toEqual(await rebuiltRows(accountId));
      expect(await rollupRows(otherAccount)).toEqual(await rebuiltRows(otherAccount));
      await expectPathsAgree(accountId, [
        { from: '2026-03-20', to: '2026-04-05' },
        { from: '2026-03-08', to: '2026-03-08' },
        { from: '2026-03-29', to: '2026-03-29' },
        { from: '2026-03-20', to: '2026-04-05', campaignId: campaigns[0] },
        { from: '2026-03-20', to: '2026-04-05', type: 'offline' },
        { from: '2026-03-20', to: '2026-04-05', status: 'active' },
      ]);
    }
    // Deadlocks are possible in principle (two multi-chat statements meeting the same rollup rows) but rare: how
    // many depends on how the 320 transactions happen to overlap on a loaded machine (7 once in a full CI run), so
    // the bound is a share of them, not a count; what must hold whatever their number is the exactness above.
    expect(deadlocks).toBeLessThan(320 * 0.05);
  });

  it('leaves no rollups when the account is deleted', async () => {
    await sql`delete from accounts where id = ${otherAccount}`.execute(db);
    expect(await rollupRows(otherAccount)).toEqual([]);
    expect(await rollupRows(accountId)).toEqual(await rebuiltRows(accountId));
  });
});
