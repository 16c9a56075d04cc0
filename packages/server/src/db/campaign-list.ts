import type { Selectable } from 'kysely';
import type { Db } from './database.js';
import type { DB } from './schema.js';

// A campaign's ordered list of things a manager turns on and off, moves and deletes one at a time: its greetings
// (invites, INV-3…6) and its chat buttons (INV-7…9). One implementation of the three writes they share.

export type CampaignListTable = 'invites' | 'chat_buttons';

/** Turns one item of the campaign's list on or off: the item as it is now, or undefined when not the campaign's. */
export async function setListItemEnabled<T extends CampaignListTable>(
  db: Db,
  table: T,
  accountId: string,
  campaignId: string,
  id: string,
  enabled: boolean,
): Promise<Selectable<DB[T]> | undefined> {
  const row = await db
    .updateTable(table as CampaignListTable)
    .set({ enabled, updated_at: new Date() })
    .where('account_id', '=', accountId)
    .where('campaign_id', '=', campaignId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  return row as Selectable<DB[T]> | undefined;
}

export async function deleteListItem(
  db: Db,
  table: CampaignListTable,
  accountId: string,
  campaignId: string,
  id: string,
): Promise<boolean> {
  const res = await db
    .deleteFrom(table)
    .where('account_id', '=', accountId)
    .where('campaign_id', '=', campaignId)
    .where('id', '=', id)
    .executeTakeFirst();
  return res.numDeletedRows > 0n;
}

/**
 * Puts the campaign's items in the order of `ids`, which must name each of them once; false (and nothing
 * changed) when it does not. The check and the writes happen under a lock on the campaign's row.
 */
export async function reorderList(
  db: Db,
  table: CampaignListTable,
  accountId: string,
  campaignId: string,
  ids: string[],
): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    await tx
      .selectFrom('campaigns')
      .select('id')
      .where('id', '=', campaignId)
      .where('account_id', '=', accountId)
      .forUpdate()
      .executeTakeFirst();
    const current = await tx
      .selectFrom(table)
      .select('id')
      .where('account_id', '=', accountId)
      .where('campaign_id', '=', campaignId)
      .execute();
    const wanted = new Set(ids);
    if (wanted.size !== ids.length || wanted.size !== current.length) return false;
    if (!current.every((r) => wanted.has(r.id))) return false;
    for (const [position, id] of ids.entries()) {
      await tx.updateTable(table).set({ position }).where('id', '=', id).execute();
    }
    return true;
  });
}
