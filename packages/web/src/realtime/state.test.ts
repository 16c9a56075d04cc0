import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { AgentServerFrame, ChatEvent } from '@parley/protocol';
import {
  backoffDelay,
  chatOrder,
  closeOutcome,
  initialState,
  lastAgentMessageSeq,
  lastMessagePreview,
  lastSeq,
  mergeEvents,
  messageProblem,
  reduce,
  totalUnread,
  unreadCount,
  visiblePending,
  type Action,
  type ConsoleState,
  type Effect,
} from './state';
import { chatId, event, events, ME, OTHER_AGENT, summary } from './fixtures';

const A = chatId(1);
const B = chatId(2);

/** Runs actions in order, collecting every effect. */
function run(state: ConsoleState, ...actions: Action[]): [ConsoleState, Effect[]] {
  const all: Effect[] = [];
  for (const a of actions) {
    const [next, effects] = reduce(state, a);
    state = next;
    all.push(...effects);
  }
  return [state, all];
}

const frame = (f: AgentServerFrame): Action => ({ type: 'frame', frame: f });
const welcome = (...chats: ReturnType<typeof summary>[]): Action =>
  frame({ type: 'welcome', userId: ME, status: 'available', chats });
const ev = (id: string, e: ChatEvent): Action => frame({ type: 'chat.event', chatId: id, event: e });
const sends = (effects: Effect[]) => effects.flatMap((e) => (e.type === 'send' ? [e.frame] : []));

/** A console welcomed with chats 1 and 2, each with `n` visitor messages. */
function connected(n = 0): ConsoleState {
  const [s] = run(
    initialState(),
    { type: 'connecting' },
    welcome(summary(1), summary(2)),
    ...events(1, n).map((e) => ev(A, e)),
    ...events(1, n).map((e) => ev(B, e)),
  );
  return s;
}

describe('mergeEvents', () => {
  it('appends the next seqs and ignores ones it has', () => {
    const r = mergeEvents(events(1, 3), [event(2), event(3), event(4), event(5)]);
    expect(r.events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(r.gapAfter).toBeNull();
  });

  it('reports a gap and keeps nothing after it', () => {
    const r = mergeEvents(events(1, 3), [event(4), event(6), event(7)]);
    expect(r.events.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(r.gapAfter).toBe(4);
  });

  it('returns the same array when nothing is new', () => {
    const have = events(1, 3);
    expect(mergeEvents(have, [event(1), event(3)]).events).toBe(have);
  });

  it('always yields 1..n without duplicates, whatever order and repeats arrive in', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 30 }), { maxLength: 80 }), (seqs) => {
        let have: ChatEvent[] = [];
        for (const s of seqs) have = mergeEvents(have, [event(s)]).events;
        expect(have.map((e) => e.seq)).toEqual(have.map((_, i) => i + 1));
      }),
    );
  });
});

describe('welcome', () => {
  it('lists the chats, selects the first and asks for every transcript in one hello', () => {
    const [s, effects] = run(initialState(), { type: 'connecting' }, welcome(summary(1), summary(2)));
    expect(s.connection).toBe('open');
    expect(s.status).toBe('available');
    expect(Object.keys(s.chats).sort()).toEqual([A, B].sort());
    expect(s.selectedId).toBe(chatOrder(s)[0]);
    expect(sends(effects)).toEqual([
      {
        type: 'hello',
        chats: expect.arrayContaining([
          { chatId: A, afterSeq: 0 },
          { chatId: B, afterSeq: 0 },
        ]),
      },
    ]);
    // Chats there on the first load are not "new": no sound for them.
    expect(effects.some((e) => e.type === 'newChat')).toBe(false);
    expect(Object.values(s.chats).every((c) => !c.isNew)).toBe(true);
  });

  it('after a reconnect resumes each chat from the last seq it has', () => {
    let s = connected(3);
    [s] = run(s, { type: 'disconnected', code: 1006 });
    expect(s.connection).toBe('reconnecting');
    expect(s.status).toBe('offline');
    const [after, effects] = run(s, { type: 'connecting' }, welcome(summary(1), summary(2)));
    expect(after.connection).toBe('open');
    expect(sends(effects)).toEqual([
      {
        type: 'hello',
        chats: expect.arrayContaining([
          { chatId: A, afterSeq: 3 },
          { chatId: B, afterSeq: 3 },
        ]),
      },
    ]);
  });

  it('splits a long resume list into hellos of at most 100 chats', () => {
    const many = Array.from({ length: 150 }, (_, i) => summary(i + 1));
    const [, effects] = run(initialState(), welcome(...many));
    const hellos = sends(effects).filter((f) => f.type === 'hello');
    expect(hellos.map((h) => (h.type === 'hello' ? h.chats?.length : 0))).toEqual([100, 50]);
  });

  it('treats a chat assigned while disconnected as new, and asks about one that went missing', () => {
    let s = connected(1);
    [s] = run(s, { type: 'disconnected', code: 1001 });
    const [after, effects] = run(s, welcome(summary(2), summary(3)));
    expect(effects).toContainEqual({ type: 'newChat', chat: summary(3) });
    expect(after.chats[chatId(3)]!.isNew).toBe(true);
    expect(effects).toContainEqual({ type: 'verify', chatId: A });
    expect(after.chats[A]).toBeDefined();
  });

  it('keeps a chat that turned out closed, removes one that is not ours any more', () => {
    let s = connected(1);
    [s] = run(s, { type: 'disconnected', code: 1001 }, welcome(summary(2)));
    const [closed] = run(s, {
      type: 'verified',
      chatId: A,
      chat: summary(1, { status: 'closed', closedAt: '2026-11-25T11:00:00.000Z' }),
    });
    expect(closed.chats[A]!.summary.status).toBe('closed');
    const [gone, effects] = run(s, {
      type: 'verified',
      chatId: A,
      chat: summary(1, { agentId: OTHER_AGENT }),
    });
    expect(gone.chats[A]).toBeUndefined();
    expect(effects).toContainEqual({ type: 'removed', chat: summary(1) });
  });

  it('resumes a closed chat too: the rating and codes given after the close come later (GOL-1, GOL-2)', () => {
    let s = connected(2);
    [s] = run(s, ev(A, event(3, { type: 'closed', author: 'agent', data: { by: 'agent', name: 'Demo' } })), {
      type: 'disconnected',
      code: 1006,
    });
    const [, effects] = run(s, welcome(summary(2)));
    const hello = sends(effects).find((f) => f.type === 'hello');
    expect(hello).toEqual({
      type: 'hello',
      chats: [
        { chatId: A, afterSeq: 3 },
        { chatId: B, afterSeq: 2 },
      ],
    });
  });
});

describe('chat events', () => {
  it('keeps events by seq: duplicates and old ones are ignored', () => {
    const s = connected(3);
    const [after, effects] = run(s, ev(A, event(2)), ev(A, event(3)), ev(A, event(4)));
    expect(after.chats[A]!.events.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(effects).toEqual([]);
  });

  it('asks for a sync from the last seq it has when it sees a gap, once', () => {
    const s = connected(3);
    const [after, effects] = run(s, ev(A, event(6)), ev(A, event(7)));
    expect(lastSeq(after.chats[A]!)).toBe(3);
    expect(sends(effects)).toEqual([{ type: 'sync', chatId: A, afterSeq: 3 }]);
    // The sync answers in order and fills the gap.
    const [filled] = run(after, ...events(4, 7).map((e) => ev(A, e)));
    expect(lastSeq(filled.chats[A]!)).toBe(7);
    expect(filled.chats[A]!.sync).toBeNull();
  });

  it('asks for a gap after a resume that brought nothing new', () => {
    let s = connected(3);
    [s] = run(
      s,
      { type: 'disconnected', code: 1006 },
      welcome(summary(1, { lastSeq: 3 }), summary(2, { lastSeq: 3 })),
    );
    expect(s.chats[A]!.sync).toBeNull();
    const [, effects] = run(s, ev(A, event(5)));
    expect(sends(effects)).toEqual([{ type: 'sync', chatId: A, afterSeq: 3 }]);
  });

  it('waits for a resume that has more to bring', () => {
    let s = connected(3);
    [s] = run(s, { type: 'disconnected', code: 1006 }, welcome(summary(1, { lastSeq: 6 }), summary(2)));
    expect(s.chats[A]!.sync).toEqual({ from: 3, upTo: 6 });
    [s] = run(s, ...events(4, 6).map((e) => ev(A, e)));
    expect(s.chats[A]!.sync).toBeNull();
  });

  it('ignores events of chats it does not have', () => {
    const s = connected();
    const [after, effects] = run(s, ev(chatId(9), event(1)));
    expect(after).toBe(s);
    expect(effects).toEqual([]);
  });

  it('marks the chat closed when the closed event arrives', () => {
    const [s] = run(connected(1), ev(A, event(2, { type: 'closed', author: 'visitor' })));
    expect(s.chats[A]!.summary.status).toBe('closed');
  });

  it('asks for fresh visitor details when the visitor leaves or comes back', () => {
    const [, effects] = run(
      connected(1),
      ev(A, event(2, { type: 'visitor_left', text: '' })),
      ev(A, event(3, { type: 'visitor_returned', text: '' })),
    );
    expect(effects).toEqual([
      { type: 'detailsChanged', chatId: A },
      { type: 'detailsChanged', chatId: A },
    ]);
  });
});

describe('sending', () => {
  const send = (cid: string, text = 'Hello there'): Action => ({
    type: 'send',
    chatId: A,
    cid,
    text,
    now: '2026-11-25T10:30:00.000Z',
  });

  it('shows a message as pending until acked and in the transcript', () => {
    const [s, effects] = run(connected(2), send('c1', '  Hello there \n'));
    expect(sends(effects)).toEqual([{ type: 'message.send', chatId: A, cid: 'c1', text: 'Hello there' }]);
    expect(visiblePending(s.chats[A]!).map((p) => p.cid)).toEqual(['c1']);
    const [acked] = run(s, frame({ type: 'ack', cid: 'c1', chatId: A, seq: 3 }));
    expect(visiblePending(acked.chats[A]!).map((p) => p.seq)).toEqual([3]);
    const [stored] = run(acked, ev(A, event(3, { author: 'agent', text: 'Hello there' })));
    expect(stored.chats[A]!.pending).toEqual([]);
  });

  it('drops the pending message at once when the event came before the ack', () => {
    const [s] = run(
      connected(2),
      send('c1'),
      ev(A, event(3, { author: 'agent' })),
      frame({ type: 'ack', cid: 'c1', chatId: A, seq: 3 }),
    );
    expect(s.chats[A]!.pending).toEqual([]);
  });

  it('keeps messages written while disconnected and sends them, and unacked ones, after the welcome', () => {
    let s = connected(2);
    [s] = run(s, send('sent-before'), { type: 'disconnected', code: 1006 });
    const [offline, none] = run(s, send('while-away'));
    expect(sends(none)).toEqual([]);
    const [, effects] = run(offline, { type: 'connecting' }, welcome(summary(1), summary(2)));
    const resent = sends(effects).filter((f) => f.type === 'message.send');
    expect(resent.map((f) => (f.type === 'message.send' ? f.cid : ''))).toEqual([
      'sent-before',
      'while-away',
    ]);
  });

  it('does not resend an acked message', () => {
    let s = connected(2);
    [s] = run(s, send('c1'), frame({ type: 'ack', cid: 'c1', chatId: A, seq: 3 }), {
      type: 'disconnected',
      code: 1006,
    });
    const [, effects] = run(s, welcome(summary(1), summary(2)));
    expect(sends(effects).filter((f) => f.type === 'message.send')).toEqual([]);
  });

  it('shows an error on the message it concerns; retry sends the same cid, discard forgets it', () => {
    let s = connected(2);
    [s] = run(
      s,
      send('c1'),
      frame({
        type: 'error',
        code: 'chat_closed',
        message: 'This chat has ended',
        cid: 'c1',
        chatId: A,
      }),
    );
    expect(s.chats[A]!.pending[0]!.error).toBe('This chat has ended');
    // A failed message is not resent by itself on reconnect.
    const [, onWelcome] = run(s, { type: 'disconnected', code: 1006 }, welcome(summary(1), summary(2)));
    expect(sends(onWelcome).filter((f) => f.type === 'message.send')).toEqual([]);
    const [retried, effects] = run(s, { type: 'retry', chatId: A, cid: 'c1' });
    expect(retried.chats[A]!.pending[0]!.error).toBeNull();
    expect(sends(effects)).toEqual([{ type: 'message.send', chatId: A, cid: 'c1', text: 'Hello there' }]);
    const [discarded] = run(s, { type: 'discard', chatId: A, cid: 'c1' });
    expect(discarded.chats[A]!.pending).toEqual([]);
  });

  it('sends a message refused for now only (too fast, database unreachable) again by itself, until acked', () => {
    for (const [code, delayMs] of [
      ['rate_limited', 1000],
      ['unavailable', 2000],
    ] as const) {
      let s = connected(2);
      let effects: Effect[];
      [s, effects] = run(
        s,
        send('c1'),
        frame({ type: 'error', code, message: 'not now', cid: 'c1', chatId: A }),
      );
      expect(s.chats[A]!.pending[0]!.error).toBeNull();
      expect(effects).toContainEqual({ type: 'resendLater', chatId: A, cid: 'c1', delayMs });
      [s, effects] = run(s, { type: 'resend', chatId: A, cid: 'c1' });
      expect(sends(effects)).toEqual([{ type: 'message.send', chatId: A, cid: 'c1', text: 'Hello there' }]);
      // Acked meanwhile, or the socket went down (the welcome resends it): nothing more.
      const [acked] = run(s, frame({ type: 'ack', cid: 'c1', chatId: A, seq: 3 }));
      expect(sends(run(acked, { type: 'resend', chatId: A, cid: 'c1' })[1])).toEqual([]);
      const [down] = run(s, { type: 'disconnected', code: 1013 });
      expect(down.connection).toBe('reconnecting');
      expect(sends(run(down, { type: 'resend', chatId: A, cid: 'c1' })[1])).toEqual([]);
      const [, again] = run(down, { type: 'connecting' }, welcome(summary(1), summary(2)));
      expect(sends(again)).toContainEqual({
        type: 'message.send',
        chatId: A,
        cid: 'c1',
        text: 'Hello there',
      });
    }
  });

  it('puts an error without cid on its chat, and one without chat on the console', () => {
    const [s] = run(
      connected(),
      frame({ type: 'error', code: 'not_found', message: 'Chat not found', chatId: A }),
      frame({ type: 'error', code: 'rate_limited', message: 'Too many frames; slow down' }),
    );
    expect(s.chats[A]!.error).toBe('Chat not found');
    expect(s.notice).toBe('Too many frames; slow down');
  });

  it('refuses empty, too long and closed-chat messages', () => {
    expect(messageProblem('   \n')).not.toBeNull();
    expect(messageProblem('x'.repeat(5001))).toMatch(/5000/);
    expect(messageProblem('ok')).toBeNull();
    const [s, effects] = run(connected(), send('c1', ' '), send('c2', 'x'.repeat(5001)));
    expect(s.chats[A]!.pending).toEqual([]);
    expect(effects).toEqual([]);
    const [closed] = run(connected(), ev(A, event(1, { type: 'closed' })));
    const [after, none] = run(closed, send('c3'));
    expect(after.chats[A]!.pending).toEqual([]);
    expect(none).toEqual([]);
  });
});

describe('unread and read receipts', () => {
  it('counts visitor messages after what the agent has seen', () => {
    let s = connected(3);
    [s] = run(s, ev(A, event(4, { author: 'agent' })), ev(A, event(5, { type: 'visitor_left', text: '' })));
    expect(unreadCount(s.chats[A]!)).toBe(3);
    expect(totalUnread(s)).toBe(6);
    const [read, effects] = run(s, { type: 'markRead', chatId: A });
    expect(unreadCount(read.chats[A]!)).toBe(0);
    expect(totalUnread(read)).toBe(3);
    expect(sends(effects)).toEqual([{ type: 'read', chatId: A, seq: 5 }]);
    // Nothing new: nothing to say.
    expect(run(read, { type: 'markRead', chatId: A })[1]).toEqual([]);
  });

  it('starts from read positions saved by an earlier page load', () => {
    const [s] = run(initialState({ [A]: 2 }), welcome(summary(1)), ...events(1, 3).map((e) => ev(A, e)));
    expect(unreadCount(s.chats[A]!)).toBe(1);
  });

  it('remembers how far the visitor has read, for "Seen"', () => {
    let s = connected(1);
    [s] = run(
      s,
      ev(A, event(2, { author: 'agent' })),
      frame({ type: 'read', chatId: A, seq: 2 }),
      frame({ type: 'read', chatId: A, seq: 1 }),
    );
    expect(s.chats[A]!.visitorReadSeq).toBe(2);
    expect(lastAgentMessageSeq(s.chats[A]!)).toBe(2);
  });
});

describe('chat list', () => {
  it('adds an assigned chat as new, announces it and asks for its transcript', () => {
    const [s, effects] = run(connected(), frame({ type: 'chat.upsert', chat: summary(3) }));
    const c = s.chats[chatId(3)]!;
    expect(c.isNew).toBe(true);
    expect(effects).toEqual([
      { type: 'newChat', chat: summary(3) },
      { type: 'send', frame: { type: 'sync', chatId: chatId(3), afterSeq: 0 } },
    ]);
    const [seen] = run(s, { type: 'select', chatId: chatId(3) });
    expect(seen.chats[chatId(3)]!.isNew).toBe(false);
    expect(seen.selectedId).toBe(chatId(3));
  });

  it('opens the first chat of an empty console at once (it is on screen: not "new")', () => {
    const [s, effects] = run(initialState(), welcome(), frame({ type: 'chat.upsert', chat: summary(1) }));
    expect(s.selectedId).toBe(A);
    expect(s.chats[A]!.isNew).toBe(false);
    expect(effects).toContainEqual({ type: 'newChat', chat: summary(1) });
  });

  it('updates a chat it has without a new-chat alert, and refreshes its details', () => {
    const [s, effects] = run(
      connected(),
      frame({ type: 'chat.upsert', chat: summary(1, { mode: 'nrt', visitorPresent: false }) }),
    );
    expect(s.chats[A]!.summary.mode).toBe('nrt');
    expect(effects).toEqual([{ type: 'detailsChanged', chatId: A }]);
  });

  it('removes a chat taken away and selects the next one', () => {
    let s = connected();
    [s] = run(s, { type: 'select', chatId: B });
    const [after, effects] = run(s, frame({ type: 'chat.removed', chatId: B }));
    expect(after.chats[B]).toBeUndefined();
    expect(after.selectedId).toBe(A);
    expect(effects).toEqual([{ type: 'removed', chat: summary(2) }]);
  });

  it('keeps a closed chat at the bottom until dismissed; open ones cannot be dismissed', () => {
    let s = connected();
    [s] = run(s, frame({ type: 'chat.upsert', chat: summary(3) }));
    expect(chatOrder(s)).toEqual([chatId(3), B, A]);
    [s] = run(s, frame({ type: 'chat.upsert', chat: summary(3, { status: 'closed' }) }));
    expect(chatOrder(s)).toEqual([B, A, chatId(3)]);
    expect(run(s, { type: 'dismiss', chatId: A })[0]).toBe(s);
    const [after] = run(s, { type: 'dismiss', chatId: chatId(3) });
    expect(after.chats[chatId(3)]).toBeUndefined();
  });

  it('shows the sneak preview while the visitor types, and drops it when the message comes', () => {
    let s = connected(1);
    [s] = run(s, frame({ type: 'typing', chatId: A, typing: true, preview: 'I would like' }));
    expect(s.chats[A]!.typing).toBe('I would like');
    [s] = run(s, ev(A, event(2)));
    expect(s.chats[A]!.typing).toBeNull();
    [s] = run(s, frame({ type: 'typing', chatId: A, typing: true, preview: 'x' }), {
      type: 'disconnected',
      code: 1006,
    });
    expect(s.chats[A]!.typing).toBeNull();
  });

  it('previews the last message: pending first, then the transcript, then the summary', () => {
    const s = connected();
    const last = { text: 'From summary', author: 'visitor' as const, at: '2026-11-25T10:00:00.000Z' };
    const [withSummary] = run(s, frame({ type: 'chat.upsert', chat: summary(1, { lastMessage: last }) }));
    expect(lastMessagePreview(withSummary.chats[A]!)).toEqual(last);
    const [withEvents] = run(withSummary, ev(A, event(1, { text: 'From events' })));
    expect(lastMessagePreview(withEvents.chats[A]!)?.text).toBe('From events');
    const [withPending] = run(withEvents, {
      type: 'send',
      chatId: A,
      cid: 'c',
      text: 'Mine',
      now: '2026-11-25T10:01:00.000Z',
    });
    expect(lastMessagePreview(withPending.chats[A]!)).toMatchObject({ text: 'Mine', author: 'agent' });
  });
});

describe('presence and connection', () => {
  it('asks for a presence change and shows what the server says', () => {
    const [s, effects] = run(connected(), { type: 'setPresence', status: 'away' });
    expect(sends(effects)).toEqual([{ type: 'presence.set', status: 'away' }]);
    expect(s.status).toBe('available');
    expect(run(s, frame({ type: 'presence', status: 'away' }))[0].status).toBe('away');
  });

  it('sends nothing while disconnected', () => {
    const [s] = run(connected(), { type: 'disconnected', code: 1006 });
    expect(run(s, { type: 'setPresence', status: 'away' })[1]).toEqual([]);
    expect(run(s, { type: 'closeChat', chatId: A })[1]).toEqual([]);
  });

  it('maps close codes: signed out, blocked, or try again', () => {
    expect(closeOutcome(4001)).toBe('signed-out');
    expect(closeOutcome(4010)).toBe('signed-out');
    expect(closeOutcome(4003)).toBe('blocked');
    for (const code of [1001, 1006, 1011, 4008, 4029]) expect(closeOutcome(code)).toBe('reconnecting');
  });

  it('backs off from half a second to at most ten', () => {
    expect(backoffDelay(0, 0.5)).toBe(500);
    expect(backoffDelay(1, 0.5)).toBe(1000);
    expect(backoffDelay(4, 0.5)).toBe(8000);
    expect(backoffDelay(5, 0.5)).toBe(10_000);
    expect(backoffDelay(50, 1)).toBe(10_000);
    fc.assert(
      fc.property(fc.nat(100), fc.double({ min: 0, max: 1, noNaN: true }), (attempt, r) => {
        const d = backoffDelay(attempt, r);
        expect(d).toBeGreaterThanOrEqual(400);
        expect(d).toBeLessThanOrEqual(10_000);
      }),
    );
  });
});

describe('screen sharing (TLS-5)', () => {
  it('follows whether the visitor shares their screen, and forgets it when the connection goes', () => {
    const state = (s: ConsoleState) => s.chats[A]?.cobrowsing;
    let [s] = run(initialState(), welcome(summary(1)));
    expect(state(s)).toBeFalsy();
    [s] = run(s, frame({ type: 'cobrowse.state', chatId: A, sharing: true }));
    expect(state(s)).toBe(true);
    // Events go to the Screen share section, not into the console's state.
    const [after, effects] = run(s, frame({ type: 'cobrowse.events', chatId: A, data: '[]' }));
    expect(after).toBe(s);
    expect(effects).toEqual([]);
    [s] = run(s, frame({ type: 'cobrowse.state', chatId: A, sharing: true, dropped: true }));
    expect(state(s)).toBe(true);
    [s] = run(s, frame({ type: 'cobrowse.state', chatId: A, sharing: false, reason: 'stopped' }));
    expect(state(s)).toBe(false);
    [s] = run(s, frame({ type: 'cobrowse.state', chatId: A, sharing: true }), {
      type: 'disconnected',
      code: 1006,
    });
    expect(state(s)).toBe(false);
  });
});
