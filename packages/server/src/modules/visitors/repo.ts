import { sql } from 'kysely';
import { utmOf, VISIT_IDLE_SECONDS } from '@parley/protocol';
import type { Db } from '../../db/database.js';
import type { VisitorRow } from '../../db/schema.js';

export async function findVisitorByTokenHash(
  db: Db,
  accountId: string,
  tokenHash: string,
): Promise<VisitorRow | undefined> {
  return db
    .selectFrom('visitors')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function findVisitor(db: Db, accountId: string, id: string): Promise<VisitorRow | undefined> {
  return db
    .selectFrom('visitors')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertVisitor(
  db: Db,
  values: {
    id?: string;
    account_id: string;
    token_hash: string;
    user_agent: string;
    name?: string;
    email?: string;
    data?: Record<string, string>;
  },
): Promise<VisitorRow> {
  const { data, ...rest } = values;
  return db
    .insertInto('visitors')
    .values({ ...rest, ...(data ? { data: sql`${JSON.stringify(data)}::jsonb` } : {}) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Visitors are many: last-seen is written at most every five minutes, never per heartbeat. */
export async function touchVisitor(db: Db, id: string): Promise<void> {
  await db
    .updateTable('visitors')
    .set({ last_seen_at: new Date() })
    .where('id', '=', id)
    .where('last_seen_at', '<', sql<Date>`now() - interval '5 minutes'`)
    .execute();
}

export async function updateVisitorProfile(
  db: Db,
  id: string,
  patch: { name?: string | undefined; email?: string | undefined; data?: Record<string, string> | undefined },
): Promise<void> {
  const set: Record<string, unknown> = {};
  if (patch.name !== undefined) set.name = patch.name;
  if (patch.email !== undefined) set.email = patch.email;
  const q = db.updateTable('visitors').where('id', '=', id);
  if (patch.data !== undefined) {
    await q.set({ ...set, data: sql`data || ${JSON.stringify(patch.data)}::jsonb` }).execute();
  } else if (Object.keys(set).length > 0) {
    await q.set(set).execute();
  }
}

/** The visitor's visit going on on this website (seen in the last 30 minutes), if any; nothing is written. */
export async function currentVisitId(db: Db, visitorId: string, websiteId: string): Promise<string | null> {
  const visit = await db
    .selectFrom('visits')
    .select('id')
    .where('visitor_id', '=', visitorId)
    .where('website_id', '=', websiteId)
    .where('last_seen_at', '>', sql<Date>`now() - interval '30 minutes'`)
    .orderBy('last_seen_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return visit?.id ?? null;
}

/** What a visit knows of where and on what it happens (TLS-6): kept when the visit starts. */
export type VisitOrigin = {
  browser: string;
  os: string;
  device: string;
  country: string;
  /** The raw address: written only when the account opts in (`accounts.store_visitor_ip`). */
  ip: string;
};

/**
 * Records a page view (TLS-6): in the latest visit on this website seen within VISIT_IDLE_SECONDS, or in a new
 * one. Returns the visit, the page view's number (its heartbeats name it) and whether the visit is new.
 */
export async function recordPageView(
  db: Db,
  v: {
    accountId: string;
    visitorId: string;
    websiteId: string;
    campaignId: string | null;
    url: string;
    title: string;
    referrer: string;
    userAgent: string;
    /** Read only when a visit starts (parsing the user agent is not free). */
    origin?: () => VisitOrigin;
  },
): Promise<{ visitId: string; viewId: number; newVisit: boolean }> {
  return db.transaction().execute(async (tx) => {
    let visit = await tx
      .selectFrom('visits')
      .select('id')
      .where('visitor_id', '=', v.visitorId)
      .where('website_id', '=', v.websiteId)
      .where('last_seen_at', '>', sql<Date>`now() - make_interval(secs => ${VISIT_IDLE_SECONDS})`)
      .orderBy('last_seen_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    const newVisit = !visit;
    if (!visit) {
      const o = v.origin?.();
      visit = await tx
        .insertInto('visits')
        .values({
          account_id: v.accountId,
          visitor_id: v.visitorId,
          website_id: v.websiteId,
          campaign_id: v.campaignId,
          referrer: v.referrer,
          landing_url: v.url,
          utm: utmOf(v.url),
          user_agent: v.userAgent.slice(0, 500),
          ...(o
            ? {
                browser: o.browser,
                os: o.os,
                device: o.device,
                country: o.country,
                // The account's choice, read in the same statement (off by default).
                ip: sql<
                  string | null
                >`case when (select store_visitor_ip from accounts where id = ${v.accountId}) then ${o.ip.slice(0, 64)} end`,
              }
            : {}),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx
        .updateTable('visitors')
        .set((eb) => ({ visits: eb('visits', '+', 1), last_seen_at: new Date() }))
        .where('id', '=', v.visitorId)
        .execute();
    }
    const view = await tx
      .insertInto('page_views')
      .values({ account_id: v.accountId, visit_id: visit.id, url: v.url, title: v.title })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx
      .updateTable('visits')
      .set((eb) => ({ page_views: eb('page_views', '+', 1), last_seen_at: new Date() }))
      .where('id', '=', visit.id)
      .execute();
    return { visitId: visit.id, viewId: Number(view.id), newVisit };
  });
}

/**
 * A heartbeat (TLS-6), in one statement: the page view's last sign and its visit's last seen, only when the
 * page view belongs to a visit of this token's visitor on this website that is still going on; with the
 * visitor's hand invite waiting to be shown (INV-6), if any. Undefined: no such page view (the visit ended, or
 * the view or token is not theirs): the loader then records its page view again.
 */
export async function heartbeat(
  db: Db,
  h: { websiteId: string; tokenHash: string; viewId: number },
): Promise<
  { visitorId: string; visitId: string; invite: { id: string; agentName: string } | null } | undefined
> {
  const { rows } = await sql<{
    visitor_id: string;
    visit_id: string;
    invite_id: string | null;
    agent_name: string | null;
  }>`
    with hb as (
      update page_views p set last_seen_at = now()
      from visits v join visitors r on r.id = v.visitor_id
      where p.id = ${h.viewId} and v.id = p.visit_id and v.website_id = ${h.websiteId}
        and r.token_hash = ${h.tokenHash}
        and v.last_seen_at > now() - make_interval(secs => ${VISIT_IDLE_SECONDS})
      returning v.id as visit_id, v.visitor_id
    ), seen as (
      update visits set last_seen_at = now() from hb where visits.id = hb.visit_id returning visits.id
    )
    select hb.visitor_id, hb.visit_id, i.id as invite_id, i.agent_name
    from hb left join lateral (
      select id, agent_name from visitor_invites
      where visitor_id = hb.visitor_id and status = 'pending'
        and created_at > now() - make_interval(secs => ${HAND_INVITE_TTL_SECONDS})
      order by created_at desc limit 1
    ) i on true`.execute(db);
  const row = rows[0];
  if (!row) return undefined;
  return {
    visitorId: row.visitor_id,
    visitId: row.visit_id,
    invite: row.invite_id ? { id: row.invite_id, agentName: row.agent_name ?? '' } : null,
  };
}

/** An invite not shown within this long is not delivered any more (the visitor went, or the tab slept). */
export const HAND_INVITE_TTL_SECONDS = 120;

export type LiveVisitorRow = {
  visit_id: string;
  visitor_id: string;
  name: string;
  host: string | null;
  started_at: Date;
  last_seen_at: Date;
  page_views: number;
  referrer: string;
  utm: Record<string, string>;
  browser: string;
  os: string;
  device: string;
  country: string;
  url: string | null;
  title: string | null;
  viewed_at: Date | null;
  chat_id: string | null;
  chat_agent: string | null;
  invite_status: 'pending' | 'shown' | 'accepted' | 'declined' | null;
  invite_agent: string | null;
};

/**
 * The account's visits seen within `seconds` (the Visitors list), newest first, with the current page, the
 * visitor's chat going on and the visit's latest hand invite; or one visit (`visitId`).
 */
export async function liveVisits(
  db: Db,
  accountId: string,
  opts: { seconds: number; visitId?: string; limit?: number },
): Promise<LiveVisitorRow[]> {
  const { rows } = await sql<LiveVisitorRow>`
    select v.id as visit_id, v.visitor_id, r.name, w.host, v.started_at, v.last_seen_at, v.page_views,
      v.referrer, v.utm, v.browser, v.os, v.device, v.country, pv.url, pv.title, pv.viewed_at,
      c.id as chat_id, coalesce(nullif(u.nickname, ''), u.first_name) as chat_agent,
      i.status as invite_status, i.agent_name as invite_agent
    from visits v
      join visitors r on r.id = v.visitor_id
      left join websites w on w.id = v.website_id
      left join lateral (
        select url, title, viewed_at from page_views
        where visit_id = v.id order by viewed_at desc, id desc limit 1
      ) pv on true
      left join lateral (
        select id, agent_id from chats
        where visitor_id = v.visitor_id and status <> 'closed' order by started_at desc limit 1
      ) c on true
      left join users u on u.id = c.agent_id
      left join lateral (
        select status, agent_name from visitor_invites
        where visit_id = v.id order by created_at desc limit 1
      ) i on true
    where v.account_id = ${accountId}
      and v.last_seen_at > now() - make_interval(secs => ${opts.seconds})
      ${opts.visitId ? sql`and v.id = ${opts.visitId}` : sql``}
    order by v.started_at desc
    limit ${opts.limit ?? 500}`.execute(db);
  return rows;
}

/** The visitor opened the chat window during the visit: its first time is kept, every time is counted. */
export async function recordChatView(db: Db, accountId: string, visitId: string): Promise<void> {
  await db
    .insertInto('chat_views')
    .values({ visit_id: visitId, account_id: accountId })
    .onConflict((oc) =>
      oc.column('visit_id').doUpdateSet((eb) => ({ opens: eb('chat_views.opens', '+', 1) })),
    )
    .execute();
}

export async function recentPages(db: Db, visitorId: string, limit = 50) {
  return db
    .selectFrom('page_views')
    .innerJoin('visits', 'visits.id', 'page_views.visit_id')
    .select([
      'page_views.url',
      'page_views.title',
      'page_views.viewed_at',
      'page_views.last_seen_at',
      'visits.referrer',
      'visits.user_agent',
    ])
    .where('visits.visitor_id', '=', visitorId)
    .orderBy('page_views.viewed_at', 'desc')
    .orderBy('page_views.id', 'desc')
    .limit(limit)
    .execute();
}

export async function findVisitorNameRow(db: Db, id: string) {
  return db.selectFrom('visitors').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
}

/** The visitor's count of chats, for the console's "previous chats". */
export async function incrementChats(db: Db, id: string): Promise<void> {
  await db
    .updateTable('visitors')
    .set((eb) => ({ chats: eb('chats', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

/** The visitor's latest visit (Visitor Info): when, from where, on what. */
export async function latestVisit(db: Db, visitorId: string) {
  return db
    .selectFrom('visits')
    .leftJoin('websites', 'websites.id', 'visits.website_id')
    .select([
      'visits.id',
      'visits.started_at',
      'visits.last_seen_at',
      'visits.referrer',
      'visits.utm',
      'visits.browser',
      'visits.os',
      'visits.device',
      'visits.country',
      'websites.host',
    ])
    .where('visits.visitor_id', '=', visitorId)
    .orderBy('visits.last_seen_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The visit of this account that was seen within `seconds`, with its visitor and website (hand invites). */
export async function liveVisitOf(db: Db, accountId: string, visitorId: string, seconds: number) {
  return db
    .selectFrom('visits')
    .select(['id', 'visitor_id', 'website_id', 'campaign_id'])
    .where('account_id', '=', accountId)
    .where('visitor_id', '=', visitorId)
    .where('last_seen_at', '>', sql<Date>`now() - make_interval(secs => ${seconds})`)
    .orderBy('last_seen_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function hasOpenChat(db: Db, visitorId: string): Promise<boolean> {
  const row = await db
    .selectFrom('chats')
    .select('id')
    .where('visitor_id', '=', visitorId)
    .where('status', '<>', 'closed')
    .limit(1)
    .executeTakeFirst();
  return !!row;
}

/** The visitor's chats going on (their agents' Visitor Info follows the visitor's pages). */
export async function openChatIds(db: Db, visitorId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('chats')
    .select('id')
    .where('visitor_id', '=', visitorId)
    .where('status', '<>', 'closed')
    .execute();
  return rows.map((r) => r.id);
}

export async function insertHandInvite(
  db: Db,
  v: {
    account_id: string;
    visitor_id: string;
    visit_id: string;
    website_id: string | null;
    campaign_id: string | null;
    user_id: string;
    agent_name: string;
  },
) {
  return db.insertInto('visitor_invites').values(v).returningAll().executeTakeFirstOrThrow();
}

export async function findHandInvite(db: Db, accountId: string, visitorId: string, id: string) {
  return db
    .selectFrom('visitor_invites')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('visitor_id', '=', visitorId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/**
 * Moves a hand invite on (pending → shown → accepted or declined; pending → accepted/declined too, when the
 * shown beacon was lost). Returns the row when this call moved it, so each event is recorded once.
 */
export async function advanceHandInvite(db: Db, id: string, to: 'shown' | 'accepted' | 'declined') {
  const from = to === 'shown' ? ['pending'] : ['pending', 'shown'];
  return db
    .updateTable('visitor_invites')
    .set({ status: to, ...(to === 'shown' ? {} : { answered_at: new Date() }) })
    .where('id', '=', id)
    .where('status', 'in', from as ('pending' | 'shown')[])
    .returningAll()
    .executeTakeFirst();
}

export async function agentDisplayNameOf(db: Db, accountId: string, userId: string): Promise<string> {
  const u = await db
    .selectFrom('users')
    .select(['first_name', 'nickname'])
    .where('account_id', '=', accountId)
    .where('id', '=', userId)
    .executeTakeFirst();
  return u ? u.nickname || u.first_name : '';
}

/**
 * The visit whose latest page view is this page, viewed within `seconds`: the loader's beacon recorded it
 * already, so the chat frame's hello on the same page joins that visit instead of counting the page twice.
 */
export async function visitWithRecentView(
  db: Db,
  visitorId: string,
  websiteId: string,
  url: string,
  seconds: number,
): Promise<string | undefined> {
  const { rows } = await sql<{ id: string }>`
    select v.id from visits v
    where v.visitor_id = ${visitorId} and v.website_id = ${websiteId}
      and v.last_seen_at > now() - make_interval(secs => ${VISIT_IDLE_SECONDS})
      and (select p.url from page_views p where p.visit_id = v.id
           and p.viewed_at > now() - make_interval(secs => ${seconds})
           order by p.viewed_at desc, p.id desc limit 1) = ${url}
    order by v.last_seen_at desc limit 1`.execute(db);
  return rows[0]?.id;
}

/** TLS-6: the last heartbeat of many page views at once ([id, epoch ms]); one statement. */
export async function touchPageViews(db: Db, beats: [number, number][]): Promise<void> {
  if (beats.length === 0) return;
  await sql`
    update page_views p set last_seen_at = to_timestamp(b.at / 1000.0)
    from unnest(${sql.val(beats.map((b) => b[0]))}::bigint[], ${sql.val(beats.map((b) => b[1]))}::float8[]) as b(id, at)
    where p.id = b.id`.execute(db);
}

/** TLS-6: the last seen of many visits at once ([id, epoch ms]); one statement, never moving one back. */
export async function touchVisits(db: Db, beats: [string, number][]): Promise<void> {
  if (beats.length === 0) return;
  await sql`
    update visits v set last_seen_at = greatest(v.last_seen_at, to_timestamp(b.at / 1000.0))
    from unnest(${sql.val(beats.map((b) => b[0]))}::uuid[], ${sql.val(beats.map((b) => b[1]))}::float8[]) as b(id, at)
    where v.id = b.id`.execute(db);
}

/** Hand invites that may still be delivered (INV-6), for every instance's memory. */
export async function pendingHandInvites(db: Db) {
  return db
    .selectFrom('visitor_invites')
    .select(['id', 'visitor_id', 'agent_name', 'created_at'])
    .where('status', '=', 'pending')
    .where('created_at', '>', sql<Date>`now() - make_interval(secs => ${HAND_INVITE_TTL_SECONDS})`)
    .execute();
}
