import { sql } from 'kysely';
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

/** The visit this page view belongs to: the latest one on this website seen in the last 30 minutes, or a new one. */
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
  },
): Promise<string> {
  return db.transaction().execute(async (tx) => {
    let visit = await tx
      .selectFrom('visits')
      .select('id')
      .where('visitor_id', '=', v.visitorId)
      .where('website_id', '=', v.websiteId)
      .where('last_seen_at', '>', sql<Date>`now() - interval '30 minutes'`)
      .orderBy('last_seen_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!visit) {
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
          user_agent: v.userAgent,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx
        .updateTable('visitors')
        .set((eb) => ({ visits: eb('visits', '+', 1), last_seen_at: new Date() }))
        .where('id', '=', v.visitorId)
        .execute();
    }
    await tx
      .insertInto('page_views')
      .values({ account_id: v.accountId, visit_id: visit.id, url: v.url, title: v.title })
      .execute();
    await tx
      .updateTable('visits')
      .set((eb) => ({ page_views: eb('page_views', '+', 1), last_seen_at: new Date() }))
      .where('id', '=', visit.id)
      .execute();
    return visit.id;
  });
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

function utmOf(url: string): Record<string, string> {
  try {
    const params = new URL(url).searchParams;
    const utm: Record<string, string> = {};
    for (const [k, v] of params) if (k.startsWith('utm_')) utm[k] = v.slice(0, 200);
    return utm;
  } catch {
    return {};
  }
}

export async function recentPages(db: Db, visitorId: string, limit = 50) {
  return db
    .selectFrom('page_views')
    .innerJoin('visits', 'visits.id', 'page_views.visit_id')
    .select([
      'page_views.url',
      'page_views.title',
      'page_views.viewed_at',
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
