import { sql, type Expression, type SqlBool } from 'kysely';
import type { UserListQuery, UserSort } from '@parley/protocol';
import type { Db } from '../../db/database.js';
import type { NewUserRow, UserRow, UserUpdate } from '../../db/schema.js';
import { decodeCursor, encodeCursor, likePattern } from '../../db/pagination.js';

type ListFilter = Omit<Required<Pick<UserListQuery, 'status' | 'sort'>>, never> &
  Pick<UserListQuery, 'q' | 'groupId' | 'campaignId'> & { limit: number; cursor?: string | undefined };

export async function findUser(
  db: Db,
  accountId: string,
  id: string,
  opts: { includeDeleted?: boolean } = {},
): Promise<UserRow | undefined> {
  let q = db.selectFrom('users').selectAll().where('account_id', '=', accountId).where('id', '=', id);
  if (!opts.includeDeleted) q = q.where('deleted_at', 'is', null);
  return q.executeTakeFirst();
}

/** By email across every account: sign-in does not ask for the account. */
export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where(sql<string>`lower(email)`, '=', email.toLowerCase())
    .executeTakeFirst();
}

/** The account of the user (deleted ones too) who has this email address, whatever its case. */
export async function emailOwnerAccount(
  db: Db,
  email: string,
  exceptUserId?: string,
): Promise<string | undefined> {
  let q = db
    .selectFrom('users')
    .select('account_id')
    .where(sql<string>`lower(email)`, '=', email.toLowerCase());
  if (exceptUserId) q = q.where('id', '<>', exceptUserId);
  return (await q.executeTakeFirst())?.account_id;
}

export async function insertUser(db: Db, row: NewUserRow): Promise<UserRow> {
  return db.insertInto('users').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateUser(db: Db, accountId: string, id: string, patch: UserUpdate): Promise<UserRow> {
  return db
    .updateTable('users')
    .set({ ...patch, updated_at: new Date() })
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function groupIdsOf(
  db: Db,
  accountId: string,
  userIds: string[],
): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return map;
  const rows = await db
    .selectFrom('group_members')
    .innerJoin('groups', 'groups.id', 'group_members.group_id')
    .select(['group_members.user_id', 'group_members.group_id'])
    .where('group_members.account_id', '=', accountId)
    .where('group_members.user_id', 'in', userIds)
    .orderBy('groups.name')
    .execute();
  for (const r of rows) map.get(r.user_id)?.push(r.group_id);
  return map;
}

export async function setUserGroups(
  db: Db,
  accountId: string,
  userId: string,
  groupIds: string[],
): Promise<void> {
  await db
    .deleteFrom('group_members')
    .where('account_id', '=', accountId)
    .where('user_id', '=', userId)
    .execute();
  const unique = [...new Set(groupIds)];
  if (unique.length === 0) return;
  await db
    .insertInto('group_members')
    .values(unique.map((group_id) => ({ group_id, user_id: userId, account_id: accountId })))
    .execute();
}

const sortKeys: Record<UserSort, { columns: Expression<unknown>[]; direction: 'asc' | 'desc' }> = {
  name: {
    columns: [sql`lower(users.last_name)`, sql`lower(users.first_name)`, sql`users.id::text`],
    direction: 'asc',
  },
  email: { columns: [sql`lower(users.email)`, sql`users.id::text`], direction: 'asc' },
  created: {
    columns: [
      sql`to_char(users.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`,
      sql`users.id::text`,
    ],
    direction: 'desc',
  },
};

export async function listUsers(
  db: Db,
  accountId: string,
  f: ListFilter,
): Promise<{ rows: UserRow[]; total: number; nextCursor: string | null }> {
  let base = db.selectFrom('users').where('users.account_id', '=', accountId);
  base =
    f.status === 'deleted' ? base.where('deleted_at', 'is not', null) : base.where('deleted_at', 'is', null);
  if (f.q) {
    const p = likePattern(f.q);
    base = base.where((eb) =>
      eb.or([
        eb('email', 'ilike', p),
        eb('first_name', 'ilike', p),
        eb('last_name', 'ilike', p),
        eb('nickname', 'ilike', p),
        eb(sql<string>`first_name || ' ' || last_name`, 'ilike', p),
      ]),
    );
  }
  if (f.groupId) {
    const groupId = f.groupId;
    base = base.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('group_members')
          .select(sql`1`.as('one'))
          .whereRef('group_members.user_id', '=', 'users.id')
          .where('group_members.group_id', '=', groupId)
          .where('group_members.account_id', '=', accountId),
      ),
    );
  }
  if (f.campaignId) {
    const campaignId = f.campaignId;
    // Users of a campaign: named in one of its routing levels, directly or through a group.
    base = base.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('routing_level_members as m')
          .innerJoin('routing_levels as l', 'l.id', 'm.level_id')
          .leftJoin('group_members as gm', 'gm.group_id', 'm.group_id')
          .select(sql`1`.as('one'))
          .where('l.campaign_id', '=', campaignId)
          .where('l.account_id', '=', accountId)
          .where((eb) =>
            eb.or([eb('m.user_id', '=', eb.ref('users.id')), eb('gm.user_id', '=', eb.ref('users.id'))]),
          ),
      ),
    );
  }
  const totalRow = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();

  const key = sortKeys[f.sort];
  // The sort key is read back from the database so the cursor compares exactly as PostgreSQL does.
  let q = base.selectAll('users').select(key.columns.map((c, i) => sql<string>`${c}`.as(`_k${i}`)));
  if (f.cursor) {
    const values = decodeCursor(f.cursor, key.columns.length);
    const op = key.direction === 'asc' ? '>' : '<';
    const left = sql.join(key.columns);
    const right = sql.join(values.map((v) => sql`${String(v)}`));
    q = q.where(sql<SqlBool>`(${left}) ${sql.raw(op)} (${right})`);
  }
  for (const c of key.columns) q = q.orderBy(c, key.direction);
  const rows = (await q.limit(f.limit + 1).execute()) as (UserRow & Record<string, unknown>)[];
  const more = rows.length > f.limit;
  const pageRows = more ? rows.slice(0, f.limit) : rows;
  const last = pageRows[pageRows.length - 1];
  const nextCursor = more && last ? encodeCursor(key.columns.map((_, i) => String(last[`_k${i}`]))) : null;
  return { rows: pageRows.map(stripKeys), total: Number(totalRow.n), nextCursor };
}

function stripKeys(row: UserRow & Record<string, unknown>): UserRow {
  const copy: Record<string, unknown> = { ...row };
  for (const k of Object.keys(copy)) if (k.startsWith('_k')) delete copy[k];
  return copy as UserRow;
}
