import { describe, expect, it } from 'vitest';
import { events, summary } from '../../realtime/fixtures';
import { initialState, type ChatState, type ConsoleState } from '../../realtime/state';
import { announcement } from './announce';

function chat(n: number, over: Partial<ChatState> = {}): ChatState {
  return {
    summary: summary(n),
    events: [],
    sync: null,
    pending: [],
    readSeq: 0,
    visitorReadSeq: 0,
    typing: null,
    isNew: false,
    error: null,
    ...over,
  };
}

function state(chats: ChatState[], selectedId: string | null = null): ConsoleState {
  return {
    ...initialState(),
    connection: 'open',
    chats: Object.fromEntries(chats.map((c) => [c.summary.id, c])),
    selectedId,
  };
}

describe('what the console says to a screen reader', () => {
  it('a new chat, once', () => {
    const before = state([]);
    const after = state([chat(1, { isNew: true })]);
    expect(announcement(before, after)).toBe('New chat from Visitor 1.');
    // Its transcript arriving afterwards is not news.
    expect(announcement(after, state([chat(1, { isNew: true, events: events(1, 3) })]))).toBeNull();
  });

  it('one sentence for messages in a chat that is not open, none for the open one', () => {
    const one = chat(1, { events: events(1, 2) });
    const two = chat(2, { events: events(1, 2) });
    const before = state([one, two], one.summary.id);
    const after = state(
      [
        { ...one, events: events(1, 3) },
        { ...two, events: events(1, 3) },
      ],
      one.summary.id,
    );
    expect(announcement(before, after)).toBe('New message from Visitor 2.');
    const more = state([one, { ...two, events: events(1, 5) }], one.summary.id);
    expect(announcement(before, more)).toBe('3 new messages from Visitor 2.');
  });

  it('nothing for the agent’s own messages, events or chats from a reconnect', () => {
    const one = chat(1, { events: events(1, 2) });
    const before = state([one]);
    expect(announcement(before, state([{ ...one, events: events(1, 3, { author: 'agent' }) }]))).toBeNull();
    expect(
      announcement(
        before,
        state([{ ...one, events: [...events(1, 2), ...events(3, 3, { type: 'visitor_left' })] }]),
      ),
    ).toBeNull();
    expect(announcement(state([]), state([chat(2)]))).toBeNull();
  });
});
