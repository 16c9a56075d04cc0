import { sql } from 'kysely';
import type { RoutingMethod } from '@parley/protocol';
import type { Db } from '../../db/database.js';
import type { ChatModeColumn, ChatRow } from '../../db/schema.js';
import { agentDisplayName } from '../chats/index.js';
import type { Candidate } from './pick.js';
import { CONNECTION_TIMEOUT_SECONDS } from '../presence/index.js';

export type Level = { id: string; index: number; method: RoutingMethod; lastUserId: string | null };

/** The campaign's routing levels in order (the forwarding level is not one of them). */
export async function levelsOf(db: Db, campaignId: string): Promise<Level[]> {
  const rows = await db
    .selectFrom('routing_levels')
    .select(['id', 'method', 'last_user_id'])
    .where('campaign_id', '=', campaignId)
    .where('is_forwarding', '=', false)
    .where('enabled', '=', true)
    .orderBy('position')
    .execute();
  return rows.map((r, index) => ({ id: r.id, index, method: r.method, lastUserId: r.last_user_id }));
}

export async function forwardingLevelOf(db: Db, campaignId: string): Promise<Level | undefined> {
  const r = await db
    .selectFrom('routing_levels')
    .select(['id', 'method', 'last_user_id', 'enabled'])
    .where('campaign_id', '=', campaignId)
    .where('is_forwarding', '=', true)
    .executeTakeFirst();
  return r && r.enabled ? { id: r.id, index: -1, method: r.method, lastUserId: r.last_user_id } : undefined;
}

/** The users of a level in the level's order: users as listed, groups expanded by name; each once. */
export async function levelUserIds(db: Db, levelId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('routing_level_members as m')
    .leftJoin('group_members as gm', 'gm.group_id', 'm.group_id')
    .leftJoin('users as u', (j) => j.on(sql<boolean>`u.id = coalesce(m.user_id, gm.user_id)`))
    .select(['u.id as user_id'])
    .where('m.level_id', '=', levelId)
    .where('u.deleted_at', 'is', null)
    .orderBy('m.position')
    .orderBy(sql`lower(u.last_name)`)
    .orderBy(sql`lower(u.first_name)`)
    .orderBy('u.id')
    .execute();
  return [...new Set(rows.map((r) => r.user_id).filter((id): id is string => id !== null))];
}

/** Agents' names as visitors see them (nickname, else first name). */
export async function agentNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'first_name', 'nickname'])
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, agentDisplayName(r)]));
}

export async function groupUserIds(db: Db, accountId: string, groupId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('group_members as gm')
    .innerJoin('users as u', 'u.id', 'gm.user_id')
    .select('u.id')
    .where('gm.group_id', '=', groupId)
    .where('gm.account_id', '=', accountId)
    .where('u.deleted_at', 'is', null)
    .orderBy(sql`lower(u.last_name)`)
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Agents who may take a chat now (RTE-3): not deleted, status available, with a live console connection
 * (IP allow lists are enforced when the console connects). `userIds` limits and orders the result; absent,
 * every agent of the account qualifies.
 */
export async function availableCandidates(
  db: Db,
  accountId: string,
  userIds?: string[],
): Promise<Candidate[]> {
  if (userIds && userIds.length === 0) return [];
  let q = db
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
    );
  if (userIds) q = q.where('u.id', 'in', userIds);
  const rows = await q.orderBy('u.id').execute();
  const candidates = rows.map((r) => ({
    userId: r.id,
    liveChats: Number(r.live),
    nrtChats: Number(r.nrt),
    liveLimit: r.live_chat_limit,
    nrtLimit: r.nrt_chat_limit,
    lastAssignedAt: r.last_assigned_at ? new Date(r.last_assigned_at) : null,
  }));
  if (!userIds) return candidates;
  const rank = new Map(userIds.map((id, i) => [id, i]));
  return candidates.sort((a, b) => rank.get(a.userId)! - rank.get(b.userId)!);
}

/**
 * The conditional write that makes double assignment impossible: lock the agent's presence row (serialising
 * every assignment to that agent across instances), re-check availability and the limit, and take the chat
 * only if it is still where the caller saw it (queued, or with `from.agentId`). Returns the updated chat;
 * 'busy' when `skipLocked` is set and another assignment to this agent is under way right now.
 */
export async function assignIfFree(
  tx: Db,
  chat: Pick<ChatRow, 'id' | 'account_id'>,
  agentId: string,
  mode: ChatModeColumn,
  from: { agentId: string | null; level: number | null; forwardAt: Date | null },
  skipLocked = false,
): Promise<ChatRow | 'busy' | undefined> {
  let lock = tx
    .selectFrom('agent_presence as p')
    .innerJoin('users as u', 'u.id', 'p.user_id')
    .select(['p.status', 'u.live_chat_limit', 'u.nrt_chat_limit', 'u.deleted_at'])
    .where('p.user_id', '=', agentId)
    .where('u.account_id', '=', chat.account_id)
    .forUpdate('p');
  if (skipLocked) lock = lock.skipLocked();
  const agent = await lock.executeTakeFirst();
  if (!agent && skipLocked) {
    const exists = await tx
      .selectFrom('agent_presence')
      .select('user_id')
      .where('user_id', '=', agentId)
      .executeTakeFirst();
    if (exists) return 'busy';
  }
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
  const now = new Date();
  let update = tx
    .updateTable('chats')
    .set({
      agent_id: agentId,
      status: 'active',
      assigned_at: now,
      // Set once, by the first assignment (a transfer keeps it): the first response time counts from it (STA-8).
      first_assigned_at: sql<Date>`coalesce(first_assigned_at, ${now})`,
      routing_level: from.level,
      forward_deadline_at: from.forwardAt,
    })
    .where('id', '=', chat.id);
  update = from.agentId
    ? update.where('status', '=', 'active').where('agent_id', '=', from.agentId)
    : update.where('status', '=', 'queued').where('agent_id', 'is', null);
  const assigned = await update.returningAll().executeTakeFirst();
  if (!assigned) return undefined;
  await tx
    .updateTable('agent_presence')
    .set({ last_assigned_at: now })
    .where('user_id', '=', agentId)
    .execute();
  return assigned;
}

export async function recordAssignment(
  tx: Db,
  chat: Pick<ChatRow, 'id' | 'account_id'>,
  agentId: string,
  reason: 'routed' | 'transferred' | 'forwarded',
): Promise<void> {
  const now = new Date();
  await tx
    .updateTable('chat_assignments')
    .set({ ended_at: now })
    .where('chat_id', '=', chat.id)
    .where('ended_at', 'is', null)
    .execute();
  await tx
    .insertInto('chat_assignments')
    .values({ account_id: chat.account_id, chat_id: chat.id, user_id: agentId, reason, assigned_at: now })
    .execute();
}

/** Agents who were given this chat and never answered it (auto-forward does not send it back to them). */
export async function unansweredAgents(db: Db, chatId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('chat_assignments')
    .select('user_id')
    .where('chat_id', '=', chatId)
    .where('answered', '=', false)
    .execute();
  return [...new Set(rows.map((r) => r.user_id))];
}

export async function lockLevel(tx: Db, levelId: string): Promise<string | null> {
  const r = await tx
    .selectFrom('routing_levels')
    .select('last_user_id')
    .where('id', '=', levelId)
    .forUpdate()
    .executeTakeFirst();
  return r?.last_user_id ?? null;
}

export async function rememberLastUser(tx: Db, levelId: string, userId: string): Promise<void> {
  await tx.updateTable('routing_levels').set({ last_user_id: userId }).where('id', '=', levelId).execute();
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

/** Accounts with waiting chats and at least one available agent: the sweeper's safety net for the queue. */
export async function accountsToDrain(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('chats as c')
    .select('c.account_id')
    .distinct()
    .where('c.status', '=', 'queued')
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('agent_presence as p')
          .select(sql`1`.as('one'))
          .whereRef('p.account_id', '=', 'c.account_id')
          .where('p.status', '=', 'available'),
      ),
    )
    .execute();
  return rows.map((r) => r.account_id);
}

export async function autoForwardSeconds(
  db: Db,
  campaignId: string | null,
): Promise<{ seconds: number | null; avoidSameLevel: boolean }> {
  if (!campaignId) return { seconds: null, avoidSameLevel: false };
  const c = await db
    .selectFrom('campaigns')
    .select(['auto_forward_enabled', 'auto_forward_seconds', 'auto_forward_avoid_same_level'])
    .where('id', '=', campaignId)
    .executeTakeFirst();
  return {
    seconds: c?.auto_forward_enabled ? c.auto_forward_seconds : null,
    avoidSameLevel: c?.auto_forward_avoid_same_level ?? false,
  };
}

/**
 * Locks what a batch of new assignments touches, in the order every assignment path takes its locks (so none
 * can deadlock): the campaigns' sequential levels, then every available agent's presence row of the account
 * (sorted), then the chats still waiting — with SKIP LOCKED, so a chat another instance is busy with is left
 * to it. Returns those chats, oldest first.
 */
export async function lockWaitingChats(tx: Db, accountId: string, chatIds: string[]): Promise<ChatRow[]> {
  const campaignIds = (
    await tx
      .selectFrom('chats')
      .select('campaign_id')
      .distinct()
      .where('id', 'in', chatIds)
      .where('campaign_id', 'is not', null)
      .execute()
  ).map((r) => r.campaign_id!);
  if (campaignIds.length > 0)
    await tx
      .selectFrom('routing_levels')
      .select('id')
      .where('campaign_id', 'in', campaignIds)
      .where('method', '=', 'sequential')
      .orderBy('id')
      .forUpdate()
      .execute();
  await tx
    .selectFrom('agent_presence')
    .select('user_id')
    .where('account_id', '=', accountId)
    .where('status', '=', 'available')
    .orderBy('user_id')
    .forUpdate()
    .execute();
  return tx
    .selectFrom('chats')
    .selectAll()
    .where('id', 'in', chatIds)
    .where('account_id', '=', accountId)
    .where('status', '=', 'queued')
    .where('agent_id', 'is', null)
    .orderBy(sql`coalesce(queued_at, started_at)`)
    .orderBy('id')
    .forUpdate()
    .skipLocked()
    .execute();
}

export type Taking = {
  chatId: string;
  agentId: string;
  level: number | null;
  forwardAt: Date | null;
};

/**
 * One statement for a batch: takes each chat that is still waiting for its agent, ends any earlier assignment
 * record and records the new one (the caller appends the `agent_joined` events).
 */
export async function takeChats(tx: Db, takings: Taking[], now: Date): Promise<ChatRow[]> {
  if (takings.length === 0) return [];
  const values = sql.join(
    takings.map(
      (t) => sql`(${t.chatId}::uuid, ${t.agentId}::uuid, ${t.level}::integer, ${t.forwardAt}::timestamptz)`,
    ),
  );
  const { rows } = await sql<ChatRow>`
    with v (id, agent_id, level, forward_at) as (values ${values}),
    taken as (
      update chats c set
        agent_id = v.agent_id, status = 'active', assigned_at = ${now}, routing_level = v.level,
        first_assigned_at = coalesce(c.first_assigned_at, ${now}),
        forward_deadline_at = v.forward_at
      from v
      where c.id = v.id and c.status = 'queued' and c.agent_id is null
      returning c.*
    ), ended as (
      update chat_assignments a set ended_at = ${now}
      where a.chat_id in (select id from taken) and a.ended_at is null
    ), recorded as (
      insert into chat_assignments (account_id, chat_id, user_id, reason, assigned_at)
      select account_id, id, agent_id, 'routed', ${now} from taken
    )
    select * from taken
  `.execute(tx);
  return rows;
}

/** When each agent was last given a chat (ties go to whoever waited longest). */
export async function stampLastAssigned(tx: Db, stamps: { agentId: string; at: Date }[]): Promise<void> {
  if (stamps.length === 0) return;
  await sql`
    update agent_presence p set last_assigned_at = v.at
    from (values ${sql.join(stamps.map((s) => sql`(${s.agentId}::uuid, ${s.at}::timestamptz)`))}) as v (id, at)
    where p.user_id = v.id
  `.execute(tx);
}

/** The agent's active chats they were given and never answered, locked (they go back to the queue). */
export async function lockUnansweredChatsOf(tx: Db, userId: string): Promise<ChatRow[]> {
  return tx
    .selectFrom('chats')
    .selectAll()
    .where('agent_id', '=', userId)
    .where('status', '=', 'active')
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('chat_assignments as a')
          .select('a.id')
          .whereRef('a.chat_id', '=', 'chats.id')
          .where('a.user_id', '=', userId)
          .where('a.ended_at', 'is', null)
          .where('a.answered', '=', false),
      ),
    )
    .forUpdate()
    .execute();
}

/** Back to the queue, in its original place; the assignment ends. */
export async function requeueChat(tx: Db, chat: ChatRow): Promise<void> {
  await tx
    .updateTable('chats')
    .set({ status: 'queued', agent_id: null, queued_at: chat.started_at, forward_deadline_at: null })
    .where('id', '=', chat.id)
    .execute();
  await tx
    .updateTable('chat_assignments')
    .set({ ended_at: new Date() })
    .where('chat_id', '=', chat.id)
    .where('ended_at', 'is', null)
    .execute();
}

/** The account's other agents with their status, for the transfer dialog. */
export async function transferTargetUsers(db: Db, accountId: string, exceptUserId: string) {
  return db
    .selectFrom('users as u')
    .leftJoin('agent_presence as p', 'p.user_id', 'u.id')
    .select(['u.id', 'u.first_name', 'u.last_name', 'u.nickname', 'p.status'])
    .where('u.account_id', '=', accountId)
    .where('u.deleted_at', 'is', null)
    .where('u.id', '<>', exceptUserId)
    .orderBy('u.last_name')
    .execute();
}

export async function groupsOf(db: Db, accountId: string) {
  return db
    .selectFrom('groups')
    .select(['id', 'name'])
    .where('account_id', '=', accountId)
    .orderBy('name')
    .execute();
}

/** A user of the account who is not deleted. */
export async function findAgent(db: Db, accountId: string, userId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'first_name', 'nickname'])
    .where('id', '=', userId)
    .where('account_id', '=', accountId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

export async function findGroup(db: Db, accountId: string, groupId: string) {
  return db
    .selectFrom('groups')
    .select(['id', 'name'])
    .where('id', '=', groupId)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
}
