// The eight reports (EXP-1…8): their columns and their rows, read from the tables that record what happened.
// A reporting read model: it only reads (no module's repository writes here) and streams every report in
// batches (keyset pagination), so no report is held in memory whole. docs/exports.md explains every column.
import { sql, type RawBuilder } from 'kysely';
import type { ExportReport } from '@parley/protocol';
import type { Db } from '../../db/database.js';
import type { Cell } from './csv.js';
import { hourSlots } from './hours.js';

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

export type ReportSpec = {
  /** Column headers; every date column names the time zone its values are in. */
  header(timeZone: string): string[];
  rows(db: Db, scope: ReportScope): AsyncIterable<Cell[]>;
};

/** Rows per statement of a streamed report. */
export const BATCH_SIZE = 2000;

const FMT = 'YYYY-MM-DD HH24:MI:SS';
const local = (column: RawBuilder<unknown>, tz: string) =>
  sql<string | null>`to_char(${column} at time zone ${tz}, ${FMT})`;
const seconds = (interval: RawBuilder<unknown>) => sql<number>`round(extract(epoch from ${interval}))::int`;

/**
 * Reads a query batch after batch, each one after the last row of the previous one. Each batch's condition also
 * bounds the first sort column alone (`started_at >= …`): a row comparison is not an index condition for an
 * index on (account_id, started_at), and without it every batch would scan from the period's start again.
 */
async function* keyset<R>(next: (after: R | undefined) => Promise<R[]>): AsyncGenerator<R> {
  let after: R | undefined;
  for (;;) {
    const rows = await next(after);
    yield* rows;
    if (rows.length < BATCH_SIZE) return;
    after = rows[rows.length - 1];
  }
}

const tzCol = (name: string, tz: string) => `${name} (${tz})`;

// ------------------------------------------------------------------------------------------- EXP-1 activity

type ActivityRow = {
  id: number;
  started_at: Date;
  user_id: string;
  agent: string;
  deleted: boolean;
  status: string;
  start: string;
  end: string | null;
  duration: number;
};

/** The campaigns whose routing names each agent, directly or through a group. */
async function campaignsByAgent(db: Db, accountId: string): Promise<Map<string, string>> {
  const { rows } = await sql<{ user_id: string; titles: string }>`
    select x.user_id, string_agg(distinct c.title, '; ') as titles from (
      select l.campaign_id, m.user_id from routing_level_members m join routing_levels l on l.id = m.level_id
        where m.account_id = ${accountId} and m.user_id is not null
      union
      select l.campaign_id, g.user_id from routing_level_members m join routing_levels l on l.id = m.level_id
        join group_members g on g.group_id = m.group_id
        where m.account_id = ${accountId}
    ) x join campaigns c on c.id = x.campaign_id
    group by x.user_id`.execute(db);
  return new Map(rows.map((r) => [r.user_id, r.titles]));
}

const agentActivity: ReportSpec = {
  header: (tz) => [
    'account_id',
    'agent_id',
    'agent',
    'agent_deleted',
    'campaigns',
    'state',
    tzCol('start', tz),
    tzCol('end', tz),
    'duration_seconds',
  ],
  async *rows(db, s) {
    const campaigns = await campaignsByAgent(db, s.accountId);
    const rows = keyset<ActivityRow>(async (after) => {
      const { rows } = await sql<ActivityRow>`
        select p.id, p.started_at, p.user_id, u.first_name || ' ' || u.last_name as agent,
          u.deleted_at is not null as deleted, p.status,
          ${local(sql`p.started_at`, s.timeZone)} as start, ${local(sql`p.ended_at`, s.timeZone)} as end,
          greatest(0, ${seconds(sql`least(coalesce(p.ended_at, ${s.now}), ${s.end}) - greatest(p.started_at, ${s.start})`)}) as duration
        from agent_status_periods p join users u on u.id = p.user_id
        where p.account_id = ${s.accountId} and p.started_at < ${s.end}
          and (p.ended_at is null or p.ended_at > ${s.start})
          ${after ? sql`and p.started_at >= ${after.started_at} and (p.started_at, p.id) > (${after.started_at}, ${after.id})` : sql``}
        order by p.started_at, p.id limit ${BATCH_SIZE}`.execute(db);
      return rows;
    });
    for await (const r of rows) {
      yield [
        s.accountId,
        r.user_id,
        r.agent,
        r.deleted,
        campaigns.get(r.user_id) ?? '',
        r.status,
        r.start,
        r.end,
        r.duration,
      ];
    }
  },
};

// ---------------------------------------------------------------------------------------- EXP-2 performance

type PerformanceRow = {
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

const agentPerformance: ReportSpec = {
  header: () => [
    'agent_id',
    'agent',
    'email',
    'agent_deleted',
    'chats',
    'closed_chats',
    'total_duration_seconds',
    'average_duration_seconds',
    'answered_chats',
    'average_first_response_seconds',
    'online_seconds',
    'away_seconds',
    'offline_seconds',
    'breaks',
    'ignored_chats',
    'abandoned_chats',
    'rated_chats',
    'average_rating',
  ],
  async *rows(db, s) {
    // One row per user: a handful per account, read in one statement.
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
          select p.status, p.started_at,
            greatest(0, ${seconds(sql`least(coalesce(p.ended_at, ${s.now}), ${s.end}) - greatest(p.started_at, ${s.start})`)}) as clipped
          from agent_status_periods p
          where p.account_id = ${s.accountId} and p.user_id = u.id and p.started_at < ${s.end}
            and (p.ended_at is null or p.ended_at > ${s.start})
        ) q
      ) st
      where u.account_id = ${s.accountId}
        and (u.deleted_at is null or ch.chats > 0 or asg.ignored + asg.abandoned > 0 or st.available > 0)
      order by lower(u.last_name), lower(u.first_name), u.id`.execute(db);
    const observed = Math.max(
      0,
      Math.round((Math.min(s.now.getTime(), s.end.getTime()) - s.start.getTime()) / 1000),
    );
    for (const r of rows) {
      const online = r.available ?? 0;
      const away = r.away ?? 0;
      yield [
        r.id,
        r.agent,
        r.email,
        r.deleted,
        r.chats,
        r.closed,
        r.total_duration ?? 0,
        r.average_duration,
        r.answered,
        r.average_first_response,
        online,
        away,
        Math.max(0, observed - online - away),
        r.breaks,
        r.ignored,
        r.abandoned,
        r.rated,
        r.average_rating,
      ];
    }
  },
};

// --------------------------------------------------------------------------------------------- EXP-3 agents

const agents: ReportSpec = {
  header: (tz) => [
    'agent_id',
    'username',
    'first_name',
    'last_name',
    'email',
    'rights',
    'account_id',
    tzCol('created', tz),
    'deleted',
    tzCol('deleted_at', tz),
  ],
  async *rows(db, s) {
    type Row = {
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
    const rows = keyset<Row>(async (after) => {
      const { rows } = await sql<Row>`
        select id, nickname, first_name, last_name, email, rights,
          ${local(sql`created_at`, s.timeZone)} as created, ${local(sql`deleted_at`, s.timeZone)} as deleted_at,
          lower(email) as sort
        from users where account_id = ${s.accountId}
          ${after ? sql`and (lower(email), id) > (${after.sort}, ${after.id})` : sql``}
        order by lower(email), id limit ${BATCH_SIZE}`.execute(db);
      return rows;
    });
    for await (const r of rows) {
      yield [
        r.id,
        r.nickname,
        r.first_name,
        r.last_name,
        r.email,
        r.rights,
        s.accountId,
        r.created,
        r.deleted_at !== null,
        r.deleted_at,
      ];
    }
  },
};

// -------------------------------------------------------------------------------------- EXP-4 conversations

type ConversationRow = {
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
  visitor_id: string;
  visitor_left: boolean;
  page_views: number | null;
  visits: number;
  visitor_chats: number;
};

/** The statement of one batch of the Conversations report (also the bench's COPY baseline). */
export function conversationsQuery(
  s: ReportScope,
  after?: { started_at: Date; id: string },
  /** Rows per batch; null for all of them (the bench's COPY of the same rows). */
  limit: number | null = BATCH_SIZE,
) {
  return sql<ConversationRow>`
    select c.id, c.started_at, ${local(sql`c.started_at`, s.timeZone)} as start,
      ${local(sql`c.closed_at`, s.timeZone)} as end,
      case when c.offline_message then 'offline' else c.mode end as type, c.status, c.proactive,
      cp.title as campaign, w.host, c.start_url, c.agent_id, u.first_name || ' ' || u.last_name as agent,
      a.agents, a.transfers, ${seconds(sql`a.first_assigned - c.started_at`)} as wait,
      c.first_response_seconds, c.duration_seconds, m.visitor_messages, m.agent_messages, c.closed_by, c.rating,
      codes.names as codes, c.visitor_id, c.visitor_left_at is not null as visitor_left, vi.page_views,
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
    where c.account_id = ${s.accountId} and c.started_at >= ${s.start} and c.started_at < ${s.end}
      ${after ? sql`and c.started_at >= ${after.started_at} and (c.started_at, c.id) > (${after.started_at}, ${after.id})` : sql``}
    order by c.started_at, c.id ${limit === null ? sql`` : sql`limit ${limit}`}`;
}

const conversations: ReportSpec = {
  header: (tz) => [
    'chat_id',
    tzCol('start', tz),
    tzCol('end', tz),
    'type',
    'status',
    'proactive',
    'campaign',
    'host',
    'start_url',
    'agent_id',
    'agent',
    'agents',
    'transfers',
    'wait_seconds',
    'first_response_seconds',
    'duration_seconds',
    'visitor_messages',
    'agent_messages',
    'closed_by',
    'rating',
    'success_codes',
    'visitor_id',
    'visitor_left',
    'visit_page_views',
    'visitor_visits',
    'visitor_chats',
  ],
  async *rows(db, s) {
    const rows = keyset<ConversationRow>(
      async (after) => (await conversationsQuery(s, after).execute(db)).rows,
    );
    for await (const r of rows) {
      yield [
        r.id,
        r.start,
        r.end,
        r.type,
        r.status,
        r.proactive,
        r.campaign,
        r.host,
        r.start_url,
        r.agent_id,
        r.agent,
        r.agents,
        r.transfers,
        r.wait,
        r.first_response_seconds,
        r.duration_seconds,
        r.visitor_messages,
        r.agent_messages,
        r.closed_by,
        r.rating,
        r.codes,
        r.visitor_id,
        r.visitor_left,
        r.page_views,
        r.visits,
        r.visitor_chats,
      ];
    }
  },
};

// ---------------------------------------------------------------------------------- EXP-5 automatic invites

const automaticInvites: ReportSpec = {
  header: (tz) => [
    'invite_event_id',
    tzCol('at', tz),
    'event',
    'campaign',
    'invite_id',
    'host',
    'url',
    'visitor_id',
    'visit_id',
  ],
  async *rows(db, s) {
    type Row = {
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
    };
    const rows = keyset<Row>(async (after) => {
      const { rows } = await sql<Row>`
        select ie.id, ie.at as raw_at, ${local(sql`ie.at`, s.timeZone)} as at, ie.event, cp.title as campaign,
          ie.invite_id, w.host, ie.url, ie.visitor_id, ie.visit_id
        from invite_events ie
          left join campaigns cp on cp.id = ie.campaign_id
          left join visits vi on vi.id = ie.visit_id
          left join websites w on w.id = vi.website_id
        where ie.account_id = ${s.accountId} and ie.at >= ${s.start} and ie.at < ${s.end}
          ${after ? sql`and ie.at >= ${after.raw_at} and (ie.at, ie.id) > (${after.raw_at}, ${after.id})` : sql``}
        order by ie.at, ie.id limit ${BATCH_SIZE}`.execute(db);
      return rows;
    });
    for await (const r of rows) {
      yield [r.id, r.at, r.event, r.campaign, r.invite_id, r.host, r.url, r.visitor_id, r.visit_id];
    }
  },
};

// ---------------------------------------------------------------------------------------------- EXP-6 hosts

const hosts: ReportSpec = {
  header: (tz) => ['website_id', 'host', tzCol('added', tz), 'campaigns', 'in_other_accounts'],
  async *rows(db, s) {
    type Row = { id: string; host: string; added: string; campaigns: string | null; shared: boolean };
    const rows = keyset<Row>(async (after) => {
      const { rows } = await sql<Row>`
        select w.id, w.host, ${local(sql`w.created_at`, s.timeZone)} as added,
          (select string_agg(c.title, '; ' order by c.title) from campaigns c
            where c.account_id = w.account_id and (c.all_websites or exists (
              select 1 from campaign_websites cw where cw.campaign_id = c.id and cw.website_id = w.id))) as campaigns,
          exists (select 1 from websites o where o.host = w.host and o.account_id <> w.account_id) as shared
        from websites w where w.account_id = ${s.accountId}
          ${after ? sql`and (w.host, w.id) > (${after.host}, ${after.id})` : sql``}
        order by w.host, w.id limit ${BATCH_SIZE}`.execute(db);
      return rows;
    });
    for await (const r of rows) yield [r.id, r.host, r.added, r.campaigns, r.shared];
  },
};

// -------------------------------------------------------------------------------------------- EXP-7 traffic

const traffic: ReportSpec = {
  header: (tz) => [
    tzCol('date', tz),
    'host',
    'visits',
    'visitors',
    'page_views',
    'chats',
    'proactive_chats',
    'invites_shown',
    'invites_accepted',
    'invites_declined',
    'invites_not_shown_unavailable',
  ],
  async *rows(db, s) {
    type Row = {
      day: string;
      host: string | null;
      visits: number;
      visitors: number;
      page_views: number;
      chats: number;
      proactive: number;
      shown: number;
      accepted: number;
      declined: number;
      not_shown: number;
    };
    const tz = s.timeZone;
    const dayOf = (col: RawBuilder<unknown>) => sql`to_char(${col} at time zone ${tz}, 'YYYY-MM-DD')`;
    // One statement per day at most (the period is at most 731 days); each day is small once grouped.
    const { rows } = await sql<Row>`
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
      ), c as (
        select ${dayOf(sql`c.started_at`)} as day, c.website_id, count(*)::int as chats,
          count(*) filter (where c.proactive)::int as proactive
        from chats c where c.account_id = ${s.accountId} and c.started_at >= ${s.start} and c.started_at < ${s.end}
        group by 1, 2
      ), i as (
        select ${dayOf(sql`ie.at`)} as day, vi.website_id,
          count(*) filter (where ie.event = 'shown')::int as shown,
          count(*) filter (where ie.event = 'accepted')::int as accepted,
          count(*) filter (where ie.event = 'declined')::int as declined,
          count(*) filter (where ie.event = 'not_shown_unavailable')::int as not_shown
        from invite_events ie left join visits vi on vi.id = ie.visit_id
        where ie.account_id = ${s.accountId} and ie.at >= ${s.start} and ie.at < ${s.end}
        group by 1, 2
      ), k as (
        select day, website_id from v union select day, website_id from p
        union select day, website_id from c union select day, website_id from i
      )
      select k.day, w.host, coalesce(v.visits, 0) as visits, coalesce(v.visitors, 0) as visitors,
        coalesce(p.page_views, 0) as page_views, coalesce(c.chats, 0) as chats,
        coalesce(c.proactive, 0) as proactive, coalesce(i.shown, 0) as shown, coalesce(i.accepted, 0) as accepted,
        coalesce(i.declined, 0) as declined, coalesce(i.not_shown, 0) as not_shown
      from k left join websites w on w.id = k.website_id
        left join v on v.day = k.day and v.website_id is not distinct from k.website_id
        left join p on p.day = k.day and p.website_id is not distinct from k.website_id
        left join c on c.day = k.day and c.website_id is not distinct from k.website_id
        left join i on i.day = k.day and i.website_id is not distinct from k.website_id
      order by k.day, w.host nulls last`.execute(db);
    for (const r of rows) {
      yield [
        r.day,
        r.host,
        r.visits,
        r.visitors,
        r.page_views,
        r.chats,
        r.proactive,
        r.shown,
        r.accepted,
        r.declined,
        r.not_shown,
      ];
    }
  },
};

// ---------------------------------------------------------------------------------------------- EXP-8 slots

const slots: ReportSpec = {
  header: (tz) => [
    tzCol('date', tz),
    tzCol('hour_start', tz),
    'utc_offset',
    'incoming_chats',
    'answered_chats',
    'active_agents',
    'available_agent_seconds',
    'capacity_chats',
    'load_chats',
    'utilisation_percent',
  ],
  async *rows(db, s) {
    type Row = {
      i: number;
      incoming: number;
      answered: number;
      agents: number;
      available: number | null;
      capacity: number | null;
      unlimited: boolean | null;
      handled: number | null;
    };
    const hours = hourSlots(s.start, s.end, s.timeZone);
    // A day's hours per statement.
    for (let i = 0; i < hours.length; i += 24) {
      const day = hours.slice(i, i + 24);
      const starts = day.map((h) => h.start.toISOString());
      const dayStart = day[0]!.start;
      const dayEnd = new Date(day[day.length - 1]!.start.getTime() + 3_600_000);
      const { rows } = await sql<Row>`
        with h as (
          select (n - 1)::int as i, t as s, t + interval '1 hour' as e
          from unnest(${starts}::timestamptz[]) with ordinality as x(t, n)
        ), av as (
          select p.user_id, p.started_at, coalesce(p.ended_at, ${s.now}) as ended_at, u.live_chat_limit
          from agent_status_periods p join users u on u.id = p.user_id
          where p.account_id = ${s.accountId} and p.status = 'available' and p.started_at < ${dayEnd}
            and (p.ended_at is null or p.ended_at > ${dayStart})
        ), asg as (
          select a.assigned_at, coalesce(a.ended_at, ${s.now}) as ended_at
          from chat_assignments a
          where a.account_id = ${s.accountId} and a.assigned_at < ${dayEnd}
            and (a.ended_at is null or a.ended_at > ${dayStart})
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
      for (const r of rows) {
        const slot = day[r.i]!;
        const load = (r.handled ?? 0) / 3600;
        const capacity = r.unlimited ? null : (r.capacity ?? 0) / 3600;
        yield [
          slot.date,
          slot.label,
          slot.offset,
          r.incoming,
          r.answered,
          r.agents,
          Math.round(r.available ?? 0),
          capacity === null ? null : round2(capacity),
          round2(load),
          capacity ? Math.round((load / capacity) * 100) : null,
        ];
      }
    }
  },
};

const round2 = (n: number) => Math.round(n * 100) / 100;

export const REPORTS: Record<ExportReport, ReportSpec> = {
  'agent-activity': agentActivity,
  'agent-performance': agentPerformance,
  agents,
  conversations,
  'automatic-invites': automaticInvites,
  hosts,
  traffic,
  slots,
};
