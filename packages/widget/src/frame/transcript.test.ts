import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ChatEvent, VisitorChatView, VisitorServerFrame } from '@parley/protocol';
import {
  emptyTranscript,
  hasGap,
  hasOpenChat,
  mergeEvent,
  onServerFrame,
  onWelcome,
  openChatId,
  RECENT_CLOSED_MS,
  refusedStart,
  releaseHeld,
  isRetryable,
  resendPending,
  resumeList,
  sendMessage,
  sendOffline,
  startOver,
  startWithoutMessage,
  unreadCount,
  visiblePending,
  type ChatRecord,
  type Transcript,
} from './transcript';

const CHAT = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';
const NOW = Date.parse('2026-11-25T12:00:00Z');

function ev(seq: number, over: Partial<ChatEvent> = {}): ChatEvent {
  return {
    seq,
    type: 'text',
    author: 'agent',
    authorName: 'Bob',
    userId: null,
    text: `message ${seq}`,
    file: null,
    data: {},
    createdAt: new Date(NOW).toISOString(),
    ...over,
  };
}

function view(id: string, over: Partial<VisitorChatView> = {}): VisitorChatView {
  return {
    id,
    status: 'active',
    mode: 'live',
    agent: null,
    queuePosition: null,
    offlineMessage: false,
    lastSeq: 0,
    startedAt: new Date(NOW - 60_000).toISOString(),
    closedAt: null,
    survey: null,
    ...over,
  };
}

type Welcome = Extract<VisitorServerFrame, { type: 'welcome' }>;
const welcome = (chats: VisitorChatView[], previousChats = 0): Welcome => ({
  type: 'welcome',
  visitorId: '33333333-3333-4333-8333-333333333333',
  chats,
  previousChats,
});

const event = (chatId: string, e: ChatEvent): VisitorServerFrame => ({
  type: 'chat.event',
  chatId,
  event: e,
});
const rec = (t: Transcript, id = CHAT) => t.chats[id] as ChatRecord;

/** Applies frames one after another, collecting what would be sent. */
function run(t: Transcript, frames: VisitorServerFrame[]) {
  const sent: unknown[] = [];
  for (const f of frames) {
    const step = onServerFrame(t, f);
    t = step.state;
    sent.push(...step.send);
  }
  return { t, sent };
}

/** A transcript with one open chat, as after a welcome. */
function withChat(): Transcript {
  return onWelcome(emptyTranscript(), welcome([view(CHAT)]), NOW).state;
}

describe('mergeEvent', () => {
  const empty: ChatRecord = { view: null, events: [], have: 0, syncFrom: null };

  it('keeps events in seq order and advances have over contiguous ones', () => {
    let r = mergeEvent(empty, ev(1));
    r = mergeEvent(r, ev(3));
    expect(r.have).toBe(1);
    expect(hasGap(r)).toBe(true);
    r = mergeEvent(r, ev(2));
    expect(r.events.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(r.have).toBe(3);
    expect(hasGap(r)).toBe(false);
  });

  it('ignores duplicates and what is already held', () => {
    const r = mergeEvent(mergeEvent(empty, ev(1)), ev(2));
    expect(mergeEvent(r, ev(2, { text: 'again' }))).toBe(r);
    expect(mergeEvent(r, ev(1))).toBe(r);
    const gap = mergeEvent(r, ev(5));
    expect(mergeEvent(gap, ev(5))).toBe(gap);
  });

  it('any order and any repetition of deliveries gives the same transcript', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }).chain((n) =>
          fc.tuple(
            fc.constant(n),
            fc.shuffledSubarray(
              Array.from({ length: n * 2 }, (_, i) => (i % n) + 1),
              { minLength: n * 2, maxLength: n * 2 },
            ),
          ),
        ),
        ([n, order]) => {
          let r = empty;
          for (const seq of order) r = mergeEvent(r, ev(seq));
          expect(r.events.map((e) => e.seq)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
          expect(r.have).toBe(n);
        },
      ),
    );
  });

  it('have never passes a missing seq', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 40 }), { maxLength: 40 }), (seqs) => {
        let r = empty;
        for (const seq of seqs) r = mergeEvent(r, ev(seq));
        const held = new Set(seqs);
        for (let s = 1; s <= r.have; s++) expect(held.has(s)).toBe(true);
        expect(held.has(r.have + 1)).toBe(false);
      }),
    );
  });
});

describe('welcome', () => {
  it('asks for the transcript of every chat it does not have', () => {
    const step = onWelcome(emptyTranscript(), welcome([view(CHAT, { lastSeq: 4 })], 2), NOW);
    expect(step.send).toEqual([{ type: 'sync', chatId: CHAT, afterSeq: 0 }]);
    expect(step.state.current).toBe(CHAT);
    expect(step.state.previousChats).toBe(2);
  });

  it('does not sync chats the hello resumed', () => {
    let t = withChat();
    t = run(t, [event(CHAT, ev(1)), event(CHAT, ev(2))]).t;
    expect(resumeList(t)).toEqual([{ chatId: CHAT, afterSeq: 2 }]);
    const step = onWelcome(t, welcome([view(CHAT, { lastSeq: 5 })]), NOW);
    expect(step.send).toEqual([]);
    expect(rec(step.state).events).toHaveLength(2);
  });

  it('shows a recently closed chat, but starts fresh after an old one', () => {
    const recent = view(CHAT, { status: 'closed', closedAt: new Date(NOW - 60_000).toISOString() });
    expect(onWelcome(emptyTranscript(), welcome([recent]), NOW).state.current).toBe(CHAT);
    const old = view(CHAT, {
      status: 'closed',
      closedAt: new Date(NOW - RECENT_CLOSED_MS - 1).toISOString(),
    });
    expect(onWelcome(emptyTranscript(), welcome([old]), NOW).state.current).toBeNull();
  });

  it('prefers the open chat over a closed one', () => {
    const closed = view(OTHER, { status: 'closed', closedAt: new Date(NOW).toISOString() });
    const t = onWelcome(emptyTranscript(), welcome([closed, view(CHAT)]), NOW).state;
    expect(t.current).toBe(CHAT);
    expect(openChatId(t)).toBe(CHAT);
  });
});

describe('sending', () => {
  it('starts a chat with the first message, pending until acknowledged', () => {
    let step = sendMessage(emptyTranscript(), 'c1', 'Hello', false);
    expect(step.send).toEqual([{ type: 'chat.start', cid: 'c1', text: 'Hello' }]);
    expect(visiblePending(step.state)).toMatchObject([{ cid: 'c1', ackSeq: null }]);

    step = onServerFrame(step.state, { type: 'ack', cid: 'c1', chatId: CHAT, seq: 2 });
    expect(step.state.current).toBe(CHAT);
    expect(step.state.pending).toMatchObject([{ cid: 'c1', chatId: CHAT, ackSeq: 2 }]);
    // Its events may have been published before this socket followed the new chat.
    expect(step.send).toEqual([{ type: 'sync', chatId: CHAT, afterSeq: 0 }]);

    const done = run(step.state, [
      { type: 'chat.state', chat: view(CHAT, { status: 'queued', lastSeq: 2, queuePosition: 1 }) },
      event(CHAT, ev(1, { type: 'started', author: 'system' })),
      event(CHAT, ev(2, { author: 'visitor', text: 'Hello' })),
    ]);
    expect(done.sent).toEqual([]);
    expect(done.t.pending).toEqual([]);
    expect(rec(done.t).events.map((e) => e.seq)).toEqual([1, 2]);
  });

  it('drops the pending message when its event arrived before the ack', () => {
    let t = withChat();
    const step = sendMessage(t, 'c2', 'Hi', false);
    expect(step.send).toEqual([{ type: 'message.send', chatId: CHAT, cid: 'c2', text: 'Hi' }]);
    t = run(step.state, [
      event(CHAT, ev(1, { author: 'visitor', text: 'Hi' })),
      { type: 'ack', cid: 'c2', chatId: CHAT, seq: 1 },
    ]).t;
    expect(t.pending).toEqual([]);
  });

  it('messages written while the chat starts follow it once it exists', () => {
    let step = sendMessage(emptyTranscript(), 'c1', 'one', false);
    step = sendMessage(step.state, 'c2', 'two', false);
    expect(step.send).toEqual([]);
    step = onServerFrame(step.state, { type: 'ack', cid: 'c1', chatId: CHAT, seq: 2 });
    expect(step.send).toContainEqual({ type: 'message.send', chatId: CHAT, cid: 'c2', text: 'two' });
    expect(visiblePending(step.state).map((p) => p.text)).toEqual(['one', 'two']);
  });

  it('resends what was not acknowledged after a reconnect, with the same cid', () => {
    let t = withChat();
    t = sendMessage(t, 'a', 'first', false).state;
    t = sendMessage(t, 'b', 'second', false).state;
    t = onServerFrame(t, { type: 'ack', cid: 'a', chatId: CHAT, seq: 1 }).state;
    const step = onWelcome(t, welcome([view(CHAT)]), NOW);
    expect(step.send).toEqual([{ type: 'message.send', chatId: CHAT, cid: 'b', text: 'second' }]);
  });

  it('resends an unacknowledged chat.start with its cid', () => {
    const t = sendMessage(emptyTranscript(), 'c1', 'Hello', false).state;
    expect(onWelcome(t, welcome([]), NOW).send).toEqual([{ type: 'chat.start', cid: 'c1', text: 'Hello' }]);
  });

  it('marks a refused message as failed and does not resend it', () => {
    let t = withChat();
    t = sendMessage(t, 'x', 'too late', false).state;
    t = onServerFrame(t, {
      type: 'error',
      code: 'chat_closed',
      message: 'This chat has ended',
      cid: 'x',
    }).state;
    expect(t.pending[0]?.error).toBe('This chat has ended');
    expect(onWelcome(t, welcome([view(CHAT)]), NOW).send).toEqual([]);
  });

  it('keeps a message refused as sent too fast pending, and sends it again (nothing lost)', () => {
    let t = withChat();
    t = sendMessage(t, 'x', 'quick', false).state;
    t = onServerFrame(t, {
      type: 'error',
      code: 'rate_limited',
      message: 'Too many frames; slow down',
      cid: 'x',
      chatId: CHAT,
    }).state;
    expect(t.pending[0]?.error).toBeNull();
    expect(resendPending(t, 'x').send).toEqual([
      { type: 'message.send', chatId: CHAT, cid: 'x', text: 'quick' },
    ]);
    t = onServerFrame(t, { type: 'ack', cid: 'x', chatId: CHAT, seq: 9 }).state;
    expect(resendPending(t, 'x').send).toEqual([]);
    expect(resendPending(t, 'unknown').send).toEqual([]);
  });

  it('keeps a message the server could not store (database unreachable) pending, and sends it again', () => {
    let t = withChat();
    t = sendMessage(t, 'x', 'during the outage', false).state;
    t = onServerFrame(t, {
      type: 'error',
      code: 'unavailable',
      message: 'The service cannot reach its database right now; try again in a moment',
      cid: 'x',
      chatId: CHAT,
    }).state;
    expect(t.pending[0]?.error).toBeNull();
    expect(resendPending(t, 'x').send).toEqual([
      { type: 'message.send', chatId: CHAT, cid: 'x', text: 'during the outage' },
    ]);
    // A chat that could not be started yet is started again, with the same cid.
    let s = sendMessage(emptyTranscript(), 's', 'first words', false).state;
    s = onServerFrame(s, { type: 'error', code: 'unavailable', message: 'later', cid: 's' }).state;
    expect(resendPending(s, 's').send).toEqual([{ type: 'chat.start', cid: 's', text: 'first words' }]);
    expect(isRetryable('unavailable') && isRetryable('rate_limited') && !isRetryable('internal')).toBe(true);
  });
});

describe('pre-chat information', () => {
  it('holds the first message until the visitor confirms', () => {
    let step = sendMessage(emptyTranscript(), 'c1', 'Question', true);
    expect(step.send).toEqual([]);
    step = sendMessage(step.state, 'c2', 'More', true);
    expect(step.state.pending.every((p) => p.held)).toBe(true);
    expect(onWelcome(step.state, welcome([]), NOW).send).toEqual([]);

    step = releaseHeld(step.state);
    expect(step.send).toEqual([{ type: 'chat.start', cid: 'c1', text: 'Question' }]);
    expect(step.state.previousChats).toBe(1);
    step = onServerFrame(step.state, { type: 'ack', cid: 'c1', chatId: CHAT, seq: 2 });
    expect(step.send).toContainEqual({ type: 'message.send', chatId: CHAT, cid: 'c2', text: 'More' });
  });
});

describe('gaps', () => {
  it('asks once for what is missing, from the last contiguous seq', () => {
    let t = withChat();
    const r = run(t, [event(CHAT, ev(1)), event(CHAT, ev(4)), event(CHAT, ev(5))]);
    expect(r.sent).toEqual([{ type: 'sync', chatId: CHAT, afterSeq: 1 }]);
    t = run(r.t, [event(CHAT, ev(2)), event(CHAT, ev(3)), event(CHAT, ev(4))]).t;
    expect(rec(t).have).toBe(5);
    expect(rec(t).events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    // A later gap is asked for again.
    expect(run(t, [event(CHAT, ev(7))]).sent).toEqual([{ type: 'sync', chatId: CHAT, afterSeq: 5 }]);
  });

  it('forgets a chat the server does not know for this visitor', () => {
    let t = run(withChat(), [event(CHAT, ev(1))]).t;
    t = run(t, [{ type: 'error', code: 'not_found', message: 'Chat not found', chatId: CHAT }]).t;
    expect(t.chats[CHAT]).toBeUndefined();
    expect(t.current).toBeNull();
  });

  it('fetches a chat it meets for the first time in the middle', () => {
    const r = run(emptyTranscript(), [event(OTHER, ev(3))]);
    expect(r.sent).toEqual([{ type: 'sync', chatId: OTHER, afterSeq: 0 }]);
  });
});

describe('chat state, typing and the end', () => {
  it('does not fetch a chat twice while starting one here', () => {
    let step = sendMessage(emptyTranscript(), 'c1', 'Hello', false);
    step = onServerFrame(step.state, { type: 'chat.state', chat: view(CHAT, { lastSeq: 1 }) });
    expect(step.send).toEqual([]);
    step = onServerFrame(step.state, { type: 'ack', cid: 'c1', chatId: CHAT, seq: 2 });
    expect(step.send).toEqual([{ type: 'sync', chatId: CHAT, afterSeq: 0 }]);
    expect(step.state.current).toBe(CHAT);
  });

  it('follows a chat started in another tab', () => {
    const r = run(emptyTranscript(), [{ type: 'chat.state', chat: view(CHAT, { lastSeq: 2 }) }]);
    expect(r.t.current).toBe(CHAT);
    expect(r.sent).toEqual([{ type: 'sync', chatId: CHAT, afterSeq: 0 }]);
    expect(hasOpenChat(r.t)).toBe(true);
  });

  it('shows typing until the agent stops or their message arrives', () => {
    let t = withChat();
    t = run(t, [{ type: 'typing', chatId: CHAT, typing: true, name: 'Bob' }]).t;
    expect(t.typing).toEqual({ chatId: CHAT, name: 'Bob' });
    t = run(t, [event(CHAT, ev(1))]).t;
    expect(t.typing).toBeNull();
    t = run(t, [
      { type: 'typing', chatId: CHAT, typing: true, name: 'Bob' },
      { type: 'typing', chatId: CHAT, typing: false, name: 'Bob' },
    ]).t;
    expect(t.typing).toBeNull();
  });

  it('a closed chat takes no messages; "Start a new chat" starts another', () => {
    let t = withChat();
    t = run(t, [
      event(CHAT, ev(1, { type: 'closed', author: 'agent', data: { by: 'agent' } })),
      { type: 'chat.state', chat: view(CHAT, { status: 'closed', closedAt: new Date(NOW).toISOString() }) },
    ]).t;
    expect(openChatId(t)).toBeNull();
    expect(hasOpenChat(t)).toBe(false);
    t = startOver(t);
    expect(t.current).toBeNull();
    const step = sendMessage(t, 'n1', 'Again', false);
    expect(step.send).toEqual([{ type: 'chat.start', cid: 'n1', text: 'Again' }]);
  });
});

describe('unreadCount', () => {
  it('counts company messages after the read mark', () => {
    let t = withChat();
    t = run(t, [
      event(CHAT, ev(1, { type: 'started', author: 'system' })),
      event(CHAT, ev(2, { author: 'visitor' })),
      event(CHAT, ev(3)),
      event(CHAT, ev(4, { type: 'agent_joined' })),
      event(CHAT, ev(5, { type: 'file' })),
      event(CHAT, ev(6, { author: 'system' })),
    ]).t;
    expect(unreadCount(rec(t), 0)).toBe(3);
    expect(unreadCount(rec(t), 5)).toBe(1);
    expect(unreadCount(null, 0)).toBe(0);
  });
});

describe('INV-2 the offline message', () => {
  const form = { name: ' Vera ', email: ' vera@example.com ', message: 'Call me back' };

  it('is pending like a chat start, then the chat it made is current', () => {
    let step = sendOffline(emptyTranscript(), 'o1', form);
    expect(step.send).toEqual([
      { type: 'offline.send', cid: 'o1', name: 'Vera', email: 'vera@example.com', message: 'Call me back' },
    ]);
    expect(visiblePending(step.state)).toMatchObject([{ cid: 'o1', start: true, offline: { name: 'Vera' } }]);
    step = onServerFrame(step.state, { type: 'ack', cid: 'o1', chatId: CHAT, seq: 2 });
    expect(step.state.current).toBe(CHAT);
  });

  it('goes again as offline.send after a reconnect, not as a chat start', () => {
    const t = sendOffline(emptyTranscript(), 'o1', form).state;
    expect(resendPending(t, 'o1').send).toEqual([
      { type: 'offline.send', cid: 'o1', name: 'Vera', email: 'vera@example.com', message: 'Call me back' },
    ]);
    expect(onWelcome(t, welcome([]), NOW).send).toContainEqual(
      expect.objectContaining({ type: 'offline.send', cid: 'o1' }),
    );
  });

  it('a refusal takes it back to the form: nothing stays pending', () => {
    const t = sendOffline(emptyTranscript(), 'o1', { ...form, email: 'x' }).state;
    const step = onServerFrame(t, {
      type: 'error',
      code: 'bad_frame',
      message: 'The offline form has errors',
      cid: 'o1',
      fields: { email: 'offlineEmailInvalid' },
    });
    expect(step.state.pending).toEqual([]);
  });
});

describe('INV-2 a start the server refused because nobody can take it', () => {
  it.each<[string, (t: Transcript) => Transcript, string, string[] | null, number]>([
    ['a start alone', (t) => sendMessage(t, 's1', 'Hello', false).state, 's1', ['Hello'], 0],
    [
      'a start and the messages typed after it',
      (t) => sendMessage(sendMessage(t, 's1', 'Hello', false).state, 'm2', 'Anyone?', false).state,
      's1',
      ['Hello', 'Anyone?'],
      0,
    ],
    ['a greeting accepted (no text)', (t) => startWithoutMessage(t, 'g1').state, 'g1', [], 0],
    ['another cid', (t) => sendMessage(t, 's1', 'Hello', false).state, 'zz', null, 1],
    [
      'an offline message is not a start',
      (t) => sendOffline(t, 'o1', { name: '', email: '', message: 'Hi' }).state,
      'o1',
      null,
      1,
    ],
  ])('%s', (_name, make, cid, texts, left) => {
    const t = make(emptyTranscript());
    const refused = refusedStart(t, cid);
    if (texts === null) {
      expect(refused).toBeNull();
      expect(t.pending).toHaveLength(left);
      return;
    }
    expect(refused!.texts).toEqual(texts);
    expect(refused!.state.pending).toHaveLength(left);
  });

  it('a message into an open chat is not taken', () => {
    let t = withChat();
    t = sendMessage(t, 'm1', 'still here', false).state;
    expect(refusedStart(t, 'm1')).toBeNull();
  });
});

describe('INV-3: a Yes/No greeting accepted starts the chat before any message', () => {
  it('sends chat.start without text, once; a message typed meanwhile follows the start', () => {
    let step = startWithoutMessage(emptyTranscript(), 'g1');
    expect(step.send).toEqual([{ type: 'chat.start', cid: 'g1' }]);
    // Accepting again while it starts does nothing.
    expect(startWithoutMessage(step.state, 'g2').send).toEqual([]);
    step = sendMessage(step.state, 'm1', 'Hello', false);
    expect(step.send).toEqual([]);
    step = onServerFrame(step.state, { type: 'ack', cid: 'g1', chatId: CHAT, seq: 1 });
    expect(step.state.current).toBe(CHAT);
    expect(step.send).toContainEqual({ type: 'message.send', chatId: CHAT, cid: 'm1', text: 'Hello' });
    // Sent again (refused for a moment), still without text.
    const again = resendPending(startWithoutMessage(emptyTranscript(), 'g3').state, 'g3');
    expect(again.send).toContainEqual({ type: 'chat.start', cid: 'g3' });
  });
});
