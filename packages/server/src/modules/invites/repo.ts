import { sql, type Selectable } from 'kysely';
import type { GreetingAvailability, InviteEvent, InviteValues } from '@parley/protocol';
import type { Db } from '../../db/database.js';
import type { InvitesTable } from '../../db/schema.js';

export type InviteRow = Selectable<InvitesTable>;

/** The campaign's greeting availability, or undefined when the account has no such campaign. */
export async function findCampaignAvailability(
  db: Db,
  accountId: string,
  campaignId: string,
): Promise<GreetingAvailability | undefined> {
  const row = await db
    .selectFrom('campaigns')
    .select('greeting_availability')
    .where('account_id', '=', accountId)
    .where('id', '=', campaignId)
    .executeTakeFirst();
  return row?.greeting_availability;
}

export async function setCampaignAvailability(
  db: Db,
  accountId: string,
  campaignId: string,
  availability: GreetingAvailability,
): Promise<void> {
  await db
    .updateTable('campaigns')
    .set({ greeting_availability: availability, updated_at: new Date() })
    .where('account_id', '=', accountId)
    .where('id', '=', campaignId)
    .execute();
}

export async function listInviteRows(db: Db, accountId: string, campaignId: string): Promise<InviteRow[]> {
  return db
    .selectFrom('invites')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('campaign_id', '=', campaignId)
    .orderBy('position')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** The widget's greetings (INV-3/INV-4): a campaign's enabled ones, in list order. */
export async function listEnabledInviteRows(db: Db, campaignId: string): Promise<InviteRow[]> {
  return db
    .selectFrom('invites')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .where('enabled', '=', true)
    .orderBy('position')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function findInviteRow(
  db: Db,
  accountId: string,
  campaignId: string,
  id: string,
): Promise<InviteRow | undefined> {
  return db
    .selectFrom('invites')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('campaign_id', '=', campaignId)
    .where('id', '=', id)
    .executeTakeFirst();
}

const columns = (v: InviteValues) => ({
  kind: v.kind,
  enabled: v.enabled,
  title: v.title,
  text: v.text,
  accept_text: v.kind === 'yes_no' ? v.acceptText : '',
  decline_text: v.kind === 'yes_no' ? v.declineText : '',
  moments: JSON.stringify(v.moments),
});

/**
 * Adds a greeting at the end of the list, unless the campaign has `max` already (counted under a lock on the
 * campaign's row, so two adds at once cannot pass the limit). Undefined when full.
 */
export async function insertInvite(
  db: Db,
  accountId: string,
  campaignId: string,
  v: InviteValues,
  max: number,
): Promise<InviteRow | undefined> {
  return db.transaction().execute(async (tx) => {
    await tx.selectFrom('campaigns').select('id').where('id', '=', campaignId).forUpdate().executeTakeFirst();
    const { count, next } = await tx
      .selectFrom('invites')
      .select([
        sql<number>`count(*)::int`.as('count'),
        sql<number>`coalesce(max(position) + 1, 0)::int`.as('next'),
      ])
      .where('campaign_id', '=', campaignId)
      .executeTakeFirstOrThrow();
    if (count >= max) return undefined;
    return tx
      .insertInto('invites')
      .values({ account_id: accountId, campaign_id: campaignId, position: next, ...columns(v) })
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}

export async function updateInvite(
  db: Db,
  accountId: string,
  campaignId: string,
  id: string,
  v: InviteValues,
): Promise<InviteRow | undefined> {
  return db
    .updateTable('invites')
    .set({ ...columns(v), updated_at: new Date() })
    .where('account_id', '=', accountId)
    .where('campaign_id', '=', campaignId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

/**
 * CMP-1 "duplicate": the greetings of a campaign, with their moments, order and toggles, copied to another
 * campaign of the same account (new ids; the copy's history starts empty). Inside the caller's transaction.
 */
export async function copyInvites(db: Db, accountId: string, fromCampaignId: string, toCampaignId: string) {
  const rows = await listInviteRows(db, accountId, fromCampaignId);
  if (rows.length === 0) return;
  await db
    .insertInto('invites')
    .values(
      rows.map((r) => ({
        account_id: accountId,
        campaign_id: toCampaignId,
        position: r.position,
        kind: r.kind,
        enabled: r.enabled,
        title: r.title,
        text: r.text,
        accept_text: r.accept_text,
        decline_text: r.decline_text,
        moments: JSON.stringify(r.moments),
      })),
    )
    .execute();
}

/** INV-10: one thing that happened to a greeting on a visitor's page (the widget side writes these). */
export type NewInviteEvent = {
  accountId: string;
  campaignId: string | null;
  inviteId: string | null;
  visitorId: string | null;
  visitId: string | null;
  /** The website of the page (the host in the exports, also without a visit). */
  websiteId: string | null;
  event: InviteEvent;
  url: string;
  /** INV-6: the agent of a hand invite. */
  userId?: string | null;
};

export async function insertInviteEvent(db: Db, e: NewInviteEvent): Promise<void> {
  await db
    .insertInto('invite_events')
    .values({
      account_id: e.accountId,
      campaign_id: e.campaignId,
      invite_id: e.inviteId,
      visitor_id: e.visitorId,
      visit_id: e.visitId,
      website_id: e.websiteId,
      event: e.event,
      url: e.url,
      user_id: e.userId ?? null,
    })
    .execute();
}

/** Whether the campaign has this greeting, enabled (a chat started from it is proactive, INV-3/INV-4). */
export async function enabledInviteExists(db: Db, campaignId: string, id: string): Promise<boolean> {
  const row = await db
    .selectFrom('invites')
    .select('id')
    .where('campaign_id', '=', campaignId)
    .where('id', '=', id)
    .where('enabled', '=', true)
    .executeTakeFirst();
  return !!row;
}
