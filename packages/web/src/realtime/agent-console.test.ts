import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AgentClientFrame, AgentServerFrame } from '@parley/protocol';
import { AgentConsole, type SocketLike } from './agent-console';
import { TypingSignal, TYPING_IDLE_MS, TYPING_KEEPALIVE_MS } from './typing';
import { chatId, event, ME, summary } from './fixtures';

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: AgentClientFrame[] = [];
  closedWith: number | undefined;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: { code: number }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;

  constructor(readonly url: string) {}

  send(data: string) {
    this.sent.push(JSON.parse(data) as AgentClientFrame);
  }
  close(code?: number) {
    this.closedWith = code;
    this.readyState = 3;
  }
  // ---- the server side
  open() {
    this.readyState = 1;
  }
  deliver(frame: AgentServerFrame | string) {
    this.onmessage?.({ data: typeof frame === 'string' ? frame : JSON.stringify(frame) });
  }
  drop(code: number) {
    this.readyState = 3;
    this.onclose?.({ code });
  }
}

const A = chatId(1);

function setup(hooks: ConstructorParameters<typeof AgentConsole>[0]['hooks'] = {}) {
  const sockets: FakeSocket[] = [];
  const console = new AgentConsole({
    url: 'ws://test/ws/agent',
    hooks,
    createSocket: (url) => {
      const s = new FakeSocket(url);
      sockets.push(s);
      return s;
    },
    random: () => 0.5,
  });
  const last = () => sockets[sockets.length - 1]!;
  const welcome = (chats = [summary(1)]) => {
    last().open();
    last().deliver({ type: 'welcome', userId: ME, status: 'available', chats });
  };
  return { console, sockets, last, welcome };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('AgentConsole', () => {
  it('connects, resumes chats and notifies subscribers', () => {
    const { console, last, welcome } = setup();
    const seen: string[] = [];
    console.subscribe(() => seen.push(console.getState().connection));
    console.start();
    expect(last().url).toBe('ws://test/ws/agent');
    welcome();
    expect(console.getState().connection).toBe('open');
    expect(seen).toContain('open');
    expect(last().sent).toEqual([{ type: 'hello', chats: [{ chatId: A, afterSeq: 0 }] }]);
  });

  it('ignores frames it does not understand', () => {
    const warn = vi.spyOn(globalThis.console, 'warn').mockImplementation(() => undefined);
    const { console, last, welcome } = setup();
    console.start();
    welcome();
    const before = console.getState();
    last().deliver('not json');
    last().deliver(JSON.stringify({ type: 'chat.event', chatId: A, event: { seq: 'x' } }));
    expect(console.getState()).toBe(before);
    expect(warn).toHaveBeenCalledTimes(1);
    warn.mockRestore();
  });

  it('reconnects with backoff after a drop, resuming from the last seq and resending unacked messages', () => {
    const { console, sockets, last, welcome } = setup();
    console.start();
    welcome();
    last().deliver({ type: 'chat.event', chatId: A, event: event(1) });
    last().deliver({ type: 'chat.event', chatId: A, event: event(2) });
    const cid = console.sendMessage(A, 'Are you there?');
    last().drop(1006);
    expect(console.getState().connection).toBe('reconnecting');
    expect(console.getState().status).toBe('offline');
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(499);
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(2);
    // The second try fails too: the wait doubles.
    last().drop(1006);
    vi.advanceTimersByTime(999);
    expect(sockets).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(3);
    welcome();
    expect(last().sent).toEqual([
      { type: 'hello', chats: [{ chatId: A, afterSeq: 2 }] },
      { type: 'message.send', chatId: A, cid, text: 'Are you there?' },
    ]);
    // A welcome resets the backoff.
    last().drop(1001);
    vi.advanceTimersByTime(500);
    expect(sockets).toHaveLength(4);
  });

  it('sends a message the server could not store (database unreachable) again after a moment, same cid', () => {
    const { console, last, welcome } = setup();
    console.start();
    welcome();
    const cid = console.sendMessage(A, 'During the outage');
    last().sent = [];
    last().deliver({ type: 'error', code: 'unavailable', message: 'try again', cid, chatId: A });
    expect(console.getState().chats[A]!.pending[0]!.error).toBeNull();
    vi.advanceTimersByTime(1999); // 2 s, jittered by random() = 0.5 to exactly 2 s
    expect(last().sent).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(last().sent).toEqual([{ type: 'message.send', chatId: A, cid, text: 'During the outage' }]);
    last().deliver({ type: 'ack', cid, chatId: A, seq: 1 });
    expect(console.getState().chats[A]!.pending[0]!.seq).toBe(1);
  });

  it('reconnects when the server says "try again later" (1013)', () => {
    const { console, sockets, last, welcome } = setup();
    console.start();
    welcome();
    last().drop(1013);
    expect(console.getState().connection).toBe('reconnecting');
    vi.advanceTimersByTime(500);
    expect(sockets).toHaveLength(2);
  });

  it('stops for good when signed out or blocked', () => {
    for (const [code, state] of [
      [4001, 'signed-out'],
      [4010, 'signed-out'],
      [4003, 'blocked'],
    ] as const) {
      const { console, sockets, last, welcome } = setup();
      console.start();
      welcome();
      last().drop(code);
      expect(console.getState().connection).toBe(state);
      vi.advanceTimersByTime(60_000);
      expect(sockets).toHaveLength(1);
      expect(console.isRunning).toBe(false);
    }
  });

  it('closes on stop, keeps the chats, and resumes from them on the next start', () => {
    const { console, sockets, last, welcome } = setup();
    console.start();
    welcome();
    last().deliver({ type: 'chat.event', chatId: A, event: event(1) });
    const first = last();
    console.stop();
    expect(first.closedWith).toBe(1000);
    expect(console.getState().connection).toBe('stopped');
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(1);
    console.start();
    expect(console.getState().connection).toBe('connecting');
    welcome();
    expect(last().sent[0]).toEqual({ type: 'hello', chats: [{ chatId: A, afterSeq: 1 }] });
  });

  it('announces a new chat and verifies chats missing after a reconnect', async () => {
    const onNewChat = vi.fn();
    const verify = vi.fn(async () => null);
    const onRemoved = vi.fn();
    const { console, last, welcome } = setup({ onNewChat, verify, onRemoved });
    console.start();
    welcome();
    last().deliver({ type: 'chat.upsert', chat: summary(2) });
    expect(onNewChat).toHaveBeenCalledWith(summary(2));
    expect(last().sent.at(-1)).toEqual({ type: 'sync', chatId: chatId(2), afterSeq: 0 });
    last().drop(1006);
    vi.advanceTimersByTime(500);
    welcome([summary(2)]);
    expect(verify).toHaveBeenCalledWith(A);
    await vi.waitFor(() => expect(onRemoved).toHaveBeenCalled());
    expect(console.getState().chats[A]).toBeUndefined();
  });

  it('tells about a chat taken away, but not about one the agent handed over', () => {
    const onRemoved = vi.fn();
    const { console, last, welcome } = setup({ onRemoved });
    console.start();
    welcome([summary(1), summary(2)]);
    console.handedOver.add(A);
    last().deliver({ type: 'chat.removed', chatId: A });
    expect(onRemoved).not.toHaveBeenCalled();
    last().deliver({ type: 'chat.removed', chatId: chatId(2) });
    expect(onRemoved).toHaveBeenCalledWith(summary(2));
    expect(Object.keys(console.getState().chats)).toEqual([]);
  });

  it('throttles the typing indicator and says when it stops', () => {
    const { console, last, welcome } = setup();
    console.start();
    welcome();
    last().sent = [];
    console.typing(A, 'H');
    console.typing(A, 'He');
    console.typing(A, 'Hel');
    expect(last().sent).toEqual([{ type: 'typing', chatId: A, typing: true }]);
    console.sendMessage(A, 'Hello');
    expect(last().sent.map((f) => f.type)).toEqual(['typing', 'typing', 'message.send']);
    expect(last().sent[1]).toEqual({ type: 'typing', chatId: A, typing: false });
  });
});

describe('TypingSignal', () => {
  it('says typing once, again every few seconds while it goes on, and stops after a pause', () => {
    const sent: boolean[] = [];
    const t = new TypingSignal((typing) => sent.push(typing));
    t.input('a');
    vi.advanceTimersByTime(1000);
    t.input('ab');
    expect(sent).toEqual([true]);
    vi.advanceTimersByTime(TYPING_KEEPALIVE_MS);
    t.input('abc');
    expect(sent).toEqual([true, true]);
    vi.advanceTimersByTime(TYPING_IDLE_MS);
    expect(sent).toEqual([true, true, false]);
  });

  it('stops when the text is cleared, once', () => {
    const sent: boolean[] = [];
    const t = new TypingSignal((typing) => sent.push(typing));
    t.input('a');
    t.input('');
    t.stop();
    vi.advanceTimersByTime(TYPING_IDLE_MS * 2);
    expect(sent).toEqual([true, false]);
  });
});
