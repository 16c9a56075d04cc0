import { sql, type Selectable } from 'kysely';
import type { ButtonSettings, ChatButtonValues } from '@parley/protocol';
import type { Db } from '../../db/database.js';
import type { ChatButtonsTable } from '../../db/schema.js';

export async function findButtonSettings(
  db: Db,
  accountId: string,
  campaignId: string,
): Promise<ButtonSettings | undefined> {
  const row = await db
    .selectFrom('campaigns')
    .select(['button_availability', 'offline_text'])
    .where('account_id', '=', accountId)
    .where('id', '=', campaignId)
    .executeTakeFirst();
  return row && { availability: row.button_availability, offlineText: row.offline_text };
}

export async function writeButtonSettings(
  db: Db,
  accountId: string,
  campaignId: string,
  s: ButtonSettings,
): Promise<boolean> {
  const r = await db
    .updateTable('campaigns')
    .set({ button_availability: s.availability, offline_text: s.offlineText, updated_at: new Date() })
    .where('account_id', '=', accountId)
    .where('id', '=', campaignId)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

// ---- the campaign's buttons (INV-7…INV-9)

export type ChatButtonRow = Selectable<ChatButtonsTable>;

/** Whether the account has this campaign (another account's answers like a missing one). */
export async function campaignExists(db: Db, accountId: string, campaignId: string): Promise<boolean> {
  const row = await db
    .selectFrom('campaigns')
    .select('id')
    .where('account_id', '=', accountId)
    .where('id', '=', campaignId)
    .executeTakeFirst();
  return !!row;
}

export async function listButtonRows(
  db: Db,
  accountId: string,
  campaignId: string,
): Promise<ChatButtonRow[]> {
  return db
    .selectFrom('chat_buttons')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('campaign_id', '=', campaignId)
    .orderBy('position')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** The widget's buttons: a campaign's enabled ones, in list order. */
export async function listEnabledButtonRows(db: Db, campaignId: string): Promise<ChatButtonRow[]> {
  return db
    .selectFrom('chat_buttons')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .where('enabled', '=', true)
    .orderBy('position')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

const columns = (v: ChatButtonValues) => ({
  placement: v.placement,
  starts: v.starts,
  enabled: v.enabled,
  name: v.name,
  pages: v.pages,
  // Addresses are kept only for "certain pages": switching to all pages forgets them.
  urls: JSON.stringify(v.pages === 'certain' ? v.urls : []),
  text: v.placement === 'footer' ? v.text : '',
  color: v.placement === 'footer' ? v.color.toLowerCase() : '',
  side: v.placement === 'footer' ? v.side : 'right',
  html: v.placement === 'custom' ? v.html : '',
  css: v.placement === 'custom' ? v.css : '',
});

/**
 * Adds a button at the end of the list, unless the campaign has `max` already (counted under a lock on the
 * campaign's row, so two adds at once cannot pass the limit). Undefined when full.
 */
export async function insertButton(
  db: Db,
  accountId: string,
  campaignId: string,
  v: ChatButtonValues,
  max: number,
): Promise<ChatButtonRow | undefined> {
  return db.transaction().execute(async (tx) => {
    await tx.selectFrom('campaigns').select('id').where('id', '=', campaignId).forUpdate().executeTakeFirst();
    const { count, next } = await tx
      .selectFrom('chat_buttons')
      .select([
        sql<number>`count(*)::int`.as('count'),
        sql<number>`coalesce(max(position) + 1, 0)::int`.as('next'),
      ])
      .where('campaign_id', '=', campaignId)
      .executeTakeFirstOrThrow();
    if (count >= max) return undefined;
    return tx
      .insertInto('chat_buttons')
      .values({ account_id: accountId, campaign_id: campaignId, position: next, ...columns(v) })
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}

/** A new campaign's one button (migration 013 gave every older campaign the same). */
export async function insertDefaultButton(
  db: Db,
  accountId: string,
  campaignId: string,
  name: string,
): Promise<void> {
  await db
    .insertInto('chat_buttons')
    .values({
      account_id: accountId,
      campaign_id: campaignId,
      position: 0,
      placement: 'footer',
      starts: 'after_first_message',
      name,
    })
    .execute();
}

/** A duplicated campaign's buttons: the same, in the same order (the account's own campaigns both). */
export async function copyButtons(db: Db, accountId: string, fromId: string, toId: string): Promise<void> {
  const rows = await listButtonRows(db, accountId, fromId);
  if (rows.length === 0) return;
  await db
    .insertInto('chat_buttons')
    .values(
      rows.map(({ id: _id, created_at: _c, updated_at: _u, urls, ...row }) => ({
        ...row,
        campaign_id: toId,
        urls: JSON.stringify(urls),
      })),
    )
    .execute();
}

export async function updateButton(
  db: Db,
  accountId: string,
  campaignId: string,
  id: string,
  v: ChatButtonValues,
): Promise<ChatButtonRow | undefined> {
  return db
    .updateTable('chat_buttons')
    .set({ ...columns(v), updated_at: new Date() })
    .where('account_id', '=', accountId)
    .where('campaign_id', '=', campaignId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}
