import { sql, type ExpressionBuilder, type Insertable, type SqlBool, type Updateable } from 'kysely';
import type { Db } from '../../db/database.js';
import type { CampaignRow, CampaignsTable, DB } from '../../db/schema.js';

export type NewCampaignRow = Insertable<CampaignsTable>;
export type CampaignUpdate = Updateable<CampaignsTable>;

export async function findCampaignRow(
  db: Db,
  accountId: string,
  id: string,
): Promise<CampaignRow | undefined> {
  return db
    .selectFrom('campaigns')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function listCampaignRows(db: Db, accountId: string): Promise<CampaignRow[]> {
  return db
    .selectFrom('campaigns')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy(sql`lower(title)`)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function listCampaignSummaries(
  db: Db,
  accountId: string,
): Promise<{ id: string; title: string; enabled: boolean }[]> {
  return db
    .selectFrom('campaigns')
    .select(['id', 'title', 'enabled'])
    .where('account_id', '=', accountId)
    .orderBy(sql`lower(title)`)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** The website list of each campaign, by host. */
export async function websiteIdsOf(
  db: Db,
  accountId: string,
  campaignIds: string[],
): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>(campaignIds.map((id) => [id, []]));
  if (campaignIds.length === 0) return map;
  const rows = await db
    .selectFrom('campaign_websites as cw')
    .innerJoin('websites as w', 'w.id', 'cw.website_id')
    .select(['cw.campaign_id', 'cw.website_id'])
    .where('cw.account_id', '=', accountId)
    .where('cw.campaign_id', 'in', campaignIds)
    .orderBy('w.host')
    .execute();
  for (const r of rows) map.get(r.campaign_id)?.push(r.website_id);
  return map;
}

export async function insertCampaign(db: Db, values: NewCampaignRow): Promise<CampaignRow> {
  return db.insertInto('campaigns').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function updateCampaign(
  db: Db,
  accountId: string,
  id: string,
  set: CampaignUpdate,
): Promise<CampaignRow> {
  return db
    .updateTable('campaigns')
    .set({ ...set, updated_at: new Date() })
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function setCampaignWebsites(
  db: Db,
  accountId: string,
  campaignId: string,
  websiteIds: string[],
): Promise<void> {
  await db
    .deleteFrom('campaign_websites')
    .where('account_id', '=', accountId)
    .where('campaign_id', '=', campaignId)
    .execute();
  const unique = [...new Set(websiteIds)];
  if (unique.length === 0) return;
  await db
    .insertInto('campaign_websites')
    .values(unique.map((website_id) => ({ campaign_id: campaignId, website_id, account_id: accountId })))
    .execute();
}

/** Hard delete; routing levels and website links go with it, chats and visits keep their rows (set null). */
export async function deleteCampaign(db: Db, accountId: string, id: string): Promise<void> {
  await db.deleteFrom('campaigns').where('account_id', '=', accountId).where('id', '=', id).execute();
}

/** A copy of a stored logo for a duplicated campaign, so each campaign owns (and may delete) its own file. */
export async function copyLogoFile(db: Db, accountId: string, fileId: string): Promise<string | undefined> {
  const row = await db
    .insertInto('files')
    .columns(['account_id', 'kind', 'content_type', 'name', 'size', 'sha256', 'data'])
    .expression((eb) =>
      eb
        .selectFrom('files')
        .select(['account_id', 'kind', 'content_type', 'name', 'size', 'sha256', 'data'])
        .where('account_id', '=', accountId)
        .where('id', '=', fileId),
    )
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

/**
 * The enabled campaigns of the account that cover a website of the same account: "all websites" on, or the
 * website in their list. Empty when the website is not the account's.
 */
export async function servingCandidates(
  db: Db,
  accountId: string,
  websiteId: string,
): Promise<(CampaignRow & { names_website: SqlBool })[]> {
  const namesWebsite = (eb: ExpressionBuilder<DB & { c: CampaignsTable }, 'c'>) =>
    eb.exists(
      eb
        .selectFrom('campaign_websites as cw')
        .select('cw.website_id')
        .whereRef('cw.campaign_id', '=', 'c.id')
        .where('cw.account_id', '=', accountId)
        .where('cw.website_id', '=', websiteId),
    );
  return db
    .selectFrom('campaigns as c')
    .selectAll('c')
    .select((eb) => namesWebsite(eb).as('names_website'))
    .where('c.account_id', '=', accountId)
    .where('c.enabled', '=', true)
    .where((eb) => eb.or([eb('c.all_websites', '=', true), namesWebsite(eb)]))
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('websites as w')
          .select('w.id')
          .where('w.account_id', '=', accountId)
          .where('w.id', '=', websiteId),
      ),
    )
    .execute();
}
