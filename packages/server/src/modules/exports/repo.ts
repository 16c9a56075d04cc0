// The statements of the eight reports (EXP-1…8). A reporting read model: it only reads, from the tables that
// record what happened. Each report has one statement; those that can grow with the data are read in batches
// (keyset pagination: `after` is the last row of the previous batch, `limit` the rows per batch) by
// batches.ts. Each batch's condition also bounds the first sort column alone (`started_at >= …`): a row
// comparison is not an index condition for an index on (account_id, started_at), and without it every batch
// would scan from the period's start again.
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../db/database.js';

/** What a report is computed for: the account, its time zone, and the period as instants [start, end). */
export type ReportScope = {
  accountId: string;
  timeZone: string;
  from: string;
  to: string;
  start: Date;
  end: Date;
  /** Open periods (an agent still online, a chat still going) are counted up to this instant. */
  now: Date;
};

const FMT = 'YYYY-MM-DD HH24:MI:SS';
const local = (column: RawBuilder<unknown>, tz: string) =>
  sql<string | null>`to_char(${column} at time zone ${tz}, ${FMT})`;
const seconds = (interval: RawBuilder<unknown>) => sql<number>`round(extract(epoch from ${interval}))::int`;
/** Seconds of a period [started_at, ended_at or now) within the report's period. */
const clipped = (s: ReportScope) =>
  sql<number>`greatest(0, ${seconds(sql`least(coalesce(p.ended_at, ${s.now}), ${s.end}) - greatest(p.started_at, ${s.start})`)})`;

// ------------------------------------------------------------------------------------------- EXP-1 activity

export type ActivityRow = {
  id: number;
  started_at: Date;
  user_id: string;
  agent: string;
  deleted: boolean;
  /** The campaigns whose routing names the agent, directly or through a group. */
  campaigns: string | null;
  status: string;
  start: string;
  end: string | null;
  duration: number;
};

export async function activity(
  db: Db,
  s: ReportScope,
  after: ActivityRow | undefined,
  limit: number,
): Promise<ActivityRow[]> {
  const { rows } = await sql<ActivityRow>`
    with routed as (
      select x.user_id, string_agg(distinct c.title, '; ') as titles from (
        select l.campaign_id, m.user_id from routing_level_members m join routing_levels l on l.id = m.level_id
          where m.account_id = ${s.accountId} and m.user_id is not null
        union
        select l.campaign_id, g.user_id from routing_level_members m join routing_levels l on l.id = m.level_id
          join group_members g on g.group_id = m.group_id
          where m.account_id = ${s.accountId}
      ) x join campaigns c on c.id = x.campaign_id
      group by x.user_id
    )
    select p.id, p.started_at, p.user_id, u.first_name || ' ' || u.last_name as agent,
      u.deleted_at is not null as deleted, routed.titles as campaigns, p.status,
      ${local(sql`p.started_at`, s.timeZone)} as start, ${local(sql`p.ended_at`, s.timeZone)} as end,
      ${clipped(s)} as duration
    from agent_status_periods p join users u on u.id = p.user_id
      left join routed on routed.user_id = p.user_id
    where p.account_id = ${s.accountId} and p.started_at < ${s.end}
      and (p.ended_at is null or p.ended_at > ${s.start})
      ${after ? sql`and p.started_at >= ${after.started_at} and (p.started_at, p.id) > (${after.started_at}, ${after.id})` : sql``}
    order by p.started_at, p.id limit ${limit}`.execute(db);
  return rows;
}

// ---------------------------------------------------------------------------------------- EXP-2 performance

export type PerformanceRow = {
  id: string;
  agent: string;
  email: string;
  deleted: boolean;
  chats: number;
  closed: number;
  total_duration: number | null;
  average_duration: number | null;
  answered: number;
  average_first_response: number | null;
  rated: number;
  average_rating: number | null;
  ignored: number;
  abandoned: number;
  available: number | null;
  away: number | null;
  breaks: number;
};

/** One row per user: a handful per account, read in one statement. */
export async function performance(db: Db, s: ReportScope): Promise<PerformanceRow[]> {
  const { rows } = await sql<PerformanceRow>`
    select u.id, u.first_name || ' ' || u.last_name as agent, u.email, u.deleted_at is not null as deleted,
      ch.chats, ch.closed, ch.total_duration, ch.average_duration, ch.answered, ch.average_first_response,
      ch.rated, ch.average_rating, asg.ignored, asg.abandoned, st.available, st.away, st.breaks
    from users u
    cross join lateral (
      select count(*)::int as chats, count(c.duration_seconds)::int as closed,
        sum(c.duration_seconds)::int as total_duration, round(avg(c.duration_seconds))::int as average_duration,
        count(c.first_response_seconds)::int as answered,
        round(avg(c.first_response_seconds))::int as average_first_response,
        count(c.rating)::int as rated, round(avg(c.rating), 2)::float8 as average_rating
      from chats c
      where c.account_id = ${s.accountId} and c.agent_id = u.id
        and c.started_at >= ${s.start} and c.started_at < ${s.end}
    ) ch
    cross join lateral (
      select
        count(*) filter (where not a.answered and a.ended_at is not null
          and (c.closed_at is null or a.ended_at < c.closed_at))::int as ignored,
        count(*) filter (where not a.answered and c.closed_at is not null and a.ended_at >= c.closed_at)::int
          as abandoned
      from chat_assignments a join chats c on c.id = a.chat_id
      where a.account_id = ${s.accountId} and a.user_id = u.id
        and a.assigned_at >= ${s.start} and a.assigned_at < ${s.end}
    ) asg
    cross join lateral (
      select sum(q.clipped) filter (where q.status = 'available')::int as available,
        sum(q.clipped) filter (where q.status = 'away')::int as away,
        count(*) filter (where q.status = 'away' and q.started_at >= ${s.start})::int as breaks
      from (
        select p.status, p.started_at, ${clipped(s)} as clipped
        from agent_status_periods p
        where p.account_id = ${s.accountId} and p.user_id = u.id and p.started_at < ${s.end}
          and (p.ended_at is null or p.ended_at > ${s.start})
      ) q
    ) st
    where u.account_id = ${s.accountId}
      and (u.deleted_at is null or ch.chats > 0 or asg.ignored + asg.abandoned > 0 or st.available > 0)
    order by lower(u.last_name), lower(u.first_name), u.id`.execute(db);
  return rows;
}

// --------------------------------------------------------------------------------------------- EXP-3 agents

export type AgentRow = {
  id: string;
  nickname: string;
  first_name: string;
  last_name: string;
  email: string;
  rights: string;
  created: string;
  deleted_at: string | null;
  sort: string;
};

export async function agents(
  db: Db,
  s: ReportScope,
  after: AgentRow | undefined,
  limit: number,
): Promise<AgentRow[]> {
  const { rows } = await sql<AgentRow>`
    select id, nickname, first_name, last_name, email, rights,
      ${local(sql`created_at`, s.timeZone)} as created, ${local(sql`deleted_at`, s.timeZone)} as deleted_at,
      lower(email) as sort
    from users where account_id = ${s.accountId}
      ${after ? sql`and (lower(email), id) > (${after.sort}, ${after.id})` : sql``}
    order by lower(email), id limit ${limit}`.execute(db);
  return rows;
}

// -------------------------------------------------------------------------------------- EXP-4 conversations

export type ConversationRow = {
  id: string;
  started_at: Date;
  start: string;
  end: string | null;
  type: string;
  status: string;
  proactive: boolean;
  campaign: string | null;
  host: string | null;
  start_url: string;
  agent_id: string | null;
  agent: string | null;
  agents: number;
  transfers: number;
  wait: number | null;
  first_response_seconds: number | null;
  duration_seconds: number | null;
  visitor_messages: number;
  agent_messages: number;
  closed_by: string | null;
  rating: number | null;
  codes: string | null;
  /** GOL-3: the goals the chat led to (reached in its visit), and the sum of their values (exact text). */
  goals: string | null;
  goal_value: string | null;
  visitor_id: string;
  visitor_left: boolean;
  page_views: number | null;
  visits: number;
  visitor_chats: number;
};

/** The statement of one batch of the Conversations report (also the bench's COPY baseline). */
export function conversationsQuery(
  s: ReportScope,
  after: Pick<ConversationRow, 'started_at' | 'id'> | undefined,
  /** Rows per batch; null for all of them (the bench's COPY of the same rows). */
  limit: number | null,
) {
  return sql<ConversationRow>`
    select c.id, c.started_at, ${local(sql`c.started_at`, s.timeZone)} as start,
      ${local(sql`c.closed_at`, s.timeZone)} as end,
      case when c.offline_message then 'offline' else c.mode end as type, c.status, c.proactive,
      cp.title as campaign, w.host, c.start_url, c.agent_id, u.first_name || ' ' || u.last_name as agent,
      a.agents, a.transfers, ${seconds(sql`a.first_assigned - c.started_at`)} as wait,
      c.first_response_seconds, c.duration_seconds, m.visitor_messages, m.agent_messages, c.closed_by, c.rating,
      codes.names as codes, gl.titles as goals, gl.value as goal_value, c.visitor_id, c.visitor_left_at is not null as visitor_left, vi.page_views,
      v.visits, v.chats as visitor_chats
    from chats c
      join visitors v on v.id = c.visitor_id
      left join visits vi on vi.id = c.visit_id
      left join campaigns cp on cp.id = c.campaign_id
      left join websites w on w.id = c.website_id
      left join users u on u.id = c.agent_id
      cross join lateral (
        select count(distinct x.user_id)::int as agents,
          count(*) filter (where x.reason in ('transferred', 'forwarded'))::int as transfers,
          min(x.assigned_at) as first_assigned
        from chat_assignments x where x.chat_id = c.id
      ) a
      cross join lateral (
        select count(*) filter (where e.author = 'visitor')::int as visitor_messages,
          count(*) filter (where e.author = 'agent')::int as agent_messages
        from chat_events e where e.chat_id = c.id and e.type in ('text', 'file')
      ) m
      left join lateral (
        select string_agg(sc.name, '; ' order by sc.position, sc.name) as names
        from chat_success_codes k join success_codes sc on sc.id = k.code_id where k.chat_id = c.id
      ) codes on true
      left join lateral (
        select string_agg(g.title, '; ' order by g.position, g.title) as titles,
          trim_scale(sum(e.value))::text as value
        from goal_events e join goals g on g.id = e.goal_id where e.chat_id = c.id
      ) gl on true
    where c.account_id = ${s.accountId} and c.started_at >= ${s.start} and c.started_at < ${s.end}
      ${after ? sql`and c.started_at >= ${after.started_at} and (c.started_at, c.id) > (${after.started_at}, ${after.id})` : sql``}
    order by c.started_at, c.id ${limit === null ? sql`` : sql`limit ${limit}`}`;
}

export async function conversations(
  db: Db,
  s: ReportScope,
  after: ConversationRow | undefined,
  limit: number,
): Promise<ConversationRow[]> {
  return (await conversationsQuery(s, after, limit).execute(db)).rows;
}

// ---------------------------------------------------------------------------------- EXP-5 automatic invites

export type InviteEventRow = {
  id: number;
  raw_at: Date;
  at: string;
  event: string;
  campaign: string | null;
  invite_id: string | null;
  host: string | null;
  url: string;
  visitor_id: string | null;
  visit_id: string | null;
  agent: string | null;
};

export async function inviteEvents(
  db: Db,
  s: ReportScope,
  after: InviteEventRow | undefined,
  limit: number,
): Promise<InviteEventRow[]> {
  const { rows } = await sql<InviteEventRow>`
    select ie.id, ie.at as raw_at, ${local(sql`ie.at`, s.timeZone)} as at, ie.event, cp.title as campaign,
      ie.invite_id, w.host, ie.url, ie.visitor_id, ie.visit_id, u.first_name || ' ' || u.last_name as agent
    from invite_events ie
      left join campaigns cp on cp.id = ie.campaign_id
      left join users u on u.id = ie.user_id and u.account_id = ie.account_id
      left join visits vi on vi.id = ie.visit_id
      left join websites w on w.id = coalesce(ie.website_id, vi.website_id)
    where ie.account_id = ${s.accountId} and ie.at >= ${s.start} and ie.at < ${s.end}
      ${after ? sql`and ie.at >= ${after.raw_at} and (ie.at, ie.id) > (${after.raw_at}, ${after.id})` : sql``}
    order by ie.at, ie.id limit ${limit}`.execute(db);
  return rows;
}

// ---------------------------------------------------------------------------------------------- EXP-6 hosts

export type HostRow = { id: string; host: string; added: string; campaigns: string | null; shared: boolean };

export async function hosts(
  db: Db,
  s: ReportScope,
  after: HostRow | undefined,
  limit: number,
): Promise<HostRow[]> {
  const { rows } = await sql<HostRow>`
    select w.id, w.host, ${local(sql`w.created_at`, s.timeZone)} as added,
      (select string_agg(c.title, '; ' order by c.title) from campaigns c
        where c.account_id = w.account_id and (c.all_websites or exists (
          select 1 from campaign_websites cw where cw.campaign_id = c.id and cw.website_id = w.id))) as campaigns,
      exists (select 1 from websites o where o.host = w.host and o.account_id <> w.account_id) as shared
    from websites w where w.account_id = ${s.accountId}
      ${after ? sql`and (w.host, w.id) > (${after.host}, ${after.id})` : sql``}
    order by w.host, w.id limit ${limit}`.execute(db);
  return rows;
}

// -------------------------------------------------------------------------------------------- EXP-7 traffic

export type TrafficRow = {
  day: string;
  host: string | null;
  visits: number;
  visitors: number;
  page_views: number;
  viewed: number;
  chats: number;
  proactive: number;
  shown: number;
  accepted: number;
  declined: number;
  not_shown: number;
};

/** One row per day and host: at most a few per day of the period (at most 731 days), in one statement. */
export async function traffic(db: Db, s: ReportScope): Promise<TrafficRow[]> {
  const tz = s.timeZone;
  const dayOf = (col: RawBuilder<unknown>) => sql`to_char(${col} at time zone ${tz}, 'YYYY-MM-DD')`;
  const { rows } = await sql<TrafficRow>`
    with v as (
      select ${dayOf(sql`vi.started_at`)} as day, vi.website_id, count(*)::int as visits,
        count(distinct vi.visitor_id)::int as visitors
      from visits vi where vi.account_id = ${s.accountId} and vi.started_at >= ${s.start} and vi.started_at < ${s.end}
      group by 1, 2
    ), p as (
      select ${dayOf(sql`pv.viewed_at`)} as day, vi.website_id, count(*)::int as page_views
      from page_views pv join visits vi on vi.id = pv.visit_id
      where pv.account_id = ${s.accountId} and pv.viewed_at >= ${s.start} and pv.viewed_at < ${s.end}
      group by 1, 2
    ), o as (
      select ${dayOf(sql`cv.viewed_at`)} as day, vi.website_id, count(*)::int as viewed
      from chat_views cv join visits vi on vi.id = cv.visit_id
      where cv.account_id = ${s.accountId} and cv.viewed_at >= ${s.start} and cv.viewed_at < ${s.end}
      group by 1, 2
    ), c as (
      select ${dayOf(sql`c.started_at`)} as day, c.website_id, count(*)::int as chats,
        count(*) filter (where c.proactive)::int as proactive
      from chats c where c.account_id = ${s.accountId} and c.started_at >= ${s.start} and c.started_at < ${s.end}
      group by 1, 2
    ), i as (
      select ${dayOf(sql`ie.at`)} as day, coalesce(ie.website_id, vi.website_id) as website_id,
        count(*) filter (where ie.event = 'shown')::int as shown,
        count(*) filter (where ie.event = 'accepted')::int as accepted,
        count(*) filter (where ie.event = 'declined')::int as declined,
        count(*) filter (where ie.event = 'not_shown_unavailable')::int as not_shown
      from invite_events ie left join visits vi on vi.id = ie.visit_id
      where ie.account_id = ${s.accountId} and ie.at >= ${s.start} and ie.at < ${s.end}
      group by 1, 2
    ), k as (
      select day, website_id from v union select day, website_id from p union select day, website_id from o
      union select day, website_id from c union select day, website_id from i
    )
    select k.day, w.host, coalesce(v.visits, 0) as visits, coalesce(v.visitors, 0) as visitors,
      coalesce(p.page_views, 0) as page_views, coalesce(o.viewed, 0) as viewed, coalesce(c.chats, 0) as chats,
      coalesce(c.proactive, 0) as proactive, coalesce(i.shown, 0) as shown, coalesce(i.accepted, 0) as accepted,
      coalesce(i.declined, 0) as declined, coalesce(i.not_shown, 0) as not_shown
    from k left join websites w on w.id = k.website_id
      left join v on v.day = k.day and v.website_id is not distinct from k.website_id
      left join p on p.day = k.day and p.website_id is not distinct from k.website_id
      left join o on o.day = k.day and o.website_id is not distinct from k.website_id
      left join c on c.day = k.day and c.website_id is not distinct from k.website_id
      left join i on i.day = k.day and i.website_id is not distinct from k.website_id
    order by k.day, w.host nulls last`.execute(db);
  return rows;
}

// ---------------------------------------------------------------------------------------------- EXP-8 slots

export type SlotRow = {
  /** The hour's place among the hours given. */
  i: number;
  incoming: number;
  answered: number;
  agents: number;
  available: number | null;
  capacity: number | null;
  unlimited: boolean | null;
  handled: number | null;
};

/** Chats and agents of consecutive hours (given by their starts, an hour each), one row per hour in order. */
export async function slots(db: Db, s: ReportScope, starts: Date[]): Promise<SlotRow[]> {
  const first = starts[0]!;
  const end = new Date(starts[starts.length - 1]!.getTime() + 3_600_000);
  const { rows } = await sql<SlotRow>`
    with h as (
      select (n - 1)::int as i, t as s, t + interval '1 hour' as e
      from unnest(${starts.map((t) => t.toISOString())}::timestamptz[]) with ordinality as x(t, n)
    ), av as (
      select p.user_id, p.started_at, coalesce(p.ended_at, ${s.now}) as ended_at, u.live_chat_limit
      from agent_status_periods p join users u on u.id = p.user_id
      where p.account_id = ${s.accountId} and p.status = 'available' and p.started_at < ${end}
        and (p.ended_at is null or p.ended_at > ${first})
    ), asg as (
      select a.assigned_at, coalesce(a.ended_at, ${s.now}) as ended_at
      from chat_assignments a
      where a.account_id = ${s.accountId} and a.assigned_at < ${end}
        and (a.ended_at is null or a.ended_at > ${first})
    )
    select h.i,
      (select count(*)::int from chats c where c.account_id = ${s.accountId}
        and c.started_at >= h.s and c.started_at < h.e) as incoming,
      (select count(*)::int from chats c where c.account_id = ${s.accountId}
        and c.started_at >= h.s and c.started_at < h.e and c.first_response_at is not null) as answered,
      q.agents, q.available, q.capacity, q.unlimited,
      (select sum(extract(epoch from least(asg.ended_at, h.e) - greatest(asg.assigned_at, h.s)))::float8
        from asg where asg.assigned_at < h.e and asg.ended_at > h.s) as handled
    from h cross join lateral (
      select count(distinct av.user_id)::int as agents, sum(o.secs)::float8 as available,
        sum(o.secs * av.live_chat_limit)::float8 as capacity, bool_or(av.live_chat_limit is null) as unlimited
      from av cross join lateral (
        select extract(epoch from least(av.ended_at, h.e) - greatest(av.started_at, h.s)) as secs) o
      where av.started_at < h.e and av.ended_at > h.s
    ) q
    order by h.i`.execute(db);
  return rows;
}
