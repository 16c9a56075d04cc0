import type { Db } from '../../db/database.js';
import type { AccountRow } from '../../db/schema.js';

export async function findAccount(db: Db, id: string): Promise<AccountRow | undefined> {
  return db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function countAccounts(db: Db): Promise<number> {
  const row = await db
    .selectFrom('accounts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertAccount(
  db: Db,
  values: { name: string; time_zone?: string },
): Promise<AccountRow> {
  return db.insertInto('accounts').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function updateAccount(
  db: Db,
  id: string,
  values: { time_zone?: string; store_visitor_ip?: boolean },
): Promise<AccountRow | undefined> {
  return db.updateTable('accounts').set(values).where('id', '=', id).returningAll().executeTakeFirst();
}
