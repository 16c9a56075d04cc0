import type { ButtonSettings } from '@parley/protocol';
import type { Db } from '../../db/database.js';

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
