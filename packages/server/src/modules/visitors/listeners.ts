import type { Bus } from '../../bus/index.js';
import type { DomainEvents } from '../../events/index.js';
import { HAND_INVITES_CHANNEL, type HandInviteMessage } from './heartbeats.js';

/**
 * INV-6: every instance's heartbeats know a visitor's waiting hand invite (sent: the invite; shown, accepted or
 * declined: none), so a heartbeat answers from memory.
 */
export function handInviteRelay(events: DomainEvents, bus: Bus): void {
  events.on('visitor.changed', 'hand invites', async ({ handInvite }) => {
    if (handInvite) await bus.publish(HAND_INVITES_CHANNEL, handInvite satisfies HandInviteMessage);
  });
}
