import { sql, type Kysely } from 'kysely';

// Statistics (STA-1…9) from exact pre-aggregates, and the first response time measured from the assignment.
//
// chats.first_assigned_at: when the chat was first given to an agent — set once, by the statement that assigns it
// (routing/repo.ts), never moved by a transfer (assigned_at is); backfilled from the earliest chat_assignments row.
// The first response time (STA-8) is first_response_at − first_assigned_at.
//
// chats.code_count: how many success codes were chosen for the chat (kept by the trigger on chat_success_codes;
// its row lock serialises code changes with every other write of the chat, which keeps "coded chats" exact).
//
// Three rollups, keyed in the account's local time (accounts.time_zone), summed by the statistics when the filters
// are only the period, campaign, type and status (statistics/repo.ts; docs/statistics.md):
// - chat_stats_hours: per account, local date and hour of start, campaign, kind (live | nrt | offline), status —
//   chats, proactive, not offline, closed (not offline) with the sum of their durations, answered (not offline)
//   with the sum of their first response times (microseconds, bigint: sums of integers stay exact), ratings 1…5,
//   coded chats;
// - chat_stats_agents: per account, local date, campaign, agent (the chat's agent now), kind, status — chats;
// - chat_stats_codes: per account, local date, campaign, code, kind, status — chats the code was chosen for.
//
// Kept exact by triggers in the writing transaction: each change subtracts the old row's contribution and adds the
// new one with INSERT … ON CONFLICT DO UPDATE increments (atomic under concurrent writers; rows are written in key
// order to make lock-order deadlocks between two multi-row statements unlikely). Inserts are counted by a
// statement trigger over the transition table (COPY of a batch is one aggregate); updates by a row trigger that
// fires only when an aggregated column changes (messages, deadlines and presence never fire it); deletes by a row
// trigger before the delete (the chat's codes, deleted by the cascade after it, are still there).
// A time zone change rebuilds the account's rollups in the same transaction. Writers of an account hold a shared
// advisory lock (class 20009, key hashtext(account id)) while they read its time zone and write its rollups; the
// rebuild holds it exclusively, so no write can count a chat in the old zone after the rebuild read the chats.
export const STATS_LOCK_CLASS = 20009;

/** The columns of a chat the rollups read (their order is the row type of `changes` below). */
const COLUMNS = [
  'id',
  'account_id',
  'campaign_id',
  'agent_id',
  'started_at',
  'status',
  'mode',
  'offline_message',
  'proactive',
  'closed_at',
  'first_response_at',
  'first_assigned_at',
  'rating',
  'code_count',
] as const;

const cols = (prefix: string) => COLUMNS.map((c) => `${prefix}.${c}`).join(', ');

/** A chat's contribution, from a source of (sign, chat columns…) rows named x: one row per chat and sign. */
const facts = (source: string) => `
  select x.sign, x.id, x.account_id, x.campaign_id, x.agent_id, x.code_count,
    (x.started_at at time zone a.time_zone)::date as local_date,
    extract(hour from x.started_at at time zone a.time_zone)::smallint as local_hour,
    case when x.offline_message then 'offline' else x.mode end as kind,
    x.status,
    (x.proactive and not x.offline_message)::int as proactive,
    (not x.offline_message)::int as not_offline,
    (x.status = 'closed' and not x.offline_message)::int as closed,
    case when x.status = 'closed' and not x.offline_message
      then coalesce((extract(epoch from x.closed_at - x.started_at) * 1000000)::bigint, 0) else 0 end
      as duration_us,
    (x.first_response_at is not null and x.first_assigned_at is not null and not x.offline_message)::int
      as answered,
    case when x.first_response_at is not null and x.first_assigned_at is not null and not x.offline_message
      then (extract(epoch from x.first_response_at - x.first_assigned_at) * 1000000)::bigint else 0 end
      as response_us,
    (x.rating is not distinct from 1)::int as rating_1, (x.rating is not distinct from 2)::int as rating_2, (x.rating is not distinct from 3)::int as rating_3,
    (x.rating is not distinct from 4)::int as rating_4, (x.rating is not distinct from 5)::int as rating_5,
    (x.code_count > 0)::int as coded
  from ${source} x join accounts a on a.id = x.account_id`;

const HOUR_SUMS = [
  'chats',
  'proactive',
  'not_offline',
  'closed',
  'duration_us',
  'answered',
  'response_us',
  'rating_1',
  'rating_2',
  'rating_3',
  'rating_4',
  'rating_5',
  'coded',
] as const;
const HOUR_KEY = 'account_id, local_date, local_hour, campaign_id, kind, status';
const AGENT_KEY = 'account_id, local_date, campaign_id, agent_id, kind, status';
const CODE_KEY = 'account_id, local_date, campaign_id, code_id, kind, status';

/** Statements adding the signed contributions of `source` to each of the three rollups. */
function applyTo(source: string): { hours: string; agents: string; codes: string } {
  const sum = (c: string) => (c === 'chats' ? 'sum(f.sign)' : `sum(f.sign * f.${c})`);
  const hours = `
    insert into chat_stats_hours as s (${HOUR_KEY}, ${HOUR_SUMS.join(', ')})
    select ${HOUR_KEY.split(', ')
      .map((k) => `f.${k}`)
      .join(', ')}, ${HOUR_SUMS.map(sum).join(', ')}
    from (${facts(source)}) f
    group by ${HOUR_KEY.split(', ')
      .map((k) => `f.${k}`)
      .join(', ')}
    having ${HOUR_SUMS.map((c) => `${sum(c)} <> 0`).join(' or ')}
    order by 1, 2, 3, 4, 5, 6
    on conflict (${HOUR_KEY}) do update set
      ${HOUR_SUMS.map((c) => `${c} = s.${c} + excluded.${c}`).join(', ')};`;
  const agents = `
    insert into chat_stats_agents as s (${AGENT_KEY}, chats)
    select f.account_id, f.local_date, f.campaign_id, f.agent_id, f.kind, f.status, sum(f.sign)
    from (${facts(source)}) f
    group by f.account_id, f.local_date, f.campaign_id, f.agent_id, f.kind, f.status
    having sum(f.sign) <> 0
    order by 1, 2, 3, 4, 5, 6
    on conflict (${AGENT_KEY}) do update set chats = s.chats + excluded.chats;`;
  const codeRows = `
    insert into chat_stats_codes as s (${CODE_KEY}, chats)
    select f.account_id, f.local_date, f.campaign_id, k.code_id, f.kind, f.status, sum(f.sign)
    from (${facts(source)}) f join chat_success_codes k on k.chat_id = f.id
    where f.code_count > 0
    group by f.account_id, f.local_date, f.campaign_id, k.code_id, f.kind, f.status
    having sum(f.sign) <> 0
    order by 1, 2, 3, 4, 5, 6
    on conflict (${CODE_KEY}) do update set chats = s.chats + excluded.chats;`;
  return { hours, agents, codes: codeRows };
}
const applyAll = (source: string) => Object.values(applyTo(source)).join('\n');

const lockShared = (accounts: string) => `
  perform pg_advisory_xact_lock_shared(${STATS_LOCK_CLASS}, hashtext(l.account_id::text))
  from (${accounts}) l;`;

const rowOf = (rec: 'old' | 'new', sign: number) =>
  `select ${sign} as sign, ${COLUMNS.map((c) => `${rec}.${c}`).join(', ')}`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table chats add column first_assigned_at timestamptz;
    alter table chats add column code_count integer not null default 0;
    update chats c set first_assigned_at = a.first
      from (select chat_id, min(assigned_at) as first from chat_assignments group by chat_id) a
      where a.chat_id = c.id;
    update chats c set code_count = k.n
      from (select chat_id, count(*)::int as n from chat_success_codes group by chat_id) k
      where k.chat_id = c.id;

    -- The raw path (filters the rollups do not key) reads the first assignment too: still one index-only range.
    drop index chats_statistics;
    create index chats_statistics on chats (account_id, started_at)
      include (agent_id, campaign_id, status, mode, offline_message, proactive, rating, closed_at,
        first_response_at, first_assigned_at);

    -- No foreign keys to campaigns, users or codes: their deletion moves or leaves counts (the chats' own
    -- on-delete actions fire the triggers below), and a cascade racing the triggers would break the rollup.
    create table chat_stats_hours (
      account_id uuid not null references accounts(id) on delete cascade,
      local_date date not null,
      local_hour smallint not null,
      campaign_id uuid,
      kind text not null,
      status text not null,
      chats integer not null default 0,
      proactive integer not null default 0,
      not_offline integer not null default 0,
      closed integer not null default 0,
      duration_us bigint not null default 0,
      answered integer not null default 0,
      response_us bigint not null default 0,
      rating_1 integer not null default 0,
      rating_2 integer not null default 0,
      rating_3 integer not null default 0,
      rating_4 integer not null default 0,
      rating_5 integer not null default 0,
      coded integer not null default 0,
      unique nulls not distinct (account_id, local_date, local_hour, campaign_id, kind, status)
    );
    create table chat_stats_agents (
      account_id uuid not null references accounts(id) on delete cascade,
      local_date date not null,
      campaign_id uuid,
      agent_id uuid,
      kind text not null,
      status text not null,
      chats integer not null default 0,
      unique nulls not distinct (account_id, local_date, campaign_id, agent_id, kind, status)
    );
    create table chat_stats_codes (
      account_id uuid not null references accounts(id) on delete cascade,
      local_date date not null,
      campaign_id uuid,
      code_id uuid not null,
      kind text not null,
      status text not null,
      chats integer not null default 0,
      unique nulls not distinct (account_id, local_date, campaign_id, code_id, kind, status)
    );
  `.execute(db);

  const chatsSource = `(select 1 as sign, ${cols('c')} from chats c where c.account_id = acc)`;
  const moved = `(${rowOf('old', -1)} union all ${rowOf('new', 1)})`;
  // code_count is kept by chat_stats_codes_apply, which counts its own changes: it must not fire the update trigger.
  const watched = COLUMNS.filter((c) => c !== 'id' && c !== 'code_count');
  await sql
    .raw(
      `
    create function chat_stats_rebuild(acc uuid) returns void language plpgsql as $fn$
    begin
      delete from chat_stats_hours where account_id = acc;
      delete from chat_stats_agents where account_id = acc;
      delete from chat_stats_codes where account_id = acc;
      ${applyAll(chatsSource)}
    end $fn$;

    create function chat_stats_on_insert() returns trigger language plpgsql as $fn$
    begin
      ${lockShared('select distinct account_id from new_chats')}
      -- A new chat has no codes yet (they reference it).
      ${((a) => a.hours + a.agents)(applyTo(`(select 1 as sign, ${cols('n')} from new_chats n)`))}
      return null;
    end $fn$;

    create function chat_stats_on_update() returns trigger language plpgsql as $fn$
    begin
      ${lockShared('select new.account_id as account_id')}
      ${((a) => a.hours + a.agents)(applyTo(moved))}
      if (old.code_count > 0 or new.code_count > 0) and (old.account_id, old.campaign_id, old.started_at,
          old.offline_message, old.mode, old.status) is distinct from (new.account_id, new.campaign_id,
          new.started_at, new.offline_message, new.mode, new.status) then
        ${applyTo(moved).codes}
      end if;
      return null;
    end $fn$;

    create function chat_stats_on_delete() returns trigger language plpgsql as $fn$
    begin
      -- The account's own deletion: its rollups go with it (on delete cascade).
      if not exists (select 1 from accounts where id = old.account_id) then return old; end if;
      ${lockShared('select old.account_id as account_id')}
      ${applyAll(`(${rowOf('old', -1)})`)}
      return old;
    end $fn$;

    -- Codes chosen or removed: the chats' code_count (row lock: serialised with the chat's other writes), the
    -- coded chats of the chat's hour, the code's count. A chat deleted in this transaction is no longer seen
    -- (its delete trigger subtracted everything).
    create function chat_stats_codes_apply(d_chat uuid[], d_code uuid[], d_sign int[]) returns void
    language plpgsql as $fn$
    begin
      ${lockShared('select distinct c.account_id from chats c where c.id = any(d_chat)')}
      with d as (select * from unnest(d_chat, d_code, d_sign) as d(chat_id, code_id, sign)),
      n as (select chat_id, sum(sign)::int as n from d group by chat_id),
      u as (
        update chats c set code_count = c.code_count + n.n from n where c.id = n.chat_id
        returning c.id, c.account_id, c.campaign_id, c.started_at, c.offline_message, c.mode, c.status,
          c.code_count, n.n
      ),
      b as (
        select u.*, (u.started_at at time zone a.time_zone)::date as local_date,
          extract(hour from u.started_at at time zone a.time_zone)::smallint as local_hour,
          case when u.offline_message then 'offline' else u.mode end as kind,
          (u.code_count > 0)::int - (u.code_count - u.n > 0)::int as coded
        from u join accounts a on a.id = u.account_id
      ),
      hours as (
        insert into chat_stats_hours as s (${HOUR_KEY}, coded)
        select ${HOUR_KEY}, sum(coded) from b
        group by ${HOUR_KEY} having sum(coded) <> 0 order by 1, 2, 3, 4, 5, 6
        on conflict (${HOUR_KEY}) do update set coded = s.coded + excluded.coded
      )
      insert into chat_stats_codes as s (${CODE_KEY}, chats)
      select b.account_id, b.local_date, b.campaign_id, d.code_id, b.kind, b.status, sum(d.sign)
      from d join b on b.id = d.chat_id
      group by b.account_id, b.local_date, b.campaign_id, d.code_id, b.kind, b.status
      having sum(d.sign) <> 0 order by 1, 2, 3, 4, 5, 6
      on conflict (${CODE_KEY}) do update set chats = s.chats + excluded.chats;
    end $fn$;

    create function chat_stats_codes_on_insert() returns trigger language plpgsql as $fn$
    begin
      perform chat_stats_codes_apply(array(select chat_id from new_codes), array(select code_id from new_codes),
        array(select 1 from new_codes));
      return null;
    end $fn$;
    create function chat_stats_codes_on_delete() returns trigger language plpgsql as $fn$
    begin
      perform chat_stats_codes_apply(array(select chat_id from old_codes), array(select code_id from old_codes),
        array(select -1 from old_codes));
      return null;
    end $fn$;
    create function chat_stats_codes_on_update() returns trigger language plpgsql as $fn$
    begin
      perform chat_stats_codes_apply(
        array(select chat_id from old_codes union all select chat_id from new_codes),
        array(select code_id from old_codes union all select code_id from new_codes),
        array(select -1 from old_codes union all select 1 from new_codes));
      return null;
    end $fn$;

    -- A time zone change: every chat moves to its new local date and hour, in this transaction.
    create function chat_stats_on_time_zone() returns trigger language plpgsql as $fn$
    begin
      perform pg_advisory_xact_lock(${STATS_LOCK_CLASS}, hashtext(new.id::text));
      perform chat_stats_rebuild(new.id);
      return null;
    end $fn$;

    create trigger chat_stats_insert after insert on chats
      referencing new table as new_chats for each statement execute function chat_stats_on_insert();
    create trigger chat_stats_update after update of ${watched.join(', ')} on chats
      for each row when ((${watched.map((c) => `old.${c}`).join(', ')}) is distinct from (${watched.map((c) => `new.${c}`).join(', ')}))
      execute function chat_stats_on_update();
    create trigger chat_stats_delete before delete on chats
      for each row execute function chat_stats_on_delete();
    create trigger chat_stats_codes_insert after insert on chat_success_codes
      referencing new table as new_codes for each statement execute function chat_stats_codes_on_insert();
    create trigger chat_stats_codes_delete after delete on chat_success_codes
      referencing old table as old_codes for each statement execute function chat_stats_codes_on_delete();
    create trigger chat_stats_codes_update after update on chat_success_codes
      referencing old table as old_codes new table as new_codes
      for each statement execute function chat_stats_codes_on_update();
    create trigger chat_stats_time_zone after update of time_zone on accounts
      for each row when (old.time_zone is distinct from new.time_zone)
      execute function chat_stats_on_time_zone();

    select chat_stats_rebuild(id) from accounts;
  `,
    )
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop trigger chat_stats_time_zone on accounts;
    drop trigger chat_stats_codes_update on chat_success_codes;
    drop trigger chat_stats_codes_delete on chat_success_codes;
    drop trigger chat_stats_codes_insert on chat_success_codes;
    drop trigger chat_stats_delete on chats;
    drop trigger chat_stats_update on chats;
    drop trigger chat_stats_insert on chats;
    drop function chat_stats_on_time_zone();
    drop function chat_stats_codes_on_update();
    drop function chat_stats_codes_on_delete();
    drop function chat_stats_codes_on_insert();
    drop function chat_stats_codes_apply(uuid[], uuid[], int[]);
    drop function chat_stats_on_delete();
    drop function chat_stats_on_update();
    drop function chat_stats_on_insert();
    drop function chat_stats_rebuild(uuid);
    drop table chat_stats_codes;
    drop table chat_stats_agents;
    drop table chat_stats_hours;
    drop index chats_statistics;
    create index chats_statistics on chats (account_id, started_at)
      include (agent_id, campaign_id, status, mode, offline_message, proactive, rating, closed_at, first_response_at);
    alter table chats drop column code_count;
    alter table chats drop column first_assigned_at;
  `.execute(db);
}
