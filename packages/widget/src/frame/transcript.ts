import type { ChatEvent, VisitorChatView, VisitorClientFrame, VisitorServerFrame } from '@parley/protocol';

/**
 * The visitor's conversations as pure data, and pure steps that change them. Every step returns the new state
 * and the frames to send, so the rules (merge by seq, dedupe, gap detection, pending until ack, resend after a
 * reconnect) are tested without a socket or a DOM.
 */

/** A message the visitor sent that the server has not stored yet (or whose stored event has not arrived). */
export type Pending = {
  cid: string;
  text: string;
  /** null: the chat does not exist yet; the message goes with `chat.start` or right after it. */
  chatId: string | null;
  /** This message starts the chat (`chat.start`). */
  start: boolean;
  /** Waiting for the visitor to confirm the pre-chat information (CMP-5). */
  held: boolean;
  /** INV-2: this message starts an offline message (`offline.send`), left with these details. */
  offline?: { name: string; email: string };
  ackSeq: number | null;
  error: string | null;
};

export type ChatRecord = {
  view: VisitorChatView | null;
  /** Ascending by seq, no duplicates; may hold events beyond a gap. */
  events: ChatEvent[];
  /** Every seq from 1 to `have` is held: what a resume or a sync starts after. */
  have: number;
  /** A sync (or resume) after this seq was asked for; not asked again for the same gap. */
  syncFrom: number | null;
};

export type Transcript = {
  chats: Record<string, ChatRecord>;
  /** The chat on screen; null before the visitor starts one (or after "Start a new chat"). */
  current: string | null;
  pending: Pending[];
  /** From `welcome` (pre-chat "first time only"), plus chats started since. */
  previousChats: number;
  typing: { chatId: string; name: string } | null;
};

export type Step = { state: Transcript; send: VisitorClientFrame[] };

/** A chat closed this long ago is still shown after a reload (its closing text and "Start a new chat"). */
export const RECENT_CLOSED_MS = 15 * 60_000;
const RESUME_MAX = 100;

export const emptyTranscript = (): Transcript => ({
  chats: {},
  current: null,
  pending: [],
  previousChats: 0,
  typing: null,
});

const newRecord = (view: VisitorChatView | null = null): ChatRecord => ({
  view,
  events: [],
  have: 0,
  syncFrom: null,
});

const isOpen = (r: ChatRecord | undefined): boolean => !!r && r.view?.status !== 'closed';

/** Merges one event into a chat: ignores what is already held, keeps order, advances `have`. */
export function mergeEvent(rec: ChatRecord, event: ChatEvent): ChatRecord {
  if (event.seq <= rec.have) return rec;
  const events = rec.events;
  let i = events.length;
  while (i > 0 && (events[i - 1] as ChatEvent).seq > event.seq) i--;
  if (i > 0 && (events[i - 1] as ChatEvent).seq === event.seq) return rec;
  const merged = [...events.slice(0, i), event, ...events.slice(i)];
  let have = rec.have;
  for (let j = i; j < merged.length && (merged[j] as ChatEvent).seq <= have + 1; j++) {
    have = Math.max(have, (merged[j] as ChatEvent).seq);
  }
  return { ...rec, events: merged, have };
}

/** Events held beyond a missing one. */
export const hasGap = (rec: ChatRecord): boolean =>
  rec.events.length > 0 && (rec.events[rec.events.length - 1] as ChatEvent).seq > rec.have;

/** What `hello` says about the chats this frame already has. */
export function resumeList(t: Transcript): { chatId: string; afterSeq: number }[] {
  const ids = Object.keys(t.chats).sort((a, b) => Number(isOpen(t.chats[b])) - Number(isOpen(t.chats[a])));
  return ids
    .slice(0, RESUME_MAX)
    .map((chatId) => ({ chatId, afterSeq: (t.chats[chatId] as ChatRecord).have }));
}

/** The frames that carry the pending messages not yet acknowledged, in order. */
function carry(pending: Pending[]): VisitorClientFrame[] {
  const out: VisitorClientFrame[] = [];
  for (const p of pending) {
    if (p.held || p.error || p.ackSeq !== null) continue;
    if (p.chatId) out.push({ type: 'message.send', chatId: p.chatId, cid: p.cid, text: p.text });
    else if (p.start && p.offline)
      out.push({ type: 'offline.send', cid: p.cid, ...p.offline, message: p.text });
    else if (p.start) out.push(startFrame(p));
  }
  return out;
}

/** Drops acknowledged pending messages whose stored event has arrived. */
function settle(pending: Pending[], chats: Record<string, ChatRecord>): Pending[] {
  const left = pending.filter((p) => {
    if (p.ackSeq === null || !p.chatId) return true;
    const rec = chats[p.chatId];
    return !rec || (p.ackSeq > rec.have && !rec.events.some((e) => e.seq === p.ackSeq));
  });
  return left.length === pending.length ? pending : left;
}

/** After a (re)connect: take the server's view, fetch unknown chats, resend what was not acknowledged. */
export function onWelcome(
  t: Transcript,
  w: Extract<VisitorServerFrame, { type: 'welcome' }>,
  now: number,
): Step {
  const send: VisitorClientFrame[] = [];
  const chats: Record<string, ChatRecord> = {};
  // The hello listed every chat held, so the server resumes each after its `have`.
  for (const [id, rec] of Object.entries(t.chats)) chats[id] = { ...rec, syncFrom: rec.have };
  for (const view of w.chats) {
    const known = chats[view.id];
    if (known) chats[view.id] = { ...known, view };
    else {
      chats[view.id] = { ...newRecord(view), syncFrom: 0 };
      send.push({ type: 'sync', chatId: view.id, afterSeq: 0 });
    }
  }
  let current = t.current;
  if (!isOpen(current ? chats[current] : undefined)) {
    const open = w.chats.find((c) => c.status !== 'closed');
    if (open) current = open.id;
    else if (!current && !t.pending.length) {
      const recent = w.chats.find((c) => c.closedAt && now - Date.parse(c.closedAt) < RECENT_CLOSED_MS);
      if (recent) current = recent.id;
    }
  }
  send.push(...carry(t.pending));
  return {
    state: { ...t, chats, current, previousChats: w.previousChats, typing: null },
    send,
  };
}

/** `chat.start` for a pending start; one without text (a Yes/No greeting accepted) starts an empty chat. */
const startFrame = (p: Pending): VisitorClientFrame =>
  p.text ? { type: 'chat.start', cid: p.cid, text: p.text } : { type: 'chat.start', cid: p.cid };

/**
 * INV-3: the visitor accepted a Yes/No greeting: the chat starts now, before anything was written (an empty
 * pending start, not shown). Nothing happens while a chat goes on or is being started.
 */
export function startWithoutMessage(t: Transcript, cid: string): Step {
  if (
    (t.current && isOpen(t.chats[t.current])) ||
    t.pending.some((p) => p.start && !p.error && p.ackSeq === null)
  )
    return { state: t, send: [] };
  const p: Pending = { cid, text: '', chatId: null, start: true, held: false, ackSeq: null, error: null };
  return {
    state: {
      ...t,
      current: null,
      pending: [...t.pending.filter((q) => !q.error), p],
      previousChats: t.previousChats + 1,
    },
    send: [startFrame(p)],
  };
}

/** The visitor sends a message: into the open chat, or as the start of a new one. */
export function sendMessage(t: Transcript, cid: string, text: string, hold: boolean): Step {
  const cur = t.current ? t.chats[t.current] : undefined;
  if (t.current && isOpen(cur)) {
    const p: Pending = { cid, text, chatId: t.current, start: false, held: false, ackSeq: null, error: null };
    return {
      state: { ...t, pending: [...t.pending, p] },
      send: [{ type: 'message.send', chatId: t.current, cid, text }],
    };
  }
  const starting = t.pending.find((p) => p.start && !p.error && p.ackSeq === null);
  if (starting) {
    // The chat is being started (or waits for the pre-chat button): this one follows it.
    const p: Pending = {
      cid,
      text,
      chatId: null,
      start: false,
      held: starting.held,
      ackSeq: null,
      error: null,
    };
    return { state: { ...t, pending: [...t.pending, p] }, send: [] };
  }
  const p: Pending = { cid, text, chatId: null, start: true, held: hold, ackSeq: null, error: null };
  const pending = [...t.pending.filter((q) => !q.error), p];
  if (hold) return { state: { ...t, current: null, pending }, send: [] };
  return {
    state: { ...t, current: null, pending, previousChats: t.previousChats + 1 },
    send: [{ type: 'chat.start', cid, text }],
  };
}

/**
 * INV-2: nobody can take a chat and the visitor sent the offline form: the message starts an offline message
 * (an NRT chat) instead of a live chat. Until acked it is pending like a chat start (resent after a reconnect).
 */
export function sendOffline(
  t: Transcript,
  cid: string,
  form: { name: string; email: string; message: string },
): Step {
  const offline = { name: form.name.trim(), email: form.email.trim() };
  const p: Pending = {
    cid,
    text: form.message,
    chatId: null,
    start: true,
    held: false,
    ackSeq: null,
    error: null,
    offline,
  };
  return {
    state: { ...t, current: null, pending: [...t.pending.filter((q) => !q.error), p] },
    send: [{ type: 'offline.send', cid, ...offline, message: form.message }],
  };
}

/** The visitor confirmed the pre-chat information: start the chat with the held message. */
export function releaseHeld(t: Transcript): Step {
  if (!t.pending.some((p) => p.held)) return { state: t, send: [] };
  const pending = t.pending.map((p) => (p.held ? { ...p, held: false } : p));
  const start = pending.find((p) => p.start && p.ackSeq === null && !p.error);
  return {
    state: { ...t, pending, previousChats: t.previousChats + 1 },
    send: start ? [startFrame(start)] : [],
  };
}

/** Error codes that refuse a message for now only: it stays pending and is sent again. */
export const isRetryable = (code: string): boolean => code === 'rate_limited' || code === 'unavailable';

/**
 * INV-2: the server refused to start the chat because nobody can take it now (an agent went away after the page
 * asked): the start and the messages typed after it leave the pending list, and their texts go to the offline
 * form. null: no such start is pending (already handled).
 */
export function refusedStart(t: Transcript, cid: string): { state: Transcript; texts: string[] } | null {
  const failed = t.pending.find((p) => p.cid === cid && p.start && !p.offline && p.ackSeq === null);
  if (!failed) return null;
  const gone = (p: Pending) => p === failed || (p.chatId === null && !p.start && !p.error);
  return {
    state: { ...t, pending: t.pending.filter((p) => !gone(p)) },
    texts: t.pending.filter((p) => gone(p) && p.text).map((p) => p.text),
  };
}

/** Sends a pending message again (after the server refused it as sent too fast), if it still waits. */
export function resendPending(t: Transcript, cid: string): Step {
  const p = t.pending.find((q) => q.cid === cid);
  return { state: t, send: p ? carry([p]) : [] };
}

/** "Start a new chat": leave the ended one; the next message starts another. */
export function startOver(t: Transcript): Transcript {
  return {
    ...t,
    current: null,
    typing: null,
    pending: t.pending.filter((p) => !p.error && p.chatId === null),
  };
}

/** One frame from the server (everything but `welcome`). */
export function onServerFrame(t: Transcript, f: VisitorServerFrame): Step {
  switch (f.type) {
    case 'ack': {
      const i = t.pending.findIndex((p) => p.cid === f.cid);
      if (i < 0) return { state: t, send: [] };
      const acked = { ...(t.pending[i] as Pending), chatId: f.chatId, ackSeq: f.seq };
      let pending = t.pending.map((p, j) => (j === i ? acked : p));
      const send: VisitorClientFrame[] = [];
      let current = t.current;
      if (acked.start) {
        current = f.chatId;
        // Messages typed while the chat was starting go to it now.
        pending = pending.map((p) => {
          if (p.start || p.chatId !== null || p.held || p.error) return p;
          send.push({ type: 'message.send', chatId: f.chatId, cid: p.cid, text: p.text });
          return { ...p, chatId: f.chatId };
        });
      }
      let chats = t.chats[f.chatId] ? t.chats : { ...t.chats, [f.chatId]: newRecord() };
      const rec = chats[f.chatId] as ChatRecord;
      if (acked.start && rec.have < f.seq && rec.syncFrom !== rec.have) {
        // The chat's first events may have been published before this socket followed the chat.
        send.unshift({ type: 'sync', chatId: f.chatId, afterSeq: rec.have });
        chats = { ...chats, [f.chatId]: { ...rec, syncFrom: rec.have } };
      }
      return { state: { ...t, chats, current, pending: settle(pending, chats) }, send };
    }
    case 'chat.event': {
      const before = t.chats[f.chatId] ?? newRecord();
      const rec = mergeEvent(before, f.event);
      if (rec === before && t.chats[f.chatId]) return { state: t, send: [] };
      const send: VisitorClientFrame[] = [];
      let next = rec;
      if (hasGap(rec) && rec.syncFrom !== rec.have) {
        send.push({ type: 'sync', chatId: f.chatId, afterSeq: rec.have });
        next = { ...rec, syncFrom: rec.have };
      }
      const chats = { ...t.chats, [f.chatId]: next };
      const e = f.event;
      const typing =
        t.typing?.chatId === f.chatId && e.author === 'agent' && (e.type === 'text' || e.type === 'file')
          ? null
          : t.typing;
      return { state: { ...t, chats, typing, pending: settle(t.pending, chats) }, send };
    }
    case 'chat.state': {
      const view = f.chat;
      const known = t.chats[view.id];
      const send: VisitorClientFrame[] = [];
      let rec: ChatRecord;
      const startingHere = t.pending.some((p) => p.start && p.ackSeq === null && !p.error);
      if (known) rec = { ...known, view };
      else if (!startingHere) {
        // The server delivers a chat's events only after the client says what it has.
        rec = { ...newRecord(view), syncFrom: 0 };
        send.push({ type: 'sync', chatId: view.id, afterSeq: 0 });
      } else rec = newRecord(view);
      const chats = { ...t.chats, [view.id]: rec };
      let current = t.current;
      // A chat started in another tab becomes this tab's chat too (a visitor has one open chat at a time).
      if (view.status !== 'closed' && !isOpen(current ? t.chats[current] : undefined) && !startingHere) {
        current = view.id;
      }
      const typing = view.status === 'closed' && t.typing?.chatId === view.id ? null : t.typing;
      return { state: { ...t, chats, current, typing }, send };
    }
    case 'typing': {
      if (f.typing) return { state: { ...t, typing: { chatId: f.chatId, name: f.name } }, send: [] };
      return { state: t.typing?.chatId === f.chatId ? { ...t, typing: null } : t, send: [] };
    }
    case 'error': {
      if (!f.cid && f.chatId && f.code === 'not_found' && t.chats[f.chatId]) {
        // A chat this frame remembered is not this visitor's (any more): forget it.
        const chats = { ...t.chats };
        delete chats[f.chatId];
        return { state: { ...t, chats, current: t.current === f.chatId ? null : t.current }, send: [] };
      }
      if (!f.cid || !t.pending.some((p) => p.cid === f.cid)) return { state: t, send: [] };
      // Sent too fast, or the server could not store it just now: still pending; the client sends it again a
      // moment later (resendPending).
      if (isRetryable(f.code)) return { state: t, send: [] };
      const failed = t.pending.find((p) => p.cid === f.cid) as Pending;
      // A refused offline form goes back to the form (which shows the errors): nothing was sent.
      if (failed.offline)
        return { state: { ...t, pending: t.pending.filter((p) => p !== failed) }, send: [] };
      const pending = t.pending.map((p) =>
        p.cid === f.cid || (failed.start && p.chatId === null && !p.start && !p.error)
          ? { ...p, error: f.message || f.code, held: false }
          : p,
      );
      return { state: { ...t, pending }, send: [] };
    }
    default:
      return { state: t, send: [] };
  }
}

// ---- views of the state

export const currentRecord = (t: Transcript): ChatRecord | null =>
  t.current ? (t.chats[t.current] ?? null) : null;

/** The chat the visitor can write to right now, if any. */
export function openChatId(t: Transcript): string | null {
  const rec = currentRecord(t);
  return t.current && rec && isOpen(rec) ? t.current : null;
}

export const hasOpenChat = (t: Transcript): boolean =>
  Object.values(t.chats).some((r) => r.view && isOpen(r));

/** Pending messages shown after the current chat's events. */
export const visiblePending = (t: Transcript): Pending[] =>
  t.pending.filter((p) => p.chatId === null || p.chatId === t.current);

/** Messages from the company side after `readSeq` (the visitor's own never count). */
export function unreadCount(rec: ChatRecord | null, readSeq: number): number {
  if (!rec) return 0;
  let n = 0;
  for (const e of rec.events) {
    if (e.seq > readSeq && e.author !== 'visitor' && (e.type === 'text' || e.type === 'file')) n++;
  }
  return n;
}

export const lastSeq = (rec: ChatRecord | null): number =>
  rec && rec.events.length ? (rec.events[rec.events.length - 1] as ChatEvent).seq : 0;
