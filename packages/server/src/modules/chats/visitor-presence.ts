import type { Deps } from '../../deps.js';
import type { Db } from '../../db/database.js';
import type { ChatRow, VisitorRow } from '../../db/schema.js';
import { domainEvent, type DomainEvent } from '../../events/index.js';
import { findCampaignRow } from '../campaigns/index.js';
import { findVisitorName, visitorName } from '../visitors/index.js';
import { eventEntry } from './transcript.js';
import * as repo from './repo.js';
import { appendEvents } from './transcript.js';

/**
 * A socket of the visitor is open on this instance: cancel pending "left" timers, remember the instance (if it
 * dies, the sweeper marks the visitor left), and record a visitor marked left as back (CON-4, CON-8).
 */
export async function visitorPresent(
  deps: Pick<Deps, 'db' | 'events'>,
  visitor: VisitorRow,
  instanceId: string,
): Promise<void> {
  const { db } = deps;
  await repo.holdVisitorChats(db, visitor.id, instanceId);
  for (const c of await repo.chatsAwaitingVisitor(db, visitor.id)) {
    const events = await db.transaction().execute(async (tx) => {
      const chat = await repo.lockChat(tx, c.account_id, c.id);
      if (!chat || chat.status === 'closed' || chat.visitor_present) return [];
      const appended = await appendEvents(tx, [
        eventEntry(chat, { type: 'visitor_returned', author: 'visitor', authorName: visitorName(visitor) }),
      ]);
      await repo.markVisitorBack(tx, chat.id);
      return appended;
    });
    if (events.length > 0)
      await deps.events.emit('visitor.returned', { chatId: c.id, accountId: c.account_id, events });
  }
}

/** A socket of the visitor closed: start the grace period; another live tab cancels it. */
export async function visitorSocketClosed(
  deps: Pick<Deps, 'db' | 'events'>,
  visitor: VisitorRow,
): Promise<void> {
  await repo.startLeftDeadlines(deps.db, visitor.id);
  await deps.events.emit('visitor.socket_closed', { visitorId: visitor.id });
}

/**
 * Timer: the visitor has been gone for the grace period — record it once; the chat goes on as NRT (CON-6).
 * Inside the timer's transaction; returns the domain event to emit after it committed.
 */
export async function markVisitorLeft(tx: Db, chat: ChatRow): Promise<DomainEvent[]> {
  const name = await findVisitorName(tx, chat.visitor_id);
  const events = await appendEvents(tx, [
    eventEntry(chat, { type: 'visitor_left', author: 'visitor', authorName: name ?? '' }),
  ]);
  const campaign = chat.campaign_id
    ? await findCampaignRow(tx, chat.account_id, chat.campaign_id)
    : undefined;
  const updated = await repo.markVisitorLeft(tx, chat.id, campaign?.close_after_minutes ?? 60);
  return [domainEvent('visitor.left', { chat: updated ?? chat, events })];
}
