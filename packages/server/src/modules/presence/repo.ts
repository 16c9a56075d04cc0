import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { AgentStatusColumn } from '../../db/schema.js';

export async function ensurePresence(db: Db, userId: string, accountId: string): Promise<void> {
  await db
    .insertInto('agent_presence')
    .values({ user_id: userId, account_id: accountId, status: 'offline' })
    .onConflict((oc) => oc.column('user_id').doNothing())
    .execute();
}

export async function lockPresence(db: Db, userId: string) {
  return db
    .selectFrom('agent_presence')
    .selectAll()
    .where('user_id', '=', userId)
    .forUpdate()
    .executeTakeFirst();
}

export async function getStatus(db: Db, userId: string): Promise<AgentStatusColumn> {
  const row = await db
    .selectFrom('agent_presence')
    .select('status')
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row?.status ?? 'offline';
}

/** Changes the status and records the availability period it ends and the one it starts (EXP-1). */
export async function writeStatus(
  db: Db,
  userId: string,
  accountId: string,
  status: AgentStatusColumn,
): Promise<void> {
  const now = new Date();
  await db
    .updateTable('agent_status_periods')
    .set({ ended_at: now })
    .where('user_id', '=', userId)
    .where('ended_at', 'is', null)
    .execute();
  await db
    .insertInto('agent_status_periods')
    .values({ account_id: accountId, user_id: userId, status, started_at: now })
    .execute();
  await db
    .updateTable('agent_presence')
    .set({ status, status_since: now, ...(status === 'offline' ? { disconnected_at: null } : {}) })
    .where('user_id', '=', userId)
    .execute();
}

export async function insertConnection(
  db: Db,
  c: { id: string; userId: string; accountId: string; instanceId: string },
): Promise<void> {
  await db
    .insertInto('agent_connections')
    .values({ id: c.id, user_id: c.userId, account_id: c.accountId, instance_id: c.instanceId })
    // Registering a connection again (a heartbeat that found its row gone, beside the handshake) is no error.
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  await db
    .updateTable('agent_presence')
    .set({ disconnected_at: null })
    .where('user_id', '=', c.userId)
    .execute();
}

export async function touchConnection(db: Db, id: string): Promise<boolean> {
  const r = await db
    .updateTable('agent_connections')
    .set({ last_seen_at: new Date() })
    .where('id', '=', id)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/** Removes a connection; when it was the user's last one, notes when (the offline grace period starts). */
export async function deleteConnection(db: Db, id: string): Promise<void> {
  const row = await db
    .deleteFrom('agent_connections')
    .where('id', '=', id)
    .returning('user_id')
    .executeTakeFirst();
  if (!row) return;
  await db
    .updateTable('agent_presence')
    .set({ disconnected_at: new Date() })
    .where('user_id', '=', row.user_id)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('agent_connections')
            .select(sql`1`.as('one'))
            .where('user_id', '=', row.user_id),
        ),
      ),
    )
    .execute();
}

/** Connections of instances that stopped heart-beating (killed, partitioned) are removed. */
export async function deleteStaleConnections(db: Db, timeoutSeconds: number): Promise<void> {
  const gone = await db
    .deleteFrom('agent_connections')
    .where('last_seen_at', '<', sql<Date>`now() - ${timeoutSeconds} * interval '1 second'`)
    .returning('user_id')
    .execute();
  const users = [...new Set(gone.map((g) => g.user_id))];
  if (users.length === 0) return;
  await db
    .updateTable('agent_presence')
    .set({ disconnected_at: new Date() })
    .where('user_id', 'in', users)
    .where('disconnected_at', 'is', null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('agent_connections')
            .select(sql`1`.as('one'))
            .whereRef('agent_connections.user_id', '=', 'agent_presence.user_id'),
        ),
      ),
    )
    .execute();
}

/** Users shown as present whose last connection went away more than `graceSeconds` ago. */
export async function usersGoneOffline(db: Db, graceSeconds: number) {
  return db
    .selectFrom('agent_presence')
    .select(['user_id', 'account_id'])
    .where('status', '<>', 'offline')
    .where('disconnected_at', '<', sql<Date>`now() - ${graceSeconds} * interval '1 second'`)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('agent_connections')
            .select(sql`1`.as('one'))
            .whereRef('agent_connections.user_id', '=', 'agent_presence.user_id'),
        ),
      ),
    )
    .execute();
}

/**
 * INV-1: the campaign's agents right now, in one query: the members of its enabled routing levels (users, and
 * groups' users; the forwarding level is not asked first, so it does not count), or every agent of the account
 * when the campaign has no enabled level (as routing does). "Logged in" = a live console connection.
 */
export async function campaignPresence(
  db: Db,
  accountId: string,
  campaignId: string,
  timeoutSeconds: number,
): Promise<'available' | 'logged_in' | 'offline'> {
  const { rows } = await sql<{ best: number | null }>`
    with levels as (
      select id from routing_levels
      where campaign_id = ${campaignId} and account_id = ${accountId} and enabled and not is_forwarding
    ), members as (
      select coalesce(m.user_id, gm.user_id) as user_id
      from routing_level_members m
      left join group_members gm on gm.group_id = m.group_id
      where m.level_id in (select id from levels)
    )
    select max(case when p.status = 'available' then 2 else 1 end)::int as best
    from agent_presence p
    join users u on u.id = p.user_id and u.deleted_at is null
    where p.account_id = ${accountId}
      and p.status <> 'offline'
      and (not exists (select 1 from levels) or p.user_id in (select user_id from members))
      and exists (
        select 1 from agent_connections ac
        where ac.user_id = p.user_id and ac.last_seen_at > now() - ${timeoutSeconds} * interval '1 second'
      )
  `.execute(db);
  const best = rows[0]?.best ?? null;
  return best === 2 ? 'available' : best === 1 ? 'logged_in' : 'offline';
}
