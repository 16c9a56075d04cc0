// INV-6: a chat the visitor started from an agent's hand invite goes to that agent.
import type { Deps } from '../../deps.js';
import type { ChatRow } from '../../db/schema.js';
import { appendEvents, eventEntry } from '../chats/index.js';
import * as repo from './repo.js';

type Pub = Pick<Deps, 'db' | 'events'>;

/**
 * Gives a new (queued) chat to this agent when they can take it now — available, under their chat limit, the
 * same conditional write as every assignment (repo.assignIfFree) — and tells everyone. False when they cannot
 * (or the write lost a race): the caller routes the chat as usual (RTE-1…5).
 */
export async function routeChatTo(deps: Pub, chat: ChatRow, agentId: string): Promise<boolean> {
  if (chat.status !== 'queued' || chat.agent_id) return false;
  let placed;
  try {
    placed = await deps.db.transaction().execute(async (tx) => {
      const { seconds } = await repo.autoForwardSeconds(tx, chat.campaign_id);
      const taken = await repo.assignIfFree(tx, chat, agentId, chat.mode, {
        agentId: null,
        level: null,
        forwardAt: seconds ? new Date(Date.now() + seconds * 1000) : null,
      });
      if (!taken || taken === 'busy') return undefined;
      await repo.recordAssignment(tx, taken, agentId, 'routed');
      const name = (await repo.agentNames(tx, [agentId])).get(agentId) ?? '';
      const events = await appendEvents(tx, [
        eventEntry(taken, {
          type: 'agent_joined',
          author: 'agent',
          authorName: name,
          userId: agentId,
          data: { name },
        }),
      ]);
      return { chat: taken, events };
    });
  } catch {
    // A deadlock with a routing batch of another instance, say: the usual routing takes over.
    return false;
  }
  if (!placed) return false;
  await deps.events.emit('chat.assigned', placed);
  await deps.events.emit('queue.changed', { accountId: chat.account_id });
  return true;
}
