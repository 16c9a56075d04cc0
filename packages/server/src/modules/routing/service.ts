import type { Deps } from '../../deps.js';
import type { ChatRow } from '../../db/schema.js';
import { channel, type AccountBusMessage } from '../chats/channels.js';
import {
  agentDisplayName,
  publishChanged,
  publishEvents,
  publishToAgent,
  whenSlotFrees,
} from '../chats/index.js';
import { appendEvent } from '../chats/index.js';
import { pickOrder } from './pick.js';
import { assignIfFree, availableAgents, queuedChats } from './repo.js';

/**
 * Offers a queued chat to the available agents in order until one conditional write succeeds. Returns the
 * agent's id, or null when nobody can take it now (it stays queued).
 */
export async function routeChat(deps: Pick<Deps, 'db' | 'bus'>, chat: ChatRow): Promise<string | null> {
  if (chat.status !== 'queued') return chat.agent_id;
  const order = pickOrder(await availableAgents(deps.db, chat.account_id), chat.mode);
  for (const agentId of order) {
    const done = await deps.db.transaction().execute(async (tx) => {
      const assigned = await assignIfFree(tx, chat, agentId, chat.mode);
      if (!assigned) return undefined;
      const agent = await tx
        .selectFrom('users')
        .select(['first_name', 'nickname'])
        .where('id', '=', agentId)
        .executeTakeFirstOrThrow();
      const joined = await appendEvent(tx, {
        chatId: chat.id,
        accountId: chat.account_id,
        type: 'agent_joined',
        author: 'agent',
        authorName: agentDisplayName(agent),
        userId: agentId,
        cid: null,
        body: '',
        fileId: null,
        data: { name: agentDisplayName(agent) },
        isMessage: false,
      });
      return joined.outcome === 'stored' ? joined.seq : 0;
    });
    if (done === undefined) continue;
    await publishToAgent(deps, agentId, { kind: 'assigned', chatId: chat.id });
    if (done) await publishEvents(deps, chat.id, [done]);
    await publishChanged(deps, chat.id);
    await deps.bus.publish(channel.account(chat.account_id), {
      kind: 'queue-changed',
    } satisfies AccountBusMessage);
    return agentId;
  }
  return null;
}

/** Assigns waiting chats, oldest first, while agents have room (RTE-5 queue drain). */
export async function drainQueue(deps: Pick<Deps, 'db' | 'bus'>, accountId: string): Promise<number> {
  let assigned = 0;
  for (const chat of await queuedChats(deps.db, accountId)) {
    const agent = await routeChat(deps, chat);
    if (agent) assigned++;
    else break;
  }
  return assigned;
}

// A closed chat frees a slot: let the queue move.
whenSlotFrees(drainQueue);
