import type { Bus } from '../../bus/index.js';
import type { ChatRow } from '../../db/schema.js';
import type { Deps } from '../../deps.js';
import type { DomainEvents } from '../../events/index.js';
import { HAND_INVITES_CHANNEL, type HandInviteMessage } from './heartbeats.js';
import { liveVisitor } from './monitoring.js';

/**
 * INV-6: every instance's heartbeats know a visitor's waiting hand invite (sent: the invite; shown, accepted or
 * declined: none), so a heartbeat answers from memory.
 */
export function handInviteRelay(events: DomainEvents, bus: Bus): void {
  events.on('visitor.changed', 'hand invites', async ({ handInvite }) => {
    if (handInvite) await bus.publish(HAND_INVITES_CHANNEL, handInvite satisfies HandInviteMessage);
  });
}

/**
 * TLS-6: the Visitors list shows at once that a visitor is in a chat, and with whom, and when it ended — not at
 * its next re-read. The visit's row is read again after the chat started, was taken or closed.
 */
export function visitorChatRows(deps: Pick<Deps, 'db' | 'events'>): void {
  const changed = async ({ chat }: { chat: ChatRow }) => {
    if (!chat.visit_id) return;
    const visitor = await liveVisitor(deps.db, chat.account_id, chat.visit_id);
    if (visitor) await deps.events.emit('visitor.changed', { accountId: chat.account_id, visitor });
  };
  deps.events.on('chat.started', 'visitors list', changed);
  deps.events.on('chat.assigned', 'visitors list', changed);
  deps.events.on('chat.closed', 'visitors list', changed);
}
