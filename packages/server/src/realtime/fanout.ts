import type { ChatEvent } from '@parley/protocol';
import type { Bus } from '../bus/index.js';
import type { DomainEvents } from '../events/index.js';
import {
  channel,
  type AccountBusMessage,
  type AgentBusMessage,
  type ChatBusMessage,
  type VisitorBusMessage,
  type VisitorsBusMessage,
} from '../modules/chats/index.js';

/**
 * Socket fan-out: the listener that tells sockets, on every instance, what the domain events changed. Only
 * notifications travel on the bus; each socket reads the truth from the database (realtime/chat-stream.ts).
 */
export function socketFanOut(events: DomainEvents, bus: Bus): void {
  const chat = (chatId: string, m: ChatBusMessage) => bus.publish(channel.chat(chatId), m);
  const agent = (userId: string, m: AgentBusMessage) => bus.publish(channel.agent(userId), m);
  const visitor = (visitorId: string, m: VisitorBusMessage) => bus.publish(channel.visitor(visitorId), m);
  const account = (accountId: string, m: AccountBusMessage) => bus.publish(channel.account(accountId), m);
  /** Transcript entries in order, then "re-read the chat" for its followers. */
  const appended = async (chatId: string, list: ChatEvent[], changed = true) => {
    for (const event of list) await chat(chatId, { kind: 'event', chatId, event });
    if (changed) await chat(chatId, { kind: 'changed', chatId });
  };
  const name = 'socket fan-out';

  events.on('chat.started', name, async ({ chat: c, events: list }) => {
    await appended(c.id, list, false);
    // The visitor's other tabs follow the new chat.
    await visitor(c.visitor_id, { kind: 'chat', chatId: c.id });
  });
  events.on('message.stored', name, ({ chatId, event }) => chat(chatId, { kind: 'event', chatId, event }));
  events.on('chat.assigned', name, async ({ chat: c, events: list }) => {
    await agent(c.agent_id!, { kind: 'assigned', chatId: c.id });
    await appended(c.id, list);
  });
  events.on('queue.changed', name, ({ accountId }) => account(accountId, { kind: 'queue-changed' }));
  events.on('chat.transferred', name, async ({ chat: c, from, events: list }) => {
    await agent(c.agent_id!, { kind: 'assigned', chatId: c.id });
    if (from !== c.agent_id) await agent(from, { kind: 'removed', chatId: c.id });
    await appended(c.id, list);
  });
  events.on('chat.requeued', name, async ({ chatId, fromUserId, events: list }) => {
    await agent(fromUserId, { kind: 'removed', chatId });
    await appended(chatId, list);
  });
  events.on('chat.closed', name, ({ chat: c, events: list }) => appended(c.id, list));
  events.on('success_codes.chosen', name, ({ chatId, events: list }) => appended(chatId, list, false));
  events.on('goal.reached', name, ({ chatId, events: list }) => appended(chatId, list, false));
  events.on('rating.given', name, ({ chat: c, events: list }) => appended(c.id, list));
  events.on('visitor.left', name, ({ chat: c, events: list }) => appended(c.id, list));
  events.on('visitor.returned', name, ({ chatId, events: list }) => appended(chatId, list));
  events.on('visitor.socket_closed', name, ({ visitorId }) => visitor(visitorId, { kind: 'socket-closed' }));
  events.on('chat.typing', name, (m) => chat(m.chatId, { kind: 'typing', ...m }));
  events.on('chat.read', name, (m) => chat(m.chatId, { kind: 'read', ...m }));
  events.on('agent.availability_changed', name, async ({ accountId, userId, status }) => {
    await agent(userId, { kind: 'presence', status });
    await account(accountId, { kind: 'availability-changed' });
  });
  const visitors = (accountId: string, m: VisitorsBusMessage) => bus.publish(channel.visitors(accountId), m);
  events.on('visitor.page_viewed', name, async ({ accountId, visitor: v, chatId }) => {
    await visitors(accountId, { kind: 'visitor', visitor: v });
    if (chatId) await chat(chatId, { kind: 'visitor-moved', chatId });
  });
  events.on('visitor.changed', name, async ({ accountId, visitor: v }) => {
    if (v) await visitors(accountId, { kind: 'visitor', visitor: v });
  });
  events.on('session.ended', name, ({ userId, sessionId }) =>
    agent(userId, { kind: 'session-ended', ...(sessionId ? { sessionId } : {}) }),
  );
}
