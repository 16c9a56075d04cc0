import type { Db } from './database.js';

/**
 * Which of `ids` are not rows of this account (for users: not active users of it). Ids sent by a client are
 * checked with this before they are stored, so one account can never point at another's rows.
 */
export async function foreignIds(
  db: Db,
  table: 'users' | 'groups' | 'websites',
  accountId: string,
  ids: string[],
): Promise<string[]> {
  if (ids.length === 0) return [];
  let q = db.selectFrom(table).select('id').where('account_id', '=', accountId).where('id', 'in', ids);
  if (table === 'users') q = q.where('deleted_at', 'is', null);
  const known = new Set((await q.execute()).map((r) => r.id));
  return ids.filter((id) => !known.has(id));
}
