import { sql } from 'kysely';
import type { AgentCard, AgentChatSummary, ChatDetail, ChatEvent, VisitorChatView } from '@livechat/protocol';
import { ErrorCode } from '@livechat/protocol';
import type { Deps } from '../../deps.js';
import type { Db } from '../../db/database.js';
import type { CampaignRow, ChatRow, VisitorRow } from '../../db/schema.js';
import { AppError, forbidden, notFound } from '../../errors.js';
import type { Actor } from '../auth/index.js';
import { toVisitorSummary, visitorDetails, visitorName } from '../visitors/index.js';
import { channel, type AgentBusMessage, type ChatBusMessage, type VisitorBusMessage } from './channels.js';
import { appendedEvent, toAgentChatSummary, toChatEvent, toVisitorChatView } from './dto.js';
import * as repo from './repo.js';
import { messageWriter, type MessageInput } from './message-writer.js';

export const chatClosed = () => new AppError(ErrorCode.conflict, 'This chat has ended', 409);
const chatNotFound = () => notFound('Chat');

// ---------------------------------------------------------------------------------------------- fan-out

/** Publishes stored transcript entries (after their transaction committed). */
export async function publishEvents(
  deps: Pick<Deps, 'db' | 'bus'>,
  chatId: string,
  seqs: number[],
): Promise<ChatEvent[]> {
  const events: ChatEvent[] = [];
  for (const seq of seqs) {
    const row = await repo.eventAt(deps.db, chatId, seq);
    if (row) events.push(toChatEvent(row));
  }
  await publishAppended(deps, chatId, events);
  return events;
}

/** Publishes events just appended (built from what was written, so nothing is read back). */
export async function publishAppended(
  deps: Pick<Deps, 'bus'>,
  chatId: string,
  events: ChatEvent[],
): Promise<void> {
  for (const event of events)
    await deps.bus.publish(channel.chat(chatId), { kind: 'event', chatId, event } satisfies ChatBusMessage);
}

export async function publishChanged(deps: Pick<Deps, 'bus'>, chatId: string): Promise<void> {
  await deps.bus.publish(channel.chat(chatId), { kind: 'changed', chatId } satisfies ChatBusMessage);
}

export async function publishToAgent(
  deps: Pick<Deps, 'bus'>,
  userId: string,
  message: AgentBusMessage,
): Promise<void> {
  await deps.bus.publish(channel.agent(userId), message);
}

/**
 * Tells the user's open console sockets, on every instance, that sessions ended or changed (sign-out, new
 * password, deleted user, new IP allow list): a socket of `sessionId` closes; without one, each socket checks
 * its own session again. Published after the change committed.
 */
export async function endSessions(
  deps: Pick<Deps, 'bus'>,
  userId: string,
  sessionId?: string,
): Promise<void> {
  await publishToAgent(deps, userId, { kind: 'session-ended', ...(sessionId ? { sessionId } : {}) });
}

// ---------------------------------------------------------------------------------------------- views

type AgentRow = { first_name: string; nickname: string; photo_file_id: string | null; show_photo: boolean };

/** How an agent appears to visitors: nickname (else first name), photo only if the agent shows it. */
export function agentDisplayName(u: Pick<AgentRow, 'first_name' | 'nickname'>): string {
  return u.nickname || u.first_name;
}

async function agentCard(db: Db, agentId: string | null): Promise<AgentCard | null> {
  if (!agentId) return null;
  const u = await db
    .selectFrom('users')
    .select(['first_name', 'nickname', 'photo_file_id', 'show_photo'])
    .where('id', '=', agentId)
    .executeTakeFirst();
  if (!u) return null;
  return {
    name: agentDisplayName(u),
    photoUrl: u.show_photo && u.photo_file_id ? `/files/${u.photo_file_id}` : null,
  };
}

export async function visitorChatView(db: Db, chat: ChatRow): Promise<VisitorChatView> {
  return toVisitorChatView(chat, await agentCard(db, chat.agent_id), await repo.queuePosition(db, chat));
}

/** Every waiting chat of an account with its place in the queue, in one query. */
export async function queuedViews(db: Db, accountId: string): Promise<VisitorChatView[]> {
  return (await repo.queuedWithPositions(db, accountId)).map((r) =>
    toVisitorChatView(r, null, Number(r.position)),
  );
}

export async function visitorChatViews(db: Db, visitor: VisitorRow): Promise<VisitorChatView[]> {
  const chats = await repo.chatsForVisitor(db, visitor.id);
  return Promise.all(chats.map((c) => visitorChatView(db, c)));
}

export async function agentChatSummary(db: Db, chatId: string): Promise<AgentChatSummary | undefined> {
  const row = await repo.summaryOf(db, chatId);
  return row && toAgentChatSummary(row, visitorName({ id: row.visitor_id, name: row.visitor_name }));
}

export async function agentOpenChats(db: Db, actor: Actor): Promise<AgentChatSummary[]> {
  const rows = await repo.openSummariesOfAgent(db, actor.accountId, actor.userId);
  return rows.map((r) => toAgentChatSummary(r, visitorName({ id: r.visitor_id, name: r.visitor_name })));
}

export async function eventsAfter(db: Db, chatId: string, afterSeq: number): Promise<ChatEvent[]> {
  return (await repo.eventsAfter(db, chatId, afterSeq)).map(toChatEvent);
}

// ---------------------------------------------------------------------------------------------- access

/** A chat of this visitor, or 404 — another visitor's or account's chat is indistinguishable from none. */
export async function chatOfVisitor(db: Db, visitor: VisitorRow, chatId: string): Promise<ChatRow> {
  const chat = await repo.findChat(db, visitor.account_id, chatId);
  if (!chat || chat.visitor_id !== visitor.id) throw chatNotFound();
  return chat;
}

/** A chat an agent may read: their own, or any of the account for a manager. */
export async function chatForAgentRead(db: Db, actor: Actor, chatId: string): Promise<ChatRow> {
  const chat = await repo.findChat(db, actor.accountId, chatId);
  if (!chat) throw chatNotFound();
  if (chat.agent_id !== actor.userId && actor.rights !== 'manager') throw chatNotFound();
  return chat;
}

/** A chat an agent may write to: assigned to them. */
export async function chatForAgentWrite(db: Db, actor: Actor, chatId: string): Promise<ChatRow> {
  const chat = await repo.findChat(db, actor.accountId, chatId);
  if (!chat) throw chatNotFound();
  if (chat.agent_id !== actor.userId) {
    if (actor.rights === 'manager' || chat.status === 'closed')
      throw forbidden('This chat is not assigned to you');
    throw chatNotFound();
  }
  return chat;
}

export async function chatDetail(db: Db, actor: Actor, chatId: string): Promise<ChatDetail> {
  const chat = await chatForAgentRead(db, actor, chatId);
  const summary = await agentChatSummary(db, chat.id);
  const visitor = await visitorDetails(db, actor.accountId, chat.visitor_id);
  if (!summary || !visitor) throw chatNotFound();
  return { chat: summary, visitor, events: await eventsAfter(db, chat.id, 0) };
}

// ---------------------------------------------------------------------------------------------- writes

type Sent = { chatId: string; seq: number; duplicate: boolean };
type FileMeta = { id: string; name: string; size: number; contentType: string };

/**
 * Stores one message through the batching writer and publishes it. The author's right to write to the chat is
 * checked inside the same statement; only a refused message costs another query, to say why.
 */
async function storeMessage(
  deps: Pick<Deps, 'db' | 'bus'>,
  m: Omit<MessageInput, 'type' | 'fileId' | 'body'> & { text: string; file?: FileMeta },
  whyRefused: () => Promise<never>,
): Promise<Sent> {
  const input: MessageInput = {
    ...m,
    type: m.file ? 'file' : 'text',
    body: m.text,
    fileId: m.file?.id ?? null,
  };
  const result = await messageWriter(deps.db)
    .write(input)
    .catch(async (err: unknown) => {
      // Two resends of one cid raced on two instances: the loser finds the winner's row.
      if ((err as { code?: string }).code === '23505' && m.cid) {
        const seq = await repo.findEventByCid(deps.db, m.chatId, m.cid);
        if (seq !== undefined) return { outcome: 'duplicate' as const, seq };
      }
      throw err;
    });
  if (result.outcome === 'rejected') return whyRefused();
  if (result.outcome === 'duplicate') return { chatId: m.chatId, seq: result.seq, duplicate: true };
  const event: ChatEvent = {
    seq: result.seq,
    type: input.type,
    author: m.author,
    authorName: m.authorName,
    userId: m.userId,
    text: m.text,
    file: m.file ? { ...m.file, url: `/files/${m.file.id}` } : null,
    data: {},
    createdAt: result.createdAt.toISOString(),
  };
  // Stored: acknowledge without waiting for the fan-out. Publishes leave in order, and a receiver that misses
  // one reads it from the database.
  deps.bus
    .publish(channel.chat(m.chatId), { kind: 'event', chatId: m.chatId, event } satisfies ChatBusMessage)
    .catch(() => {});
  return { chatId: m.chatId, seq: result.seq, duplicate: false };
}

/** Why a visitor's message was not stored: not their chat (404), or it has ended (409). */
async function visitorRefusal(db: Db, visitor: VisitorRow, chatId: string): Promise<never> {
  const chat = await chatOfVisitor(db, visitor, chatId);
  if (chat.status === 'closed') throw chatClosed();
  throw chatNotFound();
}

/** Why an agent's message was not stored: not their chat (404/403), or it has ended (409). */
async function agentRefusal(db: Db, actor: Actor, chatId: string): Promise<never> {
  const chat = await chatForAgentWrite(db, actor, chatId);
  if (chat.status === 'closed') throw chatClosed();
  throw forbidden('This chat is not assigned to you');
}

export async function visitorMessage(
  deps: Pick<Deps, 'db' | 'bus'>,
  visitor: VisitorRow,
  chatId: string,
  cid: string,
  text: string,
): Promise<Sent> {
  return storeMessage(
    deps,
    {
      chatId,
      accountId: visitor.account_id,
      author: 'visitor',
      authorName: visitorName(visitor),
      userId: null,
      visitorId: visitor.id,
      agentId: null,
      cid,
      text,
    },
    () => visitorRefusal(deps.db, visitor, chatId),
  );
}

/** The display name of an agent (socket sessions pass it; otherwise it is looked up). */
async function agentName(db: Db, userId: string): Promise<string> {
  const me = await db
    .selectFrom('users')
    .select(['first_name', 'nickname'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  return agentDisplayName(me);
}

export async function agentMessage(
  deps: Pick<Deps, 'db' | 'bus'>,
  actor: Actor,
  chatId: string,
  cid: string,
  text: string,
  name?: string,
): Promise<Sent> {
  return storeMessage(
    deps,
    {
      chatId,
      accountId: actor.accountId,
      author: 'agent',
      authorName: name ?? (await agentName(deps.db, actor.userId)),
      userId: actor.userId,
      visitorId: null,
      agentId: actor.userId,
      cid,
      text,
    },
    () => agentRefusal(deps.db, actor, chatId),
  );
}

/** A file message: the file is stored first, then the message that points at it. */
export async function fileMessage(
  deps: Pick<Deps, 'db' | 'bus'>,
  chat: ChatRow,
  author: { kind: 'visitor'; visitor: VisitorRow } | { kind: 'agent'; actor: Actor },
  file: FileMeta,
): Promise<Sent> {
  const common = { chatId: chat.id, accountId: chat.account_id, cid: null, text: file.name, file };
  if (author.kind === 'visitor') {
    return storeMessage(
      deps,
      {
        ...common,
        author: 'visitor',
        authorName: visitorName(author.visitor),
        userId: null,
        visitorId: author.visitor.id,
        agentId: null,
      },
      () => visitorRefusal(deps.db, author.visitor, chat.id),
    );
  }
  return storeMessage(
    deps,
    {
      ...common,
      author: 'agent',
      authorName: await agentName(deps.db, author.actor.userId),
      userId: author.actor.userId,
      visitorId: null,
      agentId: author.actor.userId,
    },
    () => agentRefusal(deps.db, author.actor, chat.id),
  );
}

async function campaignOf(db: Db, chat: ChatRow): Promise<CampaignRow | undefined> {
  if (!chat.campaign_id) return undefined;
  return db.selectFrom('campaigns').selectAll().where('id', '=', chat.campaign_id).executeTakeFirst();
}

/**
 * Starts a chat with the visitor's first message (idempotent per `cid`). A visitor has one open chat at a time:
 * if another tab already started one, the message goes there.
 */
export async function startChat(
  deps: Pick<Deps, 'db' | 'bus'>,
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
    });
    if (!chat) return undefined;
    const events: ChatEvent[] = [];
    const append = async (e: repo.NewEvent) => {
      const r = await repo.appendEvent(tx, e);
      if (r.outcome === 'stored') events.push(appendedEvent(e, r.seq, r.createdAt));
    };
    const base = { chatId: chat.id, accountId: chat.account_id, fileId: null };
    await append({
      ...base,
      type: 'started',
      author: 'system',
      authorName: '',
      userId: null,
      cid: null,
      body: '',
      data: { url: chat.start_url },
      isMessage: false,
    });
    if (s.text)
      await append({
        ...base,
        type: 'text',
        author: 'visitor',
        authorName: visitorName(s.visitor),
        userId: null,
        cid: s.cid,
        body: s.text,
        data: {},
        isMessage: true,
      });
    await tx
      .updateTable('visitors')
      .set((eb) => ({ chats: eb('chats', '+', 1) }))
      .where('id', '=', s.visitor.id)
      .execute();
    return { chat, events };
  });
  if (!created) {
    // A concurrent start with the same cid won.
    const chat = await repo.findChatByStartCid(db, s.visitor.id, s.cid);
    if (!chat) throw new Error('chat start lost');
    return { chat, seq: (await repo.findEventByCid(db, chat.id, s.cid)) ?? 1, created: false };
  }
  await publishAppended(deps, created.chat.id, created.events);
  await deps.bus.publish(channel.visitor(s.visitor.id), {
    kind: 'chat',
    chatId: created.chat.id,
  } satisfies VisitorBusMessage);
  const chat = (await repo.findChatById(db, created.chat.id)) ?? created.chat;
  return { chat, seq: created.events[created.events.length - 1]?.seq ?? 0, created: true };
}

export type ClosedBy =
  | { kind: 'visitor'; name: string }
  | { kind: 'agent'; userId: string; name: string }
  | { kind: 'system'; reason: string };

/**
 * Closes a locked chat inside the caller's transaction (CMP-7, CON-4): the closing text, then the `closed`
 * event, and the derived facts statistics read (duration, first response time). Returns the seqs to publish.
 */
export async function closeInTx(
  tx: Db,
  chat: ChatRow,
  by: ClosedBy,
): Promise<{ chat: ChatRow; seqs: number[] }> {
  const campaign = await campaignOf(tx, chat);
  const seqs: number[] = [];
  const base = { chatId: chat.id, accountId: chat.account_id, cid: null, fileId: null, allowClosed: false };
  if (campaign?.closing_text) {
    const r = await repo.appendEvent(tx, {
      ...base,
      type: 'text',
      author: 'system',
      authorName: '',
      userId: null,
      body: campaign.closing_text,
      data: { closingText: true },
      isMessage: false,
    });
    if (r.outcome === 'stored') seqs.push(r.seq);
  }
  const data =
    by.kind === 'system'
      ? { by: 'system', reason: by.reason }
      : { by: by.kind, name: by.name, ...(by.kind === 'agent' ? { userId: by.userId } : {}) };
  const closed = await repo.appendEvent(tx, {
    ...base,
    type: 'closed',
    author: by.kind,
    authorName: by.kind === 'system' ? '' : by.name,
    userId: by.kind === 'agent' ? by.userId : null,
    body: '',
    data,
    isMessage: false,
  });
  if (closed.outcome === 'stored') seqs.push(closed.seq);
  const now = new Date();
  const startedAt = new Date(chat.started_at);
  const updated = await tx
    .updateTable('chats')
    .set({
      status: 'closed',
      closed_at: now,
      closed_by: by.kind,
      closed_by_user_id: by.kind === 'agent' ? by.userId : null,
      left_deadline_at: null,
      close_deadline_at: null,
      forward_deadline_at: null,
      duration_seconds: Math.round((now.getTime() - startedAt.getTime()) / 1000),
      first_response_seconds: chat.first_response_at
        ? Math.round((new Date(chat.first_response_at).getTime() - startedAt.getTime()) / 1000)
        : null,
    })
    .where('id', '=', chat.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await tx
    .updateTable('chat_assignments')
    .set({ ended_at: now })
    .where('chat_id', '=', chat.id)
    .where('ended_at', 'is', null)
    .execute();
  return { chat: updated, seqs };
}

/** Closes a chat by visitor, agent or system; closing twice is harmless. */
export async function closeChat(
  deps: Pick<Deps, 'db' | 'bus'>,
  chatRef: { accountId: string; chatId: string },
  by: ClosedBy,
): Promise<ChatRow | undefined> {
  const result = await deps.db.transaction().execute(async (tx) => {
    const chat = await repo.lockChat(tx, chatRef.accountId, chatRef.chatId);
    if (!chat || chat.status === 'closed') return undefined;
    return closeInTx(tx, chat, by);
  });
  if (!result) return undefined;
  await publishEvents(deps, result.chat.id, result.seqs);
  await publishChanged(deps, result.chat.id);
  if (result.chat.agent_id) await drainAfterClose(deps, result.chat.account_id);
  return result.chat;
}

/** A freed slot lets the queue move (RTE-5); routing registers itself here to avoid a module cycle. */
let onSlotFreed: ((deps: Pick<Deps, 'db' | 'bus'>, accountId: string) => Promise<unknown>) | undefined;
export function whenSlotFrees(fn: typeof onSlotFreed) {
  onSlotFreed = fn;
}
export async function drainAfterClose(deps: Pick<Deps, 'db' | 'bus'>, accountId: string) {
  await onSlotFreed?.(deps, accountId);
}

export async function visitorClose(deps: Pick<Deps, 'db' | 'bus'>, visitor: VisitorRow, chatId: string) {
  const chat = await chatOfVisitor(deps.db, visitor, chatId);
  return closeChat(
    deps,
    { accountId: chat.account_id, chatId: chat.id },
    { kind: 'visitor', name: visitorName(visitor) },
  );
}

export async function agentClose(deps: Pick<Deps, 'db' | 'bus'>, actor: Actor, chatId: string) {
  const chat = await chatForAgentWrite(deps.db, actor, chatId);
  const me = await deps.db
    .selectFrom('users')
    .select(['first_name', 'last_name', 'nickname'])
    .where('id', '=', actor.userId)
    .executeTakeFirstOrThrow();
  return closeChat(
    deps,
    { accountId: chat.account_id, chatId: chat.id },
    { kind: 'agent', userId: actor.userId, name: agentDisplayName(me) },
  );
}

// ---------------------------------------------------------------------------------------------- visitor presence (CON-6, CON-8)

/**
 * A socket of the visitor is open on this instance: cancel pending "left" timers, remember the instance (if it
 * dies, the sweeper marks the visitor left), and record a visitor marked left as back.
 */
export async function visitorPresent(
  deps: Pick<Deps, 'db' | 'bus'>,
  visitor: VisitorRow,
  instanceId: string,
): Promise<void> {
  const { db } = deps;
  await db
    .updateTable('chats')
    .set({ left_deadline_at: null, visitor_instance_id: instanceId })
    .where('visitor_id', '=', visitor.id)
    .where('status', '<>', 'closed')
    .where((eb) =>
      eb.or([
        eb('left_deadline_at', 'is not', null),
        eb('visitor_instance_id', 'is distinct from', instanceId),
      ]),
    )
    .execute();
  const away = await db
    .selectFrom('chats')
    .select(['id', 'account_id'])
    .where('visitor_id', '=', visitor.id)
    .where('status', '<>', 'closed')
    .where('visitor_present', '=', false)
    .execute();
  for (const c of away) {
    const seq = await db.transaction().execute(async (tx) => {
      const chat = await repo.lockChat(tx, c.account_id, c.id);
      if (!chat || chat.status === 'closed' || chat.visitor_present) return undefined;
      const r = await repo.appendEvent(tx, {
        chatId: chat.id,
        accountId: chat.account_id,
        type: 'visitor_returned',
        author: 'visitor',
        authorName: visitorName(visitor),
        userId: null,
        cid: null,
        body: '',
        fileId: null,
        data: {},
        isMessage: false,
      });
      await tx
        .updateTable('chats')
        .set({ visitor_present: true, visitor_left_at: null, mode: 'live', close_deadline_at: null })
        .where('id', '=', chat.id)
        .execute();
      return r.outcome === 'stored' ? r.seq : undefined;
    });
    if (seq !== undefined) {
      await publishEvents(deps, c.id, [seq]);
      await publishChanged(deps, c.id);
    }
  }
}

/** A socket of the visitor closed: start the grace period; another live tab cancels it. */
export async function visitorSocketClosed(
  deps: Pick<Deps, 'db' | 'bus'>,
  visitor: VisitorRow,
): Promise<void> {
  const { db } = deps;
  await db
    .updateTable('chats')
    .set({
      left_deadline_at: sql<Date>`coalesce(left_deadline_at, now() + coalesce(
        (select visitor_left_after_seconds from campaigns where campaigns.id = chats.campaign_id), 60
      ) * interval '1 second')`,
    })
    .where('visitor_id', '=', visitor.id)
    .where('status', '<>', 'closed')
    .where('visitor_present', '=', true)
    .execute();
  await deps.bus.publish(channel.visitor(visitor.id), { kind: 'socket-closed' } satisfies VisitorBusMessage);
}

/** Timer: the visitor has been gone for the grace period — record it once; the chat goes on as NRT (CON-6). */
export async function markVisitorLeft(tx: Db, chat: ChatRow): Promise<number[]> {
  const visitor = await tx
    .selectFrom('visitors')
    .select(['id', 'name'])
    .where('id', '=', chat.visitor_id)
    .executeTakeFirst();
  const r = await repo.appendEvent(tx, {
    chatId: chat.id,
    accountId: chat.account_id,
    type: 'visitor_left',
    author: 'visitor',
    authorName: visitor ? visitorName(visitor) : '',
    userId: null,
    cid: null,
    body: '',
    fileId: null,
    data: {},
    isMessage: false,
  });
  const campaign = await campaignOf(tx, chat);
  await tx
    .updateTable('chats')
    .set({
      visitor_present: false,
      visitor_left_at: new Date(),
      mode: 'nrt',
      left_deadline_at: null,
      close_deadline_at: new Date(Date.now() + (campaign?.close_after_minutes ?? 60) * 60_000),
    })
    .where('id', '=', chat.id)
    .execute();
  return r.outcome === 'stored' ? [r.seq] : [];
}

export { toVisitorSummary };
