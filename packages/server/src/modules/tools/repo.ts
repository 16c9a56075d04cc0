import type { Db } from '../../db/database.js';
import type { CampaignRow } from '../../db/schema.js';
import { toolColumns } from '../campaigns/index.js';

// The Tools tab's SQL (TLS-7, TLS-5): columns of the campaign (migration 019). Every statement names the account.

const settingsColumns = [
  ...toolColumns,
  'cobrowse_text',
  'cobrowse_on_text',
  'cobrowse_off_text',
  'cobrowse_csp_domains',
  'language',
] as const;
export type SettingsColumns = Pick<CampaignRow, (typeof settingsColumns)[number]>;

export async function findToolSettingsColumns(
  db: Db,
  accountId: string,
  campaignId: string,
): Promise<SettingsColumns | undefined> {
  return db
    .selectFrom('campaigns')
    .select(settingsColumns)
    .where('account_id', '=', accountId)
    .where('id', '=', campaignId)
    .executeTakeFirst();
}

/** False when the campaign is not the account's. */
export async function writeToolSettings(
  db: Db,
  accountId: string,
  campaignId: string,
  values: Omit<SettingsColumns, 'language'>,
): Promise<boolean> {
  const r = await db
    .updateTable('campaigns')
    .set({ ...values, updated_at: new Date() })
    .where('account_id', '=', accountId)
    .where('id', '=', campaignId)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}
