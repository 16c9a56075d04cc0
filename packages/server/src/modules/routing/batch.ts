import type { Db } from '../../db/database.js';
import type { ChatEvent } from '@parley/protocol';
import type { ChatRow } from '../../db/schema.js';
import { appendEntries, eventEntry, storedEvent } from '../chats/index.js';
import { planPlacements, type PlanLevel } from './pick.js';
import * as repo from './repo.js';

/** A chat the batch assigned, with its `agent_joined` event. */
export type Placed = { chat: ChatRow; event: ChatEvent };
/** What one batch did: the chats it assigned, and those it held and left waiting (nobody could take them). */
export type BatchOutcome = { placed: Placed[]; leftWaiting: string[] };

/**
 * Assigns many waiting chats of one account in one transaction (RTE-1…3, RTE-5): a burst of new chats costs
 * a handful of statements and one commit instead of a dozen round trips and a commit each.
 *
 * Locks first (`repo.lockWaitingChats`, in the order every assignment path takes them), then reads the loads
 * under those locks, decides the placements in memory with the pure planner, and takes every placed chat in one
 * statement (`repo.takeChats`). Chats nobody can take stay queued (`leftWaiting`); chats another transaction
 * holds (skipped) or took are in neither list.
 */
export async function assignWaitingInTx(tx: Db, accountId: string, chatIds: string[]): Promise<BatchOutcome> {
  if (chatIds.length === 0) return { placed: [], leftWaiting: [] };
  const chats = await repo.lockWaitingChats(tx, accountId, chatIds);
  if (chats.length === 0) return { placed: [], leftWaiting: [] };

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
  if (placements.length === 0) return { placed: [], leftWaiting: chats.map((c) => c.id) };

  const byId = new Map(chats.map((c) => [c.id, c]));
  const names = await repo.agentNames(tx, [...new Set(placements.map((p) => p.agentId))]);
  const rows = await repo.takeChats(
    tx,
    placements.map((p) => {
      const seconds = forward.get(byId.get(p.chatId)!.campaign_id ?? '') ?? null;
      return {
        chatId: p.chatId,
        agentId: p.agentId,
        level: p.level?.index ?? null,
        forwardAt: seconds ? new Date(now.getTime() + seconds * 1000) : null,
      };
    }),
    now,
  );
  const used = new Set(rows.map((r) => r.agent_id!));
  await repo.stampLastAssigned(
    tx,
    [...used].map((id) => ({ agentId: id, at: agents.get(id)!.lastAssignedAt! })),
  );
  for (const [levelId, userId] of lastUsers) await repo.rememberLastUser(tx, levelId, userId);
  const order = new Map(placements.map((p, i) => [p.chatId, i]));
  const taken = rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  // One statement appends every chat's `agent_joined` (the transcript's own batch append).
  const entries = taken.map((chat) => {
    const name = names.get(chat.agent_id!) ?? '';
    return eventEntry(chat, {
      type: 'agent_joined',
      author: 'agent',
      authorName: name,
      userId: chat.agent_id,
      data: { name },
    });
  });
  const outcomes = await appendEntries(tx, entries);
  const placed = taken.flatMap((chat, i) => {
    const o = outcomes[i]!;
    return o.outcome === 'stored' ? [{ chat, event: storedEvent(entries[i]!, o.seq, o.createdAt) }] : [];
  });
  const tookIds = new Set(rows.map((r) => r.id));
  return { placed, leftWaiting: chats.filter((c) => !tookIds.has(c.id)).map((c) => c.id) };
}
