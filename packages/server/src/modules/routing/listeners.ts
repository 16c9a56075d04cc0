import type { Deps } from '../../deps.js';
import { drainQueue, requeueUnanswered } from './queue.js';

/**
 * Queue drain (RTE-5): a freed slot lets the queue move — a chat closed, an agent became available, a limit was
 * raised. An agent who went offline gets no chats; those they never answered go to someone else (RTE-3).
 */
export function queueDrain(deps: Pick<Deps, 'db' | 'events'>): void {
  const { events } = deps;
  const name = 'queue drain';
  events.on('chat.closed', name, async ({ chat, agentId }) => {
    if (agentId) await drainQueue(deps, chat.account_id);
  });
  events.on('agent.availability_changed', name, async ({ accountId, userId, status }) => {
    if (status === 'available') await drainQueue(deps, accountId);
    if (status === 'offline') await requeueUnanswered(deps, userId, accountId);
  });
  events.on('agent.limits_changed', name, ({ accountId }) => drainQueue(deps, accountId).then(() => {}));
}
