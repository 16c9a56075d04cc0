import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { GroupRow } from '../../db/schema.js';
import { decodeCursor, encodeCursor, likePattern } from '../../db/pagination.js';

export async function findGroup(db: Db, accountId: string, id: string): Promise<GroupRow | undefined> {
  return db
    .selectFrom('groups')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function nameTaken(
  db: Db,
  accountId: string,
  name: string,
  exceptId?: string,
): Promise<boolean> {
  let q = db
    .selectFrom('groups')
    .select('id')
    .where('account_id', '=', accountId)
    .where(sql<string>`lower(name)`, '=', name.toLowerCase());
  if (exceptId) q = q.where('id', '<>', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

/** Active (not deleted) members of each group. */
export async function memberIdsOf(
  db: Db,
  accountId: string,
  groupIds: string[],
): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>(groupIds.map((id) => [id, []]));
  if (groupIds.length === 0) return map;
  const rows = await db
    .selectFrom('group_members')
    .innerJoin('users', 'users.id', 'group_members.user_id')
    .select(['group_members.group_id', 'group_members.user_id'])
    .where('group_members.account_id', '=', accountId)
    .where('group_members.group_id', 'in', groupIds)
    .where('users.deleted_at', 'is', null)
    .orderBy('users.last_name')
    .orderBy('users.first_name')
    .execute();
  for (const r of rows) map.get(r.group_id)?.push(r.user_id);
  return map;
}

export async function insertGroup(db: Db, accountId: string, name: string): Promise<GroupRow> {
  return db
    .insertInto('groups')
    .values({ account_id: accountId, name })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function renameGroup(db: Db, accountId: string, id: string, name: string): Promise<void> {
  await db
    .updateTable('groups')
    .set({ name, updated_at: new Date() })
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .execute();
}

/** Replaces the active members; memberships of deleted users are kept so a restore brings them back. */
export async function setMembers(
  db: Db,
  accountId: string,
  groupId: string,
  userIds: string[],
): Promise<void> {
  await db
    .deleteFrom('group_members')
    .where('account_id', '=', accountId)
    .where('group_id', '=', groupId)
    .where('user_id', 'in', (eb) => eb.selectFrom('users').select('id').where('deleted_at', 'is', null))
    .execute();
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return;
  await db
    .insertInto('group_members')
    .values(unique.map((user_id) => ({ group_id: groupId, user_id, account_id: accountId })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function deleteGroup(db: Db, accountId: string, id: string): Promise<void> {
  await db.deleteFrom('groups').where('account_id', '=', accountId).where('id', '=', id).execute();
}

export async function listGroups(
  db: Db,
  accountId: string,
  f: { q?: string | undefined; limit: number; cursor?: string | undefined },
): Promise<{ rows: GroupRow[]; total: number; nextCursor: string | null }> {
  let base = db.selectFrom('groups').where('account_id', '=', accountId);
  if (f.q) base = base.where('name', 'ilike', likePattern(f.q));
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  let q = base.selectAll().select(sql<string>`lower(name)`.as('_k'));
  if (f.cursor) {
    const [k, id] = decodeCursor(f.cursor, 2);
    q = q.where(sql`(lower(name), id::text)`, '>', sql`(${String(k)}, ${String(id)})`);
  }
  const rows = await q
    .orderBy(sql`lower(name)`)
    .orderBy(sql`id::text`)
    .limit(f.limit + 1)
    .execute();
  const more = rows.length > f.limit;
  const pageRows = more ? rows.slice(0, f.limit) : rows;
  const last = pageRows[pageRows.length - 1];
  return {
    rows: pageRows.map(({ _k, ...row }) => row),
    total: Number(total.n),
    nextCursor: more && last ? encodeCursor([last._k, last.id]) : null,
  };
}
