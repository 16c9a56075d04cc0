import {
  AgentServerFrame,
  type AgentChatSummary,
  type AgentClientFrame,
  type LiveVisitor,
} from '@parley/protocol';
import { newCid } from './cid';
import { backoffDelay, initialState, reduce, type Action, type ConsoleState, type Effect } from './state';
import { TypingSignal, type Timers } from './typing';

/** The part of a browser WebSocket the console uses (tests give a fake one). */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}

const OPEN = 1;

/** TLS-5: what the Screen share section is told of a chat's shared screen. */
export interface CobrowseWatcher {
  /** A batch of recorded events: the JSON text of an array of rrweb events. */
  events(data: string): void;
  state(frame: Extract<AgentServerFrame, { type: 'cobrowse.state' }>): void;
}

export interface ConsoleHooks {
  /** A chat was assigned while the console is open: sound, desktop notification. */
  onNewChat?(chat: AgentChatSummary): void;
  onDetailsChanged?(chatId: string): void;
  /** The chat was taken away (transferred). */
  onRemoved?(chat: AgentChatSummary): void;
  /** What became of a chat missing from a welcome: null = not ours any more; throw when unknown. */
  verify?(chatId: string): Promise<AgentChatSummary | null>;
}

export interface AgentConsoleOptions {
  url: string | (() => string);
  hooks?: ConsoleHooks;
  createSocket?: (url: string) => SocketLike;
  /** Where the agent's read positions survive a page load; none in tests. */
  storage?: Pick<Storage, 'getItem' | 'setItem'> | null;
  storageKey?: string;
  timers?: Timers;
  random?: () => number;
}

/**
 * The agent console's socket client (/ws/agent): one connection, reconnecting with backoff, holding every
 * chat's state in memory. The state changes only through the pure `reduce`; this class runs its effects.
 * Subscribe with `useSyncExternalStore(console.subscribe, console.getState)`.
 */
export class AgentConsole {
  private state: ConsoleState;
  private readonly listeners = new Set<() => void>();
  private socket: SocketLike | null = null;
  private attempt = 0;
  private retryTimer: unknown = null;
  private running = false;
  private readonly typingSignals = new Map<string, TypingSignal>();
  private readonly timers: Timers;
  /** Unsent text per chat, kept while the agent is in another chat or page. */
  readonly drafts = new Map<string, string>();
  /** Chats the agent is handing over themselves: their removal needs no "no longer yours" notice. */
  readonly handedOver = new Set<string>();
  /** TLS-6: who shows the Visitors list (its rows come over the socket only while someone watches). */
  private readonly visitorWatchers = new Set<(visitor: LiveVisitor) => void>();
  /** TLS-5: who shows a chat's shared screen (its events come over the socket only while someone watches). */
  private readonly cobrowseWatchers = new Map<string, Set<CobrowseWatcher>>();

  constructor(private readonly opts: AgentConsoleOptions) {
    this.timers = opts.timers ?? {
      now: () => Date.now(),
      setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
      clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
    };
    this.state = initialState(this.loadReads());
  }

  readonly getState = (): ConsoleState => this.state;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  get isRunning(): boolean {
    return this.running;
  }

  /** Connects (the console page opened). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.attempt = 0;
    this.connect();
  }

  /** Disconnects on purpose (the console page closed); the chats stay in memory for the next start. */
  stop(): void {
    if (!this.running) return;
    this.running = false;
    this.clearRetry();
    for (const t of this.typingSignals.values()) t.stop();
    this.typingSignals.clear();
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      socket.onmessage = socket.onclose = socket.onerror = null;
      socket.close(1000, 'console closed');
    }
    this.dispatch({ type: 'stopped' });
  }

  /** Tries again now instead of waiting for the backoff (the browser is back online). */
  reconnectNow(): void {
    if (!this.running || this.socket) return;
    this.attempt = 0;
    this.connect();
  }

  dispatch(action: Action): void {
    const [next, effects] = reduce(this.state, action);
    if (next !== this.state) {
      this.state = next;
      for (const l of [...this.listeners]) l();
    }
    for (const e of effects) this.run(e);
  }

  // -------------------------------------------------------------------------------------- agent actions

  /** Sends a message; returns its cid (it shows as pending until acknowledged). */
  sendMessage(chatId: string, text: string): string {
    const cid = newCid();
    this.typingSignals.get(chatId)?.stop();
    this.dispatch({ type: 'send', chatId, cid, text, now: new Date(this.timers.now()).toISOString() });
    return cid;
  }

  /** The composer's text changed (drives the agent's typing indicator, throttled). */
  typing(chatId: string, text: string): void {
    let signal = this.typingSignals.get(chatId);
    if (!signal) {
      signal = new TypingSignal((typing) => {
        const chat = this.state.chats[chatId];
        if (this.state.connection === 'open' && chat && chat.summary.status !== 'closed')
          this.sendFrame({ type: 'typing', chatId, typing });
      }, this.timers);
      this.typingSignals.set(chatId, signal);
    }
    signal.input(text);
  }

  stopTyping(chatId: string): void {
    this.typingSignals.get(chatId)?.stop();
  }

  select(chatId: string): void {
    this.dispatch({ type: 'select', chatId });
  }

  markRead(chatId: string): void {
    const before = this.state.chats[chatId]?.readSeq;
    this.dispatch({ type: 'markRead', chatId });
    if (this.state.chats[chatId]?.readSeq !== before) this.saveReads();
  }

  setPresence(status: 'available' | 'away'): void {
    this.dispatch({ type: 'setPresence', status });
  }

  /** Closes the chat, with the success codes chosen in the close dialog when given (GOL-1). */
  closeChat(chatId: string, codeIds?: string[]): void {
    this.typingSignals.get(chatId)?.stop();
    this.dispatch({ type: 'closeChat', chatId, ...(codeIds ? { codeIds } : {}) });
  }

  dismiss(chatId: string): void {
    this.typingSignals.delete(chatId);
    this.drafts.delete(chatId);
    this.dispatch({ type: 'dismiss', chatId });
  }

  retry(chatId: string, cid: string): void {
    this.dispatch({ type: 'retry', chatId, cid });
  }

  discard(chatId: string, cid: string): void {
    this.dispatch({ type: 'discard', chatId, cid });
  }

  /**
   * TLS-6: the Visitors list is on screen: each visitor's row comes as it changes (page views, invites), also
   * after a reconnect. Returns the function that stops watching.
   */
  watchVisitors(onVisitor: (visitor: LiveVisitor) => void): () => void {
    this.visitorWatchers.add(onVisitor);
    if (this.visitorWatchers.size === 1) this.sendFrame({ type: 'visitors.watch', watch: true });
    return () => {
      this.visitorWatchers.delete(onVisitor);
      if (this.visitorWatchers.size === 0) this.sendFrame({ type: 'visitors.watch', watch: false });
    };
  }

  /**
   * TLS-5: the Screen share section of a chat is on screen: the visitor's recorded events (JSON text of a batch)
   * and news of the sharing come to `watcher`, also after a reconnect; watching asks the visitor's recorder for a
   * full snapshot. Returns the function that stops watching.
   */
  watchCobrowse(chatId: string, watcher: CobrowseWatcher): () => void {
    let set = this.cobrowseWatchers.get(chatId);
    if (!set) this.cobrowseWatchers.set(chatId, (set = new Set()));
    set.add(watcher);
    this.sendFrame({ type: 'cobrowse.watch', chatId, watch: true });
    return () => {
      set.delete(watcher);
      if (set.size > 0 || this.cobrowseWatchers.get(chatId) !== set) return;
      this.cobrowseWatchers.delete(chatId);
      this.sendFrame({ type: 'cobrowse.watch', chatId, watch: false });
    };
  }

  /** TLS-5: asks the sharing visitor's recorder for a full snapshot of the chat's page (watching does too). */
  askCobrowseSnapshot(chatId: string): void {
    if (this.cobrowseWatchers.has(chatId)) this.sendFrame({ type: 'cobrowse.watch', chatId, watch: true });
  }

  // -------------------------------------------------------------------------------------- the socket

  private connect(): void {
    this.clearRetry();
    if (this.socket) return;
    this.dispatch({ type: 'connecting' });
    const url = typeof this.opts.url === 'function' ? this.opts.url() : this.opts.url;
    const socket = (this.opts.createSocket ?? ((u) => new WebSocket(u) as unknown as SocketLike))(url);
    this.socket = socket;
    socket.onmessage = (ev) => {
      if (this.socket === socket) this.onMessage(ev.data);
    };
    socket.onclose = (ev) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.onClose(ev.code);
    };
    // A failed socket also closes; that is where it is handled.
    socket.onerror = () => undefined;
  }

  private onMessage(data: unknown): void {
    let json: unknown;
    try {
      json = JSON.parse(String(data));
    } catch {
      return;
    }
    const parsed = AgentServerFrame.safeParse(json);
    if (!parsed.success) {
      console.warn('The console ignored a frame it does not understand', parsed.error.issues[0]);
      return;
    }
    const frame = parsed.data;
    if (frame.type === 'cobrowse.events' || frame.type === 'cobrowse.state') {
      for (const w of [...(this.cobrowseWatchers.get(frame.chatId) ?? [])])
        if (frame.type === 'cobrowse.events') w.events(frame.data);
        else w.state(frame);
      // The events are not console state: they go to the replay only.
      if (frame.type === 'cobrowse.events') return;
    }
    if (parsed.data.type === 'welcome') {
      this.attempt = 0;
      // A new connection knows nothing of the list being watched.
      if (this.visitorWatchers.size > 0) this.sendFrame({ type: 'visitors.watch', watch: true });
      for (const chatId of this.cobrowseWatchers.keys())
        this.sendFrame({ type: 'cobrowse.watch', chatId, watch: true });
    }
    this.dispatch({ type: 'frame', frame: parsed.data });
  }

  private onClose(code: number): void {
    // Whatever the typing signals think, the other side has forgotten it with the connection.
    this.typingSignals.clear();
    this.dispatch({ type: 'disconnected', code });
    if (!this.running) return;
    if (this.state.connection !== 'reconnecting') {
      // Signed out or not allowed: trying again will not help.
      this.running = false;
      return;
    }
    const delay = backoffDelay(this.attempt++, (this.opts.random ?? Math.random)());
    this.retryTimer = this.timers.setTimeout(() => {
      this.retryTimer = null;
      this.connect();
    }, delay);
  }

  private clearRetry(): void {
    if (this.retryTimer !== null) this.timers.clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private sendFrame(frame: AgentClientFrame): void {
    if (this.socket && this.socket.readyState === OPEN) this.socket.send(JSON.stringify(frame));
  }

  private run(effect: Effect): void {
    const hooks = this.opts.hooks ?? {};
    switch (effect.type) {
      case 'send':
        this.sendFrame(effect.frame);
        return;
      case 'newChat':
        hooks.onNewChat?.(effect.chat);
        return;
      case 'detailsChanged':
        hooks.onDetailsChanged?.(effect.chatId);
        return;
      case 'visitor':
        for (const watcher of [...this.visitorWatchers]) watcher(effect.visitor);
        return;
      case 'removed':
        this.typingSignals.delete(effect.chat.id);
        this.drafts.delete(effect.chat.id);
        if (!this.handedOver.delete(effect.chat.id)) hooks.onRemoved?.(effect.chat);
        return;
      case 'resendLater': {
        // Jittered, so consoles refused together do not all come back in the same moment.
        const delay = effect.delayMs * (0.75 + 0.5 * (this.opts.random ?? Math.random)());
        this.timers.setTimeout(
          () => this.dispatch({ type: 'resend', chatId: effect.chatId, cid: effect.cid }),
          delay,
        );
        return;
      }
      case 'verify':
        hooks
          .verify?.(effect.chatId)
          .then((chat) => this.dispatch({ type: 'verified', chatId: effect.chatId, chat }))
          // Unknown for now: the chat stays; the next welcome asks again.
          .catch(() => undefined);
        return;
    }
  }

  // -------------------------------------------------------------------------------------- read positions

  private loadReads(): Record<string, number> {
    const { storage, storageKey } = this.opts;
    if (!storage || !storageKey) return {};
    try {
      const raw: unknown = JSON.parse(storage.getItem(storageKey) ?? '{}');
      if (!raw || typeof raw !== 'object') return {};
      return Object.fromEntries(
        Object.entries(raw).filter((e): e is [string, number] => Number.isInteger(e[1])),
      );
    } catch {
      return {};
    }
  }

  private saveReads(): void {
    const { storage, storageKey } = this.opts;
    if (!storage || !storageKey) return;
    // Only the chats still here: the stored map does not grow for ever.
    const reads: Record<string, number> = {};
    for (const [id, c] of Object.entries(this.state.chats)) if (c.readSeq > 0) reads[id] = c.readSeq;
    try {
      storage.setItem(storageKey, JSON.stringify(reads));
    } catch {
      // Storage full or disabled: read positions just do not survive a reload.
    }
  }
}
