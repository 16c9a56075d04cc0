import type { Db } from '../../db/database.js';
import type { WebsiteRow } from '../../db/schema.js';

export async function listWebsites(db: Db, accountId: string): Promise<WebsiteRow[]> {
  return db.selectFrom('websites').selectAll().where('account_id', '=', accountId).orderBy('host').execute();
}

export async function findWebsite(db: Db, accountId: string, id: string): Promise<WebsiteRow | undefined> {
  return db
    .selectFrom('websites')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function findWebsiteByHost(
  db: Db,
  accountId: string,
  host: string,
): Promise<WebsiteRow | undefined> {
  return db
    .selectFrom('websites')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('host', '=', host)
    .executeTakeFirst();
}

export async function insertWebsite(db: Db, accountId: string, host: string): Promise<WebsiteRow> {
  return db
    .insertInto('websites')
    .values({ account_id: accountId, host })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A website by id alone: the widget knows only the site id from the embed snippet. */
export async function findWebsiteById(db: Db, id: string): Promise<WebsiteRow | undefined> {
  return db.selectFrom('websites').selectAll().where('id', '=', id).executeTakeFirst();
}
