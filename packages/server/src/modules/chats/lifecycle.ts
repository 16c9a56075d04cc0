import type { Deps } from '../../deps.js';
import type { Db } from '../../db/database.js';
import type { CampaignRow, ChatRow, VisitorRow } from '../../db/schema.js';
import { domainEvent, type DomainEvent } from '../../events/index.js';
import type { Actor } from '../identity/index.js';
import { findCampaignRow } from '../campaigns/index.js';
import { enqueueTranscript } from '../follow-ups/index.js';
import { countChatStarted, visitorName } from '../visitors/index.js';
import { chatForAgentWrite, chatOfVisitor } from './access.js';
import { visitorMessage } from './messages.js';
import * as repo from './repo.js';
import { appendEvents, eventEntry, type TranscriptEntry } from './transcript.js';
import { agentName } from './views.js';

const campaignOf = (db: Db, chat: ChatRow): Promise<CampaignRow | undefined> =>
  chat.campaign_id ? findCampaignRow(db, chat.account_id, chat.campaign_id) : Promise.resolve(undefined);

/**
 * Starts a chat with the visitor's first message (idempotent per `cid`). A visitor has one open chat at a time:
 * if another tab already started one, the message goes there.
 */
export async function startChat(
  deps: Pick<Deps, 'db' | 'events'>,
  s: {
    visitor: VisitorRow;
    websiteId: string;
    campaign: CampaignRow | undefined;
    visitId: string | null;
    cid: string;
    text: string | undefined;
    url: string;
    instanceId: string;
    /** Runs only when a new chat is about to be created (a limit may refuse it by throwing). */
    beforeCreate?: () => Promise<void>;
    /**
     * INV-2: left through the offline form because nobody could take a chat: an NRT chat marked as an offline
     * message, for the campaign's agents to answer later. (With a chat already open, the text joins it.)
     */
    offlineMessage?: boolean;
    /** INV-3/INV-4: started from a greeting of the campaign (checked by the caller): a proactive chat. */
    proactive?: boolean;
  },
): Promise<{ chat: ChatRow; seq: number; created: boolean }> {
  const { db } = deps;
  const earlier = await repo.findChatByStartCid(db, s.visitor.id, s.cid);
  if (earlier) {
    const seq = (await repo.findEventByCid(db, earlier.id, s.cid)) ?? 1;
    return { chat: earlier, seq, created: false };
  }
  const open = await repo.openChatOfVisitor(db, s.visitor.id);
  if (open) {
    if (!s.text) return { chat: open, seq: open.last_seq, created: false };
    const sent = await visitorMessage(deps, s.visitor, open.id, s.cid, s.text);
    return { chat: open, seq: sent.seq, created: false };
  }
  await s.beforeCreate?.();
  const created = await db.transaction().execute(async (tx) => {
    const chat = await repo.insertChat(tx, {
      account_id: s.visitor.account_id,
      campaign_id: s.campaign?.id ?? null,
      website_id: s.websiteId,
      visitor_id: s.visitor.id,
      visit_id: s.visitId,
      start_cid: s.cid,
      start_url: s.url.slice(0, 2000),
      visitor_instance_id: s.instanceId,
      ...(s.offlineMessage ? { mode: 'nrt' as const, offline_message: true } : {}),
      ...(s.proactive && !s.offlineMessage ? { proactive: true } : {}),
    });
    if (!chat) return undefined;
    const entries = [
      eventEntry(chat, {
        type: 'started',
        author: 'system',
        data: { url: chat.start_url, ...(chat.offline_message ? { offlineMessage: true } : {}) },
      }),
    ];
    if (s.text)
      entries.push(
        eventEntry(chat, {
          type: 'text',
          author: 'visitor',
          authorName: visitorName(s.visitor),
          cid: s.cid,
          body: s.text,
          isMessage: true,
        }),
      );
    const events = await appendEvents(tx, entries);
    await countChatStarted(tx, s.visitor.id);
    return { chat, events };
  });
  if (!created) {
    // A concurrent start with the same cid won.
    const chat = await repo.findChatByStartCid(db, s.visitor.id, s.cid);
    if (!chat) throw new Error('chat start lost');
    return { chat, seq: (await repo.findEventByCid(db, chat.id, s.cid)) ?? 1, created: false };
  }
  const chat = (await repo.findChatById(db, created.chat.id)) ?? created.chat;
  await deps.events.emit('chat.started', { chat, events: created.events });
  return { chat, seq: created.events[created.events.length - 1]?.seq ?? 0, created: true };
}

export type ClosedBy =
  | { kind: 'visitor'; name: string }
  | { kind: 'agent'; userId: string; name: string }
  | { kind: 'system'; reason: string };

/**
 * Closes a locked chat inside the caller's transaction (CMP-7, CON-4): the closing text, then the `closed`
 * event, and the derived facts statistics read (duration, first response time). Returns the domain event for
 * the caller to emit once its transaction committed.
 */
export async function closeInTx(tx: Db, chat: ChatRow, by: ClosedBy): Promise<DomainEvent[]> {
  const campaign = await campaignOf(tx, chat);
  const entries: TranscriptEntry[] = [];
  if (campaign?.closing_text)
    entries.push(
      eventEntry(chat, {
        type: 'text',
        author: 'system',
        body: campaign.closing_text,
        data: { closingText: true },
      }),
    );
  entries.push(
    eventEntry(chat, {
      type: 'closed',
      author: by.kind,
      authorName: by.kind === 'system' ? '' : by.name,
      userId: by.kind === 'agent' ? by.userId : null,
      data:
        by.kind === 'system'
          ? { by: 'system', reason: by.reason }
          : { by: by.kind, name: by.name, ...(by.kind === 'agent' ? { userId: by.userId } : {}) },
    }),
  );
  const events = await appendEvents(tx, entries);
  const closed = await repo.markClosed(tx, chat, {
    by: by.kind,
    userId: by.kind === 'agent' ? by.userId : null,
    at: new Date(),
  });
  // FUP-2: the transcript for the visitor, in this transaction (an outbox row, sent later; never lost).
  await enqueueTranscript(tx, chat.id);
  return [domainEvent('chat.closed', { chat: closed, agentId: chat.agent_id, events })];
}

/** Closes a chat by visitor, agent or system; closing twice is harmless. */
export async function closeChat(
  deps: Pick<Deps, 'db' | 'events'>,
  chatRef: { accountId: string; chatId: string },
  by: ClosedBy,
): Promise<void> {
  const emitted = await deps.db.transaction().execute(async (tx) => {
    const chat = await repo.lockChat(tx, chatRef.accountId, chatRef.chatId);
    if (!chat || chat.status === 'closed') return [];
    return closeInTx(tx, chat, by);
  });
  await deps.events.emitAll(emitted);
}

export async function visitorClose(deps: Pick<Deps, 'db' | 'events'>, visitor: VisitorRow, chatId: string) {
  const chat = await chatOfVisitor(deps.db, visitor, chatId);
  return closeChat(
    deps,
    { accountId: chat.account_id, chatId: chat.id },
    { kind: 'visitor', name: visitorName(visitor) },
  );
}

/**
 * Work done in the closing transaction before the close, on the locked chat (GOL-1: the codes chosen in the close
 * dialog, and the campaign's "choose a code first"): it may refuse the close by throwing. Returns its events.
 */
export type BeforeClose = (tx: Db, chat: ChatRow) => Promise<DomainEvent[]>;

/** The chat's agent closes it; `before` runs first in the same transaction (nothing when it is closed already). */
export async function agentClose(
  deps: Pick<Deps, 'db' | 'events'>,
  actor: Actor,
  chatId: string,
  before?: BeforeClose,
) {
  const chat = await chatForAgentWrite(deps.db, actor, chatId);
  const by: ClosedBy = { kind: 'agent', userId: actor.userId, name: await agentName(deps.db, actor.userId) };
  const emitted = await deps.db.transaction().execute(async (tx) => {
    const locked = await repo.lockChat(tx, chat.account_id, chat.id);
    if (!locked || locked.status === 'closed') return [];
    const first = before ? await before(tx, locked) : [];
    return [...first, ...(await closeInTx(tx, locked, by))];
  });
  await deps.events.emitAll(emitted);
}
