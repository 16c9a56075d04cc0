import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { ChatModeColumn, ChatRow } from '../../db/schema.js';

/** Seconds after the last heartbeat that a console connection still counts as alive. */
export const CONNECTION_TIMEOUT_SECONDS = 45;

export type AgentLoad = {
  userId: string;
  liveChats: number;
  nrtChats: number;
  liveLimit: number | null;
  nrtLimit: number | null;
  lastAssignedAt: Date | null;
};

/** Agents of the account who may take a chat now: not deleted, available, with a live console connection. */
export async function availableAgents(db: Db, accountId: string): Promise<AgentLoad[]> {
  const rows = await db
    .selectFrom('users as u')
    .innerJoin('agent_presence as p', 'p.user_id', 'u.id')
    .select([
      'u.id',
      'u.live_chat_limit',
      'u.nrt_chat_limit',
      'p.last_assigned_at',
      sql<number>`(select count(*) from chats c where c.agent_id = u.id and c.status = 'active' and c.mode = 'live')`.as(
        'live',
      ),
      sql<number>`(select count(*) from chats c where c.agent_id = u.id and c.status = 'active' and c.mode = 'nrt')`.as(
        'nrt',
      ),
    ])
    .where('u.account_id', '=', accountId)
    .where('u.deleted_at', 'is', null)
    .where('p.status', '=', 'available')
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('agent_connections as ac')
          .select(sql`1`.as('one'))
          .whereRef('ac.user_id', '=', 'u.id')
          .where(
            'ac.last_seen_at',
            '>',
            sql<Date>`now() - ${CONNECTION_TIMEOUT_SECONDS} * interval '1 second'`,
          ),
      ),
    )
    .execute();
  return rows.map((r) => ({
    userId: r.id,
    liveChats: Number(r.live),
    nrtChats: Number(r.nrt),
    liveLimit: r.live_chat_limit,
    nrtLimit: r.nrt_chat_limit,
    lastAssignedAt: r.last_assigned_at ? new Date(r.last_assigned_at) : null,
  }));
}

/**
 * The conditional write that makes double assignment impossible: in one transaction, lock the agent's
 * presence row (serialising every assignment to that agent across instances), re-check availability and the
 * limit, and take the chat only if it is still queued. Returns the assigned chat, or undefined.
 */
export async function assignIfFree(
  tx: Db,
  chat: Pick<ChatRow, 'id' | 'account_id'>,
  agentId: string,
  mode: ChatModeColumn,
): Promise<ChatRow | undefined> {
  const agent = await tx
    .selectFrom('agent_presence as p')
    .innerJoin('users as u', 'u.id', 'p.user_id')
    .select(['p.status', 'u.live_chat_limit', 'u.nrt_chat_limit', 'u.deleted_at'])
    .where('p.user_id', '=', agentId)
    .where('u.account_id', '=', chat.account_id)
    .forUpdate('p')
    .executeTakeFirst();
  if (!agent || agent.status !== 'available' || agent.deleted_at) return undefined;
  const limit = mode === 'live' ? agent.live_chat_limit : agent.nrt_chat_limit;
  if (limit !== null) {
    const load = await tx
      .selectFrom('chats')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('agent_id', '=', agentId)
      .where('status', '=', 'active')
      .where('mode', '=', mode)
      .executeTakeFirstOrThrow();
    if (Number(load.n) >= limit) return undefined;
  }
  const assigned = await tx
    .updateTable('chats')
    .set({ agent_id: agentId, status: 'active', assigned_at: new Date() })
    .where('id', '=', chat.id)
    .where('status', '=', 'queued')
    .where('agent_id', 'is', null)
    .returningAll()
    .executeTakeFirst();
  if (!assigned) return undefined;
  await tx
    .insertInto('chat_assignments')
    .values({ account_id: chat.account_id, chat_id: chat.id, user_id: agentId, reason: 'routed' })
    .execute();
  await tx
    .updateTable('agent_presence')
    .set({ last_assigned_at: new Date() })
    .where('user_id', '=', agentId)
    .execute();
  return assigned;
}

export async function queuedChats(db: Db, accountId: string, limit = 100): Promise<ChatRow[]> {
  return db
    .selectFrom('chats')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('status', '=', 'queued')
    .orderBy('queued_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}
