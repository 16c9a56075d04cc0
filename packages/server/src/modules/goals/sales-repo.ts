import { sql } from 'kysely';
import type { Goal, Moment } from '@parley/protocol';
import type { Db } from '../../db/database.js';

// Goals & sales (GOL-3, GOL-4; tables of migration 018) and the GA4 toggle (GOL-5, a campaign column). Values are
// numeric in the database and text here (`value::text`): never a float on the way. Every statement names the account.

export type GoalRow = Goal & { position: number };

const goalColumns = [
  'id',
  'title',
  'moments',
  'value_kind as valueKind',
  sql<string>`coalesce(value::text, '')`.as('value'),
  'position',
] as const;

/** The campaign's goals in the list's order (deleted ones left out). */
export async function listGoals(db: Db, accountId: string, campaignId: string): Promise<Goal[]> {
  const rows = await db
    .selectFrom('goals')
    .select(goalColumns)
    .where('account_id', '=', accountId)
    .where('campaign_id', '=', campaignId)
    .where('deleted_at', 'is', null)
    .orderBy('position')
    .orderBy('id')
    .execute();
  return rows.map(({ position: _p, ...g }) => ({
    ...g,
    value: trimDecimal(g.value),
    moments: g.moments as Moment[],
  }));
}

/** `12.5000` → `12.5`, `40.0000` → `40` (the database keeps four decimals). */
export function trimDecimal(v: string): string {
  return v.includes('.') ? v.replace(/0+$/, '').replace(/\.$/, '') : v;
}

export async function findGa4(db: Db, accountId: string, campaignId: string): Promise<boolean | undefined> {
  const row = await db
    .selectFrom('campaigns')
    .select('analytics_ga4')
    .where('account_id', '=', accountId)
    .where('id', '=', campaignId)
    .executeTakeFirst();
  return row?.analytics_ga4;
}

export async function writeGa4(tx: Db, accountId: string, campaignId: string, ga4: boolean): Promise<void> {
  await tx
    .updateTable('campaigns')
    .set({ analytics_ga4: ga4, updated_at: new Date() })
    .where('account_id', '=', accountId)
    .where('id', '=', campaignId)
    .execute();
}

/**
 * CMP-1 "duplicate": the campaign's goals — title, moments, value, order — copied to another campaign of the same
 * account (new ids; the copy's goal events start empty; deleted goals stay with their events). Inside the
 * caller's transaction; the GA4 toggle is a column of the campaign, copied with it.
 */
export async function copyGoals(db: Db, accountId: string, fromCampaignId: string, toCampaignId: string) {
  const rows = await db
    .selectFrom('goals')
    .select(['title', 'moments', 'value_kind', sql<string | null>`value::text`.as('value'), 'position'])
    .where('account_id', '=', accountId)
    .where('campaign_id', '=', fromCampaignId)
    .where('deleted_at', 'is', null)
    .orderBy('position')
    .orderBy('id')
    .execute();
  if (rows.length === 0) return;
  await db
    .insertInto('goals')
    .values(
      rows.map((r) => ({
        account_id: accountId,
        campaign_id: toCampaignId,
        ...r,
        moments: JSON.stringify(r.moments),
      })),
    )
    .execute();
}

/** Of `ids`, those that are not goals of the campaign's list now. */
export async function goalsNotInList(
  db: Db,
  accountId: string,
  campaignId: string,
  ids: string[],
): Promise<string[]> {
  if (ids.length === 0) return [];
  const found = await db
    .selectFrom('goals')
    .select('id')
    .where('account_id', '=', accountId)
    .where('campaign_id', '=', campaignId)
    .where('deleted_at', 'is', null)
    .where('id', 'in', ids)
    .execute();
  const known = new Set(found.map((r) => r.id));
  return ids.filter((id) => !known.has(id));
}

export type GoalValues = {
  id?: string | undefined;
  title: string;
  moments: Moment[];
  valueKind: Goal['valueKind'];
  /** A decimal text for a fixed value, else null. */
  value: string | null;
};

/**
 * Replaces the campaign's list (inside the saving transaction, the campaign locked): goals left out are deleted
 * (their goal events keep them), kept ones changed and moved, new ones added. Titles are first set aside (to
 * their ids) so that two goals may swap titles without meeting in the unique index.
 */
export async function replaceGoals(
  tx: Db,
  accountId: string,
  campaignId: string,
  goals: GoalValues[],
): Promise<void> {
  const keep = goals.flatMap((g) => (g.id ? [g.id] : []));
  let gone = tx
    .updateTable('goals')
    .set({ deleted_at: new Date() })
    .where('account_id', '=', accountId)
    .where('campaign_id', '=', campaignId)
    .where('deleted_at', 'is', null);
  if (keep.length) gone = gone.where('id', 'not in', keep);
  await gone.execute();
  if (keep.length)
    await tx
      .updateTable('goals')
      .set({ title: sql<string>`id::text` })
      .where('account_id', '=', accountId)
      .where('campaign_id', '=', campaignId)
      .where('id', 'in', keep)
      .execute();
  for (const [position, g] of goals.entries()) {
    const values = {
      title: g.title,
      moments: JSON.stringify(g.moments),
      value_kind: g.valueKind,
      value: g.value,
      position,
    };
    if (g.id)
      await tx
        .updateTable('goals')
        .set(values)
        .where('account_id', '=', accountId)
        .where('campaign_id', '=', campaignId)
        .where('id', '=', g.id)
        .execute();
    else
      await tx
        .insertInto('goals')
        .values({ account_id: accountId, campaign_id: campaignId, ...values })
        .execute();
  }
}

/** A goal of the campaign's list by its title, whatever its case (the snippet names goals by title). */
export async function findGoalByTitle(
  db: Db,
  accountId: string,
  campaignId: string,
  title: string,
): Promise<Goal | undefined> {
  const g = await db
    .selectFrom('goals')
    .select(goalColumns)
    .where('account_id', '=', accountId)
    .where('campaign_id', '=', campaignId)
    .where('deleted_at', 'is', null)
    .where(sql<string>`lower(title)`, '=', title.toLocaleLowerCase())
    .executeTakeFirst();
  return g && { ...g, value: trimDecimal(g.value), moments: g.moments as Moment[] };
}

/** What the page-view matching needs of a visit: when it started and the page viewed before the latest one. */
export async function visitNowOf(
  db: Db,
  accountId: string,
  visitId: string,
): Promise<{ startedAt: Date; previousUrl: string | null } | undefined> {
  const visit = await db
    .selectFrom('visits')
    .select('started_at')
    .where('account_id', '=', accountId)
    .where('id', '=', visitId)
    .executeTakeFirst();
  if (!visit) return undefined;
  const pages = await db
    .selectFrom('page_views')
    .select('url')
    .where('account_id', '=', accountId)
    .where('visit_id', '=', visitId)
    .orderBy('viewed_at', 'desc')
    .orderBy('id', 'desc')
    .limit(2)
    .execute();
  return { startedAt: new Date(visit.started_at), previousUrl: pages[1]?.url ?? null };
}

/** The visitor's latest chat of this visit (the chat that may have led to the goal), if any. */
export async function chatOfVisit(db: Db, accountId: string, visitorId: string, visitId: string) {
  return db
    .selectFrom('chats')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('visitor_id', '=', visitorId)
    .where('visit_id', '=', visitId)
    .orderBy('started_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Stores a goal reached; false when it was reached in this visit already (once per visit per goal). */
export async function insertGoalEvent(
  db: Db,
  e: {
    accountId: string;
    campaignId: string;
    goalId: string;
    visitorId: string;
    visitId: string;
    chatId: string | null;
    value: string | null;
    url: string;
  },
): Promise<boolean> {
  const row = await db
    .insertInto('goal_events')
    .values({
      account_id: e.accountId,
      campaign_id: e.campaignId,
      goal_id: e.goalId,
      visitor_id: e.visitorId,
      visit_id: e.visitId,
      chat_id: e.chatId,
      value: e.value,
      url: e.url.slice(0, 2000),
    })
    .onConflict((oc) => oc.columns(['goal_id', 'visit_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return !!row;
}
