import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { ChatEvent } from '@livechat/protocol';
import type { ChatRow } from '../../db/schema.js';
import { appendedEvent } from '../chats/index.js';
import { planPlacements, type PlanLevel } from './pick.js';
import * as repo from './repo.js';

/** A chat the batch assigned, with its `agent_joined` event. */
export type Placed = { chat: ChatRow; event: ChatEvent };

/**
 * Assigns many waiting chats of one account in one transaction (RTE-1…3, RTE-5): a burst of new chats costs
 * a handful of statements and one commit instead of a dozen round trips and a commit each.
 *
 * Locks, always in this order (the order every other assignment path takes them, so no deadlock): the
 * campaigns' sequential levels, then every available agent's presence row of the account (sorted), then the
 * chats — with SKIP LOCKED, so a chat another instance is busy with is left to it. Loads are read under those
 * locks, the placements are decided in memory by the pure planner, and one statement takes each chat, records
 * the assignment and appends its `agent_joined` event. Chats nobody can take stay queued.
 */
export async function assignWaitingInTx(tx: Db, accountId: string, chatIds: string[]): Promise<Placed[]> {
  if (chatIds.length === 0) return [];
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
  const chats = await tx
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
  if (chats.length === 0) return [];

  const levels = new Map<string, PlanLevel[]>();
  const forward = new Map<string, number | null>();
  for (const id of new Set(chats.map((c) => c.campaign_id).filter((c): c is string => c !== null))) {
    const list: PlanLevel[] = [];
    for (const level of await repo.levelsOf(tx, id))
      list.push({ ...level, userIds: await repo.levelUserIds(tx, level.id) });
    levels.set(id, list);
    forward.set(id, (await repo.autoForwardSeconds(tx, id)).seconds);
  }
  const candidates = await repo.availableCandidates(tx, accountId);
  const now = new Date();
  const { placements, agents, lastUsers } = planPlacements(
    chats.map((c) => ({
      id: c.id,
      mode: c.mode,
      levels: c.campaign_id ? (levels.get(c.campaign_id) ?? []) : [],
    })),
    candidates,
    now,
  );
  if (placements.length === 0) return [];

  const byId = new Map(chats.map((c) => [c.id, c]));
  const names = await repo.agentNames(tx, [...new Set(placements.map((p) => p.agentId))]);
  const values = sql.join(
    placements.map((p) => {
      const seconds = forward.get(byId.get(p.chatId)!.campaign_id ?? '') ?? null;
      const forwardAt = seconds ? new Date(now.getTime() + seconds * 1000) : null;
      return sql`(${p.chatId}::uuid, ${p.agentId}::uuid, ${p.level?.index ?? null}::integer, ${forwardAt}::timestamptz, ${names.get(p.agentId) ?? ''}::text)`;
    }),
  );
  const { rows } = await sql<ChatRow & { agent_name: string }>`
    with v (id, agent_id, level, forward_at, agent_name) as (values ${values}),
    taken as (
      update chats c set
        agent_id = v.agent_id, status = 'active', assigned_at = ${now}, routing_level = v.level,
        forward_deadline_at = v.forward_at, last_seq = c.last_seq + 1
      from v
      where c.id = v.id and c.status = 'queued' and c.agent_id is null
      returning c.*, v.agent_name
    ), ended as (
      update chat_assignments a set ended_at = ${now}
      where a.chat_id in (select id from taken) and a.ended_at is null
    ), recorded as (
      insert into chat_assignments (account_id, chat_id, user_id, reason, assigned_at)
      select account_id, id, agent_id, 'routed', ${now} from taken
    ), joined as (
      insert into chat_events (chat_id, seq, account_id, type, author, author_name, user_id, body, data, created_at)
      select id, last_seq, account_id, 'agent_joined', 'agent', agent_name, agent_id, '',
        jsonb_build_object('name', agent_name), ${now}
      from taken
    )
    select * from taken
  `.execute(tx);

  const used = [...new Set(rows.map((r) => r.agent_id!))];
  await sql`
    update agent_presence p set last_assigned_at = v.at
    from (values ${sql.join(used.map((id) => sql`(${id}::uuid, ${agents.get(id)!.lastAssignedAt}::timestamptz)`))}) as v (id, at)
    where p.user_id = v.id
  `.execute(tx);
  for (const [levelId, userId] of lastUsers) await repo.rememberLastUser(tx, levelId, userId);
  const order = new Map(placements.map((p, i) => [p.chatId, i]));
  return rows
    .sort((a, b) => order.get(a.id)! - order.get(b.id)!)
    .map(({ agent_name: name, ...chat }) => ({
      chat,
      event: appendedEvent(
        {
          type: 'agent_joined',
          author: 'agent',
          authorName: name,
          userId: chat.agent_id,
          body: '',
          data: { name },
        },
        chat.last_seq,
        now,
      ),
    }));
}
