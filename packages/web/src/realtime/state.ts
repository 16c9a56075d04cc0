import {
  ChatEventType,
  CloseCode,
  MESSAGE_MAX_LENGTH,
  MESSAGE_TYPES,
  type AgentChatSummary,
  type AgentClientFrame,
  type AgentServerFrame,
  type AgentStatus,
  type ChatEvent,
  type LiveVisitor,
} from '@parley/protocol';

/**
 * The agent console's state and the pure functions that change it. The socket client (AgentConsole) feeds
 * server frames and the agent's actions through `reduce`, which returns the next state and the side effects
 * to run (frames to send, sounds, refetches): everything here can be tested without a socket or a DOM.
 */

export type ConnectionState =
  /** First connection, nothing received yet. */
  | 'connecting'
  /** Welcomed: frames flow both ways. */
  | 'open'
  /** Lost; retrying with backoff. */
  | 'reconnecting'
  /** The session is gone (4001, 4010): sign in again. */
  | 'signed-out'
  /** 4003: this address may not use the account. */
  | 'blocked'
  /** The console was left; nothing is connected. */
  | 'stopped';

/** A message the agent sent that the transcript does not have yet. */
export interface PendingMessage {
  cid: string;
  text: string;
  createdAt: string;
  /** From the ack; the message stays shown as pending until the transcript has this seq. */
  seq: number | null;
  /** Refused by the server (shown on the message with Retry / Discard); not resent by itself. */
  error: string | null;
}

export interface ChatState {
  summary: AgentChatSummary;
  /** The transcript, in seq order without gaps: events[i].seq === i + 1 once synced from 0. */
  events: ChatEvent[];
  /**
   * A sync is under way: asked for events after `from`, and the server has at least up to `upTo` (so its
   * answer covers that far). A gap within that range is not asked for twice; one beyond it is.
   */
  sync: { from: number; upTo: number } | null;
  pending: PendingMessage[];
  /** The last seq the agent has seen (unread = visitor messages after it). */
  readSeq: number;
  /** The last seq the visitor has seen ("Seen" under the agent's messages). */
  visitorReadSeq: number;
  /** What the visitor is typing (sneak preview, CON-5); '' when typing without a preview; null when not. */
  typing: string | null;
  /** Arrived while the console was open and not looked at yet. */
  isNew: boolean;
  /** The server refused something for this chat (not a particular message). */
  error: string | null;
  /** TLS-5: the visitor shares their screen (as last told; absent: not known to). */
  cobrowsing?: boolean;
}

export interface ConsoleState {
  connection: ConnectionState;
  userId: string | null;
  /** The agent's presence as the server last said; 'offline' while not connected. */
  status: AgentStatus;
  chats: Record<string, ChatState>;
  selectedId: string | null;
  /** An error not tied to a chat (e.g. rate limited). */
  notice: string | null;
  /** A welcome was received at least once: later welcomes are reconnects. */
  welcomed: boolean;
  /** Read positions remembered from an earlier page load, used when a chat first appears. */
  savedReads: Record<string, number>;
}

export type Action =
  | { type: 'frame'; frame: AgentServerFrame }
  /** A socket is being opened (first time or again). */
  | { type: 'connecting' }
  | { type: 'disconnected'; code: number }
  /** The console was left on purpose. */
  | { type: 'stopped' }
  | { type: 'send'; chatId: string; cid: string; text: string; now: string }
  | { type: 'retry'; chatId: string; cid: string }
  /** A message refused for now only (sent too fast, server's database unreachable): send it again if still due. */
  | { type: 'resend'; chatId: string; cid: string }
  | { type: 'discard'; chatId: string; cid: string }
  | { type: 'select'; chatId: string }
  | { type: 'markRead'; chatId: string }
  | { type: 'dismiss'; chatId: string }
  | { type: 'setPresence'; status: 'available' | 'away' }
  /** GOL-1: `codeIds`, the success codes chosen in the close dialog (the server refuses a close without a forced one). */
  | { type: 'closeChat'; chatId: string; codeIds?: string[] }
  /** The answer to a `verify` effect: the chat as the server has it now, or null when it is not ours. */
  | { type: 'verified'; chatId: string; chat: AgentChatSummary | null }
  | { type: 'clearNotice' }
  | { type: 'clearChatError'; chatId: string };

export type Effect =
  | { type: 'send'; frame: AgentClientFrame }
  /** A chat was assigned to the agent while the console is open: sound and desktop notification. */
  | { type: 'newChat'; chat: AgentChatSummary }
  /** The visitor details of this chat may have changed: refetch them. */
  | { type: 'detailsChanged'; chatId: string }
  /** The chat was open before a reconnect and is not in the welcome: ask the server what became of it. */
  | { type: 'verify'; chatId: string }
  /** The chat is no longer the agent's (transferred away). */
  | { type: 'removed'; chat: AgentChatSummary }
  /** Dispatch `resend` for this message after `delayMs`. */
  | { type: 'resendLater'; chatId: string; cid: string; delayMs: number }
  /** TLS-6: a visitor's row of the Visitors list, as it is now (only while the list is watched). */
  | { type: 'visitor'; visitor: LiveVisitor };

export type Result = [ConsoleState, Effect[]];

/** At most this many chats in one `hello` (the protocol's limit). */
export const HELLO_MAX_CHATS = 100;

export function initialState(savedReads: Record<string, number> = {}): ConsoleState {
  return {
    connection: 'connecting',
    userId: null,
    status: 'offline',
    chats: {},
    selectedId: null,
    notice: null,
    welcomed: false,
    savedReads,
  };
}

// ------------------------------------------------------------------------------------------------ selectors

export function lastSeq(chat: ChatState): number {
  return chat.events[chat.events.length - 1]?.seq ?? 0;
}

export function isMessage(event: ChatEvent): boolean {
  return MESSAGE_TYPES.includes(event.type);
}

/** Visitor messages after what the agent has seen. */
export function unreadCount(chat: ChatState): number {
  let n = 0;
  for (let i = chat.events.length - 1; i >= 0; i--) {
    const e = chat.events[i]!;
    if (e.seq <= chat.readSeq) break;
    if (e.author === 'visitor' && isMessage(e)) n++;
  }
  return n;
}

export function totalUnread(state: ConsoleState): number {
  let n = 0;
  for (const chat of Object.values(state.chats)) n += unreadCount(chat);
  return n;
}

export function isClosed(chat: ChatState): boolean {
  return chat.summary.status === 'closed';
}

/** The list order: open chats newest first, then closed ones (they stay until dismissed). */
export function chatOrder(state: ConsoleState): string[] {
  return Object.values(state.chats)
    .sort((a, b) => {
      const closed = Number(isClosed(a)) - Number(isClosed(b));
      if (closed !== 0) return closed;
      return (
        b.summary.startedAt.localeCompare(a.summary.startedAt) || a.summary.id.localeCompare(b.summary.id)
      );
    })
    .map((c) => c.summary.id);
}

export type Preview = { text: string; author: 'visitor' | 'agent' | 'system'; at: string } | null;

/** The last message of a chat for the list: pending ones first, then the transcript, then the summary. */
export function lastMessagePreview(chat: ChatState): Preview {
  const pending = chat.pending[chat.pending.length - 1];
  if (pending && pending.seq === null) return { text: pending.text, author: 'agent', at: pending.createdAt };
  for (let i = chat.events.length - 1; i >= 0; i--) {
    const e = chat.events[i]!;
    if (isMessage(e))
      return {
        text: e.type === ChatEventType.file ? `File: ${e.file?.name ?? e.text}` : e.text,
        author: e.author,
        at: e.createdAt,
      };
  }
  return chat.summary.lastMessage;
}

/** The seq of the agent's last message, under which "Seen" shows when the visitor has read it. */
export function lastAgentMessageSeq(chat: ChatState): number | null {
  for (let i = chat.events.length - 1; i >= 0; i--) {
    const e = chat.events[i]!;
    if (e.author === 'agent' && isMessage(e)) return e.seq;
  }
  return null;
}

/** Pending messages still to show: not yet in the transcript. */
export function visiblePending(chat: ChatState): PendingMessage[] {
  const last = lastSeq(chat);
  return chat.pending.filter((p) => p.seq === null || p.seq > last);
}

/** What a close code means for the console. */
export function closeOutcome(code: number): 'signed-out' | 'blocked' | 'reconnecting' {
  if (code === CloseCode.unauthenticated || code === CloseCode.sessionEnded) return 'signed-out';
  if (code === CloseCode.forbiddenOrigin) return 'blocked';
  return 'reconnecting';
}

/** Reconnect delay: 0.5 s doubling up to 10 s, with ±20 % jitter so many consoles do not retry in step. */
export function backoffDelay(attempt: number, random: number = Math.random()): number {
  const base = Math.min(10_000, 500 * 2 ** Math.max(0, attempt));
  return Math.min(10_000, Math.round(base * (0.8 + 0.4 * random)));
}

/** Can this text be sent as a message? Returns the reason when not. */
export function messageProblem(text: string): string | null {
  if (text.trim().length === 0) return 'Write a message first';
  if (text.length > MESSAGE_MAX_LENGTH) return `A message has at most ${MESSAGE_MAX_LENGTH} characters`;
  return null;
}

// ------------------------------------------------------------------------------------------------ helpers

/**
 * Adds events to a transcript kept in seq order without gaps. Returns the merged list and, when an event
 * skipped ahead of what we have, the seq to sync from (the events after the gap are dropped: the sync
 * delivers them again, in order).
 */
export function mergeEvents(
  events: ChatEvent[],
  incoming: ChatEvent[],
): { events: ChatEvent[]; gapAfter: number | null } {
  let last = events[events.length - 1]?.seq ?? 0;
  let out = events;
  let gapAfter: number | null = null;
  for (const e of [...incoming].sort((a, b) => a.seq - b.seq)) {
    if (e.seq <= last) continue;
    if (e.seq !== last + 1) {
      gapAfter = last;
      break;
    }
    if (out === events) out = [...events];
    out.push(e);
    last = e.seq;
  }
  return { events: out, gapAfter };
}

function newChat(state: ConsoleState, summary: AgentChatSummary, isNew: boolean): ChatState {
  return {
    summary,
    events: [],
    sync: null,
    pending: [],
    readSeq: state.savedReads[summary.id] ?? 0,
    visitorReadSeq: 0,
    typing: null,
    isNew,
    error: null,
  };
}

function withChat(state: ConsoleState, chatId: string, chat: ChatState): ConsoleState {
  return { ...state, chats: { ...state.chats, [chatId]: chat } };
}

function withoutChat(state: ConsoleState, chatId: string): ConsoleState {
  const chats = { ...state.chats };
  delete chats[chatId];
  const next = { ...state, chats };
  if (state.selectedId !== chatId) return next;
  // Select the neighbour in the list, so the agent lands on the next chat to handle.
  const before = chatOrder(state);
  const after = chatOrder(next);
  const index = before.indexOf(chatId);
  const selectedId = after[Math.min(index, after.length - 1)] ?? null;
  return selectChat(next, selectedId);
}

function selectChat(state: ConsoleState, chatId: string | null): ConsoleState {
  if (chatId === null || !state.chats[chatId]) return { ...state, selectedId: null };
  const chat = state.chats[chatId];
  const next = { ...state, selectedId: chatId };
  return chat.isNew ? withChat(next, chatId, { ...chat, isNew: false }) : next;
}

const send = (frame: AgentClientFrame): Effect => ({ type: 'send', frame });

// ------------------------------------------------------------------------------------------------ reducer

export function reduce(state: ConsoleState, action: Action): Result {
  switch (action.type) {
    case 'frame':
      return onFrame(state, action.frame);
    case 'connecting': {
      // A retry after a loss is "reconnecting"; a first start, or a start after leaving the console, is not.
      const connection = state.welcomed && state.connection !== 'stopped' ? 'reconnecting' : 'connecting';
      return [{ ...state, connection, status: 'offline' }, []];
    }
    case 'disconnected':
    case 'stopped': {
      const connection = action.type === 'stopped' ? 'stopped' : closeOutcome(action.code);
      // Typing previews are not stored: they cannot be trusted after a break. Sync requests died with the socket,
      // and whether a visitor shares their screen (TLS-5) is asked again by the Screen share section.
      const chats: Record<string, ChatState> = {};
      for (const [id, c] of Object.entries(state.chats))
        chats[id] = { ...c, typing: null, sync: null, cobrowsing: false };
      return [{ ...state, connection, status: 'offline', chats }, []];
    }
    case 'send': {
      const chat = state.chats[action.chatId];
      if (!chat || isClosed(chat) || messageProblem(action.text)) return [state, []];
      const text = action.text.trim();
      const pending: PendingMessage = {
        cid: action.cid,
        text,
        createdAt: action.now,
        seq: null,
        error: null,
      };
      const next = withChat(state, action.chatId, { ...chat, pending: [...chat.pending, pending] });
      const effects =
        state.connection === 'open'
          ? [send({ type: 'message.send', chatId: action.chatId, cid: action.cid, text })]
          : [];
      return [next, effects];
    }
    case 'retry': {
      const chat = state.chats[action.chatId];
      const p = chat?.pending.find((x) => x.cid === action.cid);
      if (!chat || !p) return [state, []];
      const pending = chat.pending.map((x) => (x.cid === action.cid ? { ...x, error: null } : x));
      const effects =
        state.connection === 'open'
          ? [send({ type: 'message.send', chatId: action.chatId, cid: p.cid, text: p.text })]
          : [];
      return [withChat(state, action.chatId, { ...chat, pending }), effects];
    }
    case 'resend': {
      const chat = state.chats[action.chatId];
      const p = chat?.pending.find((x) => x.cid === action.cid);
      // Acked, failed for good, or the socket is down (the next welcome resends it): nothing to do now.
      if (!chat || !p || p.seq !== null || p.error !== null || state.connection !== 'open')
        return [state, []];
      return [state, [send({ type: 'message.send', chatId: action.chatId, cid: p.cid, text: p.text })]];
    }
    case 'discard': {
      const chat = state.chats[action.chatId];
      if (!chat) return [state, []];
      const pending = chat.pending.filter((x) => x.cid !== action.cid);
      return [withChat(state, action.chatId, { ...chat, pending }), []];
    }
    case 'select':
      return [selectChat(state, action.chatId), []];
    case 'markRead': {
      const chat = state.chats[action.chatId];
      if (!chat) return [state, []];
      const seq = lastSeq(chat);
      if (seq <= chat.readSeq) return [state, []];
      const next = withChat(state, action.chatId, { ...chat, readSeq: seq });
      // The visitor sees "Seen" from this; a closed chat has nobody left to tell.
      const effects =
        state.connection === 'open' && !isClosed(chat)
          ? [send({ type: 'read', chatId: action.chatId, seq })]
          : [];
      return [next, effects];
    }
    case 'dismiss': {
      const chat = state.chats[action.chatId];
      if (!chat || !isClosed(chat)) return [state, []];
      return [withoutChat(state, action.chatId), []];
    }
    case 'setPresence':
      return [
        state,
        state.connection === 'open' ? [send({ type: 'presence.set', status: action.status })] : [],
      ];
    case 'closeChat': {
      const chat = state.chats[action.chatId];
      if (!chat || isClosed(chat) || state.connection !== 'open') return [state, []];
      const codes = action.codeIds ? { codeIds: action.codeIds } : {};
      return [state, [send({ type: 'chat.close', chatId: action.chatId, ...codes })]];
    }
    case 'verified': {
      const chat = state.chats[action.chatId];
      if (!chat) return [state, []];
      if (!action.chat || action.chat.agentId !== state.userId)
        return [withoutChat(state, action.chatId), [{ type: 'removed', chat: chat.summary }]];
      return [withChat(state, action.chatId, { ...chat, summary: action.chat }), []];
    }
    case 'clearNotice':
      return [{ ...state, notice: null }, []];
    case 'clearChatError': {
      const chat = state.chats[action.chatId];
      if (!chat) return [state, []];
      return [withChat(state, action.chatId, { ...chat, error: null }), []];
    }
  }
}

function onFrame(state: ConsoleState, frame: AgentServerFrame): Result {
  switch (frame.type) {
    case 'welcome':
      return onWelcome(state, frame);
    case 'chat.event':
      return onEvents(state, frame.chatId, [frame.event]);
    case 'ack': {
      const chat = state.chats[frame.chatId];
      if (!chat) return [state, []];
      const last = lastSeq(chat);
      // Acked and already in the transcript: nothing left to show as pending.
      const pending = chat.pending
        .map((p) => (p.cid === frame.cid ? { ...p, seq: frame.seq, error: null } : p))
        .filter((p) => p.seq === null || p.seq > last);
      return [withChat(state, frame.chatId, { ...chat, pending }), []];
    }
    case 'chat.upsert': {
      const existing = state.chats[frame.chat.id];
      if (existing) {
        const next = withChat(state, frame.chat.id, { ...existing, summary: frame.chat });
        return [next, [{ type: 'detailsChanged', chatId: frame.chat.id }]];
      }
      if (frame.chat.status === 'closed' || frame.chat.agentId !== state.userId) return [state, []];
      const chat: ChatState = {
        ...newChat(state, frame.chat, true),
        sync: frame.chat.lastSeq > 0 ? { from: 0, upTo: frame.chat.lastSeq } : null,
      };
      let next = withChat(state, frame.chat.id, chat);
      if (next.selectedId === null) next = selectChat(next, frame.chat.id);
      return [
        next,
        [{ type: 'newChat', chat: frame.chat }, send({ type: 'sync', chatId: frame.chat.id, afterSeq: 0 })],
      ];
    }
    case 'chat.removed': {
      const chat = state.chats[frame.chatId];
      if (!chat) return [state, []];
      return [withoutChat(state, frame.chatId), [{ type: 'removed', chat: chat.summary }]];
    }
    case 'typing': {
      const chat = state.chats[frame.chatId];
      if (!chat) return [state, []];
      const typing = frame.typing ? frame.preview : null;
      if (typing === chat.typing) return [state, []];
      return [withChat(state, frame.chatId, { ...chat, typing }), []];
    }
    case 'presence':
      return [{ ...state, status: frame.status }, []];
    case 'read': {
      const chat = state.chats[frame.chatId];
      if (!chat || frame.seq <= chat.visitorReadSeq) return [state, []];
      return [withChat(state, frame.chatId, { ...chat, visitorReadSeq: frame.seq }), []];
    }
    case 'error':
      return onError(state, frame);
    case 'visitor.moved':
      // TLS-6: the chat's visitor opened another page: their Visitor Info is read again.
      return [state, state.chats[frame.chatId] ? [{ type: 'detailsChanged', chatId: frame.chatId }] : []];
    case 'visitor.upsert':
      return [state, [{ type: 'visitor', visitor: frame.visitor }]];
    case 'cobrowse.state': {
      // TLS-5: whether the visitor shares their screen (the events go to the Screen share section directly).
      const chat = state.chats[frame.chatId];
      if (!chat || !!chat.cobrowsing === frame.sharing) return [state, []];
      return [withChat(state, frame.chatId, { ...chat, cobrowsing: frame.sharing }), []];
    }
    case 'cobrowse.events':
      return [state, []];
  }
}

function onWelcome(state: ConsoleState, frame: Extract<AgentServerFrame, { type: 'welcome' }>): Result {
  const reconnect = state.welcomed;
  const effects: Effect[] = [];
  const chats: Record<string, ChatState> = { ...state.chats };
  const base = { ...state, userId: frame.userId };
  for (const summary of frame.chats) {
    const existing = chats[summary.id];
    if (existing) chats[summary.id] = { ...existing, summary };
    else {
      // Assigned while we were away: as new as one that arrives live.
      chats[summary.id] = newChat(base, summary, reconnect);
      if (reconnect) effects.push({ type: 'newChat', chat: summary });
    }
  }
  const listed = new Set(frame.chats.map((c) => c.id));
  for (const chat of Object.values(chats)) {
    if (!listed.has(chat.summary.id) && !isClosed(chat))
      effects.push({ type: 'verify', chatId: chat.summary.id });
  }

  // Resume every chat from what we have; a closed one too, as long as it is listed: the visitor's rating (GOL-2)
  // and codes chosen afterwards (GOL-1) come after the close.
  const resume: { chatId: string; afterSeq: number }[] = [];
  for (const chat of Object.values(chats)) {
    const afterSeq = lastSeq(chat);
    resume.push({ chatId: chat.summary.id, afterSeq });
    const upTo = Math.max(afterSeq, chat.summary.lastSeq);
    // Waiting for an answer only when the server has more than we do.
    chats[chat.summary.id] = { ...chat, sync: upTo > afterSeq ? { from: afterSeq, upTo } : null };
  }
  for (let i = 0; i < resume.length; i += HELLO_MAX_CHATS)
    effects.push(send({ type: 'hello', chats: resume.slice(i, i + HELLO_MAX_CHATS) }));

  // Messages sent while disconnected, or whose ack was lost: the same cid again, stored once.
  for (const chat of Object.values(chats)) {
    for (const p of chat.pending) {
      if (p.seq === null && p.error === null)
        effects.push(send({ type: 'message.send', chatId: chat.summary.id, cid: p.cid, text: p.text }));
    }
  }

  let next: ConsoleState = {
    ...base,
    connection: 'open',
    status: frame.status,
    chats,
    welcomed: true,
    notice: null,
  };
  if (next.selectedId === null || !chats[next.selectedId])
    next = selectChat(next, chatOrder(next)[0] ?? null);
  return [next, effects];
}

function onEvents(state: ConsoleState, chatId: string, incoming: ChatEvent[]): Result {
  const chat = state.chats[chatId];
  if (!chat) return [state, []];
  const { events, gapAfter } = mergeEvents(chat.events, incoming);
  const effects: Effect[] = [];
  let next: ChatState = chat;
  if (events !== chat.events) {
    const added = events.slice(chat.events.length);
    let { summary, typing } = chat;
    for (const e of added) {
      // A message sent or a visitor gone ends the sneak preview.
      if ((e.author === 'visitor' && isMessage(e)) || e.type === 'visitor_left' || e.type === 'closed')
        typing = null;
      if (e.type === 'visitor_returned' || e.type === 'visitor_left')
        effects.push({ type: 'detailsChanged', chatId });
      if (e.type === 'closed' && summary.status !== 'closed')
        summary = { ...summary, status: 'closed', closedAt: e.createdAt };
    }
    const last = events[events.length - 1]!.seq;
    const pending = chat.pending.filter((p) => p.seq === null || p.seq > last);
    const sync = chat.sync && last < chat.sync.upTo ? chat.sync : null;
    next = { ...chat, summary, typing, events, pending, sync };
  }
  if (gapAfter !== null) {
    // The answer to a sync comes from the database, so it also brings what arrived here after the gap.
    const newest = Math.max(...incoming.map((e) => e.seq));
    if (next.sync !== null && next.sync.from === gapAfter) {
      if (newest > next.sync.upTo) next = { ...next, sync: { ...next.sync, upTo: newest } };
    } else {
      next = { ...next, sync: { from: gapAfter, upTo: newest } };
      if (state.connection === 'open') effects.push(send({ type: 'sync', chatId, afterSeq: gapAfter }));
    }
  }
  if (next === chat) return [state, effects];
  return [withChat(state, chatId, next), effects];
}

/** Refused for now only: the message stays pending and goes again after a moment (same cid, stored once). */
export const RETRY_LATER_MS: Partial<Record<string, number>> = { rate_limited: 1_000, unavailable: 2_000 };

function onError(state: ConsoleState, frame: Extract<AgentServerFrame, { type: 'error' }>): Result {
  if (frame.cid) {
    const chatId =
      frame.chatId && state.chats[frame.chatId]
        ? frame.chatId
        : Object.keys(state.chats).find((id) => state.chats[id]!.pending.some((p) => p.cid === frame.cid));
    const chat = chatId ? state.chats[chatId] : undefined;
    const delayMs = RETRY_LATER_MS[frame.code];
    if (chatId && chat && delayMs !== undefined) {
      if (!chat.pending.some((p) => p.cid === frame.cid && p.seq === null)) return [state, []];
      return [state, [{ type: 'resendLater', chatId, cid: frame.cid, delayMs }]];
    }
    if (chatId && chat) {
      const pending = chat.pending.map((p) => (p.cid === frame.cid ? { ...p, error: frame.message } : p));
      return [withChat(state, chatId, { ...chat, pending }), []];
    }
  }
  const chat = frame.chatId ? state.chats[frame.chatId] : undefined;
  if (frame.chatId && chat) {
    // An unanswered sync must be askable again.
    return [withChat(state, frame.chatId, { ...chat, error: frame.message, sync: null }), []];
  }
  return [{ ...state, notice: frame.message }, []];
}
