import type { WebTab } from '@parley/protocol';
import type { Db } from '../../db/database.js';

// WebTabs' SQL (TLS-1, table of migration 021). Every statement names the account.

/** The campaign's tabs, in the list's order. */
export async function listTabs(db: Db, accountId: string, campaignId: string): Promise<WebTab[]> {
  return db
    .selectFrom('web_tabs')
    .select(['id', 'name', 'url'])
    .where('account_id', '=', accountId)
    .where('campaign_id', '=', campaignId)
    .orderBy('position')
    .orderBy('id')
    .execute();
}

export async function findTab(
  db: Db,
  accountId: string,
  campaignId: string,
  tabId: string,
): Promise<WebTab | undefined> {
  return db
    .selectFrom('web_tabs')
    .select(['id', 'name', 'url'])
    .where('account_id', '=', accountId)
    .where('campaign_id', '=', campaignId)
    .where('id', '=', tabId)
    .executeTakeFirst();
}

/** Locks the campaign's row: one save of its list at a time. False when the account has no such campaign. */
export async function lockCampaign(db: Db, accountId: string, campaignId: string): Promise<boolean> {
  const row = await db
    .selectFrom('campaigns')
    .select('id')
    .where('account_id', '=', accountId)
    .where('id', '=', campaignId)
    .forUpdate()
    .executeTakeFirst();
  return !!row;
}

/** Of `ids`, those that are not tabs of the campaign now. */
export async function tabsNotInList(
  db: Db,
  accountId: string,
  campaignId: string,
  ids: string[],
): Promise<string[]> {
  if (ids.length === 0) return [];
  const found = await db
    .selectFrom('web_tabs')
    .select('id')
    .where('account_id', '=', accountId)
    .where('campaign_id', '=', campaignId)
    .where('id', 'in', ids)
    .execute();
  const have = new Set(found.map((r) => r.id));
  return ids.filter((id) => !have.has(id));
}

/**
 * Replaces the campaign's list (inside the saving transaction, the campaign locked): tabs left out are deleted,
 * kept ones renamed, readdressed and moved, new ones added. The kept ones' names are first set aside (to their
 * ids) so that two tabs may swap names without meeting in the unique index.
 */
export async function replaceTabs(
  tx: Db,
  accountId: string,
  campaignId: string,
  tabs: { id?: string | undefined; name: string; url: string }[],
): Promise<void> {
  const keep = tabs.flatMap((t) => (t.id ? [t.id] : []));
  let gone = tx
    .deleteFrom('web_tabs')
    .where('account_id', '=', accountId)
    .where('campaign_id', '=', campaignId);
  if (keep.length) gone = gone.where('id', 'not in', keep);
  await gone.execute();
  if (keep.length)
    await tx
      .updateTable('web_tabs')
      .set((eb) => ({ name: eb.cast<string>('id', 'text') }))
      .where('account_id', '=', accountId)
      .where('campaign_id', '=', campaignId)
      .where('id', 'in', keep)
      .execute();
  for (const [position, t] of tabs.entries()) {
    if (t.id)
      await tx
        .updateTable('web_tabs')
        .set({ name: t.name, url: t.url, position })
        .where('account_id', '=', accountId)
        .where('campaign_id', '=', campaignId)
        .where('id', '=', t.id)
        .execute();
    else
      await tx
        .insertInto('web_tabs')
        .values({ account_id: accountId, campaign_id: campaignId, name: t.name, url: t.url, position })
        .execute();
  }
}

/**
 * CMP-1 "duplicate": the campaign's tabs, in the list's order, copied to another campaign of the same account
 * (new ids). Inside the caller's transaction; the WebTabs toggle is a column of the campaign, copied with it.
 */
export async function copyWebTabs(
  db: Db,
  accountId: string,
  fromCampaignId: string,
  toCampaignId: string,
): Promise<void> {
  const rows = await db
    .selectFrom('web_tabs')
    .select(['name', 'url', 'position'])
    .where('account_id', '=', accountId)
    .where('campaign_id', '=', fromCampaignId)
    .orderBy('position')
    .orderBy('id')
    .execute();
  if (rows.length === 0) return;
  await db
    .insertInto('web_tabs')
    .values(rows.map((r) => ({ account_id: accountId, campaign_id: toCampaignId, ...r })))
    .execute();
}
