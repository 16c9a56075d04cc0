import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { chatFilterWhere, type ChatScope } from '../chats/index.js';

/** One row per bucket of the grouping sets; `set` says which (day, hour, agent, rating or the totals). */
export type BucketRow = {
  set: 'day' | 'hour' | 'agent' | 'rating' | 'all';
  day: string | null;
  hour: number | null;
  agent_id: string | null;
  rating: number | null;
  chats: number;
  proactive: number;
  not_offline: number;
  closed_counted: number;
  duration_sum: number | null;
  answered: number;
  response_sum: number | null;
};

/**
 * The raw path. Every count of STA-1…8 from the matched chats: the totals with their averages in one pass, and the counts by
 * local day, local hour, agent and rating (grouping sets, counts only) in another, run side by side. The local
 * time is the start in the account's time zone (PostgreSQL's zone rules, DST included). Both read only columns of
 * chats_statistics (007), so PostgreSQL can answer from that index alone.
 */
export async function chatBuckets(db: Db, scope: ChatScope, timeZone: string): Promise<BucketRow[]> {
  const totals = sql<BucketRow>`
    select 'all' as set, null as day, null as hour, null as agent_id, null as rating,
      count(*)::int as chats,
      count(*) filter (where proactive and not offline_message)::int as proactive,
      count(*) filter (where not offline_message)::int as not_offline,
      count(*) filter (where status = 'closed' and not offline_message)::int as closed_counted,
      sum(date_part('epoch', closed_at - started_at)) filter (where status = 'closed' and not offline_message)
        as duration_sum,
      count(*) filter (where first_response_at is not null and first_assigned_at is not null
        and not offline_message)::int as answered,
      sum(date_part('epoch', first_response_at - first_assigned_at)) filter (where not offline_message)
        as response_sum
    from chats c
    where ${chatFilterWhere(scope)}
  `.execute(db);
  const groups = sql<BucketRow>`
    with m as (
      select (c.started_at at time zone ${timeZone}) as local, c.agent_id, c.rating
      from chats c
      where ${chatFilterWhere(scope)}
    )
    select
      case when grouping(local::date) = 0 then 'day'
           when grouping(extract(hour from local)) = 0 then 'hour'
           when grouping(agent_id) = 0 then 'agent'
           else 'rating' end as set,
      to_char(local::date, 'YYYY-MM-DD') as day,
      extract(hour from local)::int as hour,
      agent_id,
      rating,
      count(*)::int as chats
    from m
    group by grouping sets ((local::date), (extract(hour from local)), (agent_id), (rating))
  `.execute(db);
  const [a, b] = await Promise.all([totals, groups]);
  return [...a.rows, ...b.rows];
}

export type CodeRow = { code_id: string; name: string; campaign_title: string; chats: number };

/** STA-9 (raw path): per success code, the matched chats it was chosen for; and how many matched chats have any code. */
export async function codeCounts(db: Db, scope: ChatScope): Promise<{ codes: CodeRow[]; coded: number }> {
  const { rows } = await sql<CodeRow & { coded: number }>`
    with m as (
      select s.chat_id, s.code_id from chats c join chat_success_codes s on s.chat_id = c.id
      where ${chatFilterWhere(scope)}
    )
    select k.id as code_id, k.name, coalesce(p.title, '') as campaign_title, x.chats,
      (select count(distinct chat_id) from m)::int as coded
    from (select code_id, count(*)::int as chats from m group by code_id) x
    join success_codes k on k.id = x.code_id and k.account_id = ${scope.accountId}
    left join campaigns p on p.id = k.campaign_id
    order by x.chats desc, k.name, k.id
  `.execute(db);
  return { codes: rows, coded: rows[0]?.coded ?? 0 };
}

export type GoalRow = {
  set: 'all' | 'goal' | 'agent';
  key: string | null;
  title: string;
  chats: number;
  reached: number;
  /** numeric as text: exact. */
  revenue: string;
};

/**
 * GOL-3, GOL-4 (both paths: goal events are not rolled up): the goal events of the matched chats — all of them,
 * per goal, per chat's agent — with the chats that led to them and the sum of their values (numeric, exact).
 */
export async function goalCounts(db: Db, scope: ChatScope): Promise<GoalRow[]> {
  const { rows } = await sql<GoalRow>`
    with g as (
      select c.id as chat_id, c.agent_id, e.goal_id, e.value
      from chats c join goal_events e on e.chat_id = c.id and e.account_id = ${scope.accountId}
      where ${chatFilterWhere(scope)}
    )
    select 'all' as set, null::uuid as key, '' as title, count(distinct chat_id)::int as chats,
      count(*)::int as reached, coalesce(sum(value), 0)::text as revenue
    from g
    union all
    select 'goal', x.goal_id, k.title, x.chats, x.reached, x.revenue
    from (
      select goal_id, count(distinct chat_id)::int as chats, count(*)::int as reached,
        coalesce(sum(value), 0)::text as revenue
      from g group by goal_id
    ) x join goals k on k.id = x.goal_id
    union all
    select 'agent', agent_id, '', count(distinct chat_id)::int, count(*)::int, coalesce(sum(value), 0)::text
    from g where agent_id is not null group by agent_id
  `.execute(db);
  return rows;
}

export type AgentName = {
  id: string;
  first_name: string;
  last_name: string;
  nickname: string;
  deleted: boolean;
};

export async function agentNames(db: Db, accountId: string, ids: string[]): Promise<AgentName[]> {
  if (!ids.length) return [];
  return db
    .selectFrom('users')
    .select(['id', 'first_name', 'last_name', 'nickname', sql<boolean>`deleted_at is not null`.as('deleted')])
    .where('account_id', '=', accountId)
    .where('id', 'in', ids)
    .execute();
}

/** What the rollups key besides the account and the local dates: the filters the fast path can answer. */
export type RollupScope = {
  accountId: string;
  from: string;
  to: string;
  campaignId?: string | undefined;
  type?: 'live' | 'nrt' | 'offline' | undefined;
  status?: 'queued' | 'active' | 'closed' | undefined;
};

function rollupWhere(f: RollupScope) {
  const parts = [
    sql`account_id = ${f.accountId}`,
    sql`local_date >= ${f.from}::date`,
    sql`local_date <= ${f.to}::date`,
  ];
  if (f.campaignId) parts.push(sql`campaign_id = ${f.campaignId}`);
  if (f.type) parts.push(sql`kind = ${f.type}`);
  if (f.status) parts.push(sql`status = ${f.status}`);
  return sql.join(parts, sql` and `);
}

/**
 * The fast path (migration 009's rollups, kept exact by triggers): the same buckets as chatBuckets and the same
 * answer as codeCounts, summed from per-hour, per-agent and per-code rows of the account's local dates instead of
 * the chats. A year of an account is at most 8,784 hours × campaigns × kinds × statuses rows, whatever its chats.
 */
export async function rollupBuckets(
  db: Db,
  f: RollupScope,
): Promise<{ buckets: BucketRow[]; codes: { codes: CodeRow[]; coded: number } }> {
  const hours = sql<
    BucketRow & { r1: number; r2: number; r3: number; r4: number; r5: number; coded: number }
  >`
    select
      case when grouping(local_date) = 0 then 'day' when grouping(local_hour) = 0 then 'hour' else 'all' end
        as set,
      to_char(local_date, 'YYYY-MM-DD') as day, local_hour::int as hour, null as agent_id, null as rating,
      sum(chats)::int as chats, sum(proactive)::int as proactive, sum(not_offline)::int as not_offline,
      sum(closed)::int as closed_counted, (sum(duration_us) / 1000000.0)::float8 as duration_sum,
      sum(answered)::int as answered, (sum(response_us) / 1000000.0)::float8 as response_sum,
      sum(rating_1)::int as r1, sum(rating_2)::int as r2, sum(rating_3)::int as r3, sum(rating_4)::int as r4,
      sum(rating_5)::int as r5, sum(coded)::int as coded
    from chat_stats_hours
    where ${rollupWhere(f)}
    group by grouping sets ((local_date), (local_hour), ())
  `.execute(db);
  const agents = sql<BucketRow>`
    select 'agent' as set, agent_id, sum(chats)::int as chats
    from chat_stats_agents
    where ${rollupWhere(f)}
    group by agent_id
    having sum(chats) <> 0
  `.execute(db);
  const codes = sql<CodeRow>`
    select k.id as code_id, k.name, coalesce(p.title, '') as campaign_title, x.chats
    from (
      select code_id, sum(chats)::int as chats from chat_stats_codes where ${rollupWhere(f)}
      group by code_id having sum(chats) <> 0
    ) x
    join success_codes k on k.id = x.code_id and k.account_id = ${f.accountId}
    left join campaigns p on p.id = k.campaign_id
    order by x.chats desc, k.name, k.id
  `.execute(db);
  const [h, a, c] = await Promise.all([hours, agents, codes]);
  const all = h.rows.find((r) => r.set === 'all');
  const ratings = all
    ? ([all.r1, all.r2, all.r3, all.r4, all.r5] as number[]).map(
        (chats, i) => ({ set: 'rating', rating: i + 1, chats }) as BucketRow,
      )
    : [];
  return {
    buckets: [...h.rows, ...a.rows, ...ratings],
    codes: { codes: c.rows, coded: all?.coded ?? 0 },
  };
}
