import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import type { AgentServerFrame, ChatEvent, VisitorServerFrame } from '@parley/protocol';

type Frame = VisitorServerFrame | AgentServerFrame;

/** A message this client sent and the server has not acknowledged yet. */
type Pending = { cid: string; text: string; chatId: string | null; start: boolean };

/** Refusals for now only: the widget and the console send the message again a moment later (same cid). */
const RETRY_LATER = new Set(['rate_limited', 'unavailable']);

/**
 * A socket client that behaves on faults the way the widget and the agent console do: it reconnects with
 * backoff when the socket closes, resumes every chat from the last seq it has, sends again (same cid) every
 * message not acknowledged — after a reconnect, and a moment after an `unavailable` or `rate_limited` refusal —
 * and keeps each chat's transcript by seq. Anything out of order, repeated, or refused for good is a problem.
 */
export class ResilientClient {
  readonly transcripts = new Map<string, ChatEvent[]>();
  readonly acked = new Map<string, { chatId: string; seq: number; text: string }>();
  readonly problems: string[] = [];
  /** How often the socket was opened (1 + reconnects) and refusals that were sent again. */
  connects = 0;
  retried = 0;
  token: string | undefined;
  chatId: string | undefined;
  private pending: Pending[] = [];
  private ws: WebSocket | undefined;
  private welcomed = false;
  private stopped = false;
  private attempt = 0;
  private waiters: (() => void)[] = [];

  private constructor(
    readonly kind: 'visitor' | 'agent',
    private readonly url: () => string,
    private readonly headers: () => Record<string, string>,
  ) {}

  /** A widget on `url()` (`/ws/visitor?site=…`); reconnects go to whatever `url()` says then. */
  static visitor(url: () => string): ResilientClient {
    return new ResilientClient('visitor', url, () => ({ origin: 'http://localhost' }));
  }

  /** An agent console signed in with `cookie`; `origin` must be the instance's own. */
  static agent(url: () => string, cookie: string, origin: () => string): ResilientClient {
    return new ResilientClient('agent', url, () => ({ cookie, origin: origin() }));
  }

  start(): Promise<void> {
    this.connect();
    return this.until(() => this.welcomed, 30_000, 'welcome');
  }

  get isOnline(): boolean {
    return this.welcomed && this.ws?.readyState === WebSocket.OPEN;
  }

  /** Visitor: starts a chat with its first message; resolves with the chat's id once acknowledged. */
  async startChat(text: string): Promise<string> {
    const cid = randomUUID();
    this.pending.push({ cid, text, chatId: null, start: true });
    this.transmit({ type: 'chat.start', cid, text });
    await this.until(() => this.acked.has(cid), 60_000, `ack of chat.start ${cid}`);
    return this.acked.get(cid)!.chatId;
  }

  /** Sends a message; it is pending until acknowledged (and sent again as the real clients would). */
  send(chatId: string, text: string): string {
    const cid = randomUUID();
    this.pending.push({ cid, text, chatId, start: false });
    this.transmit({ type: 'message.send', chatId, cid, text });
    return cid;
  }

  get unacked(): number {
    return this.pending.length;
  }

  /** Waits until every message sent so far is acknowledged. */
  allAcked(timeoutMs = 60_000): Promise<void> {
    return this.until(() => this.pending.length === 0, timeoutMs, `${this.pending.length} acks`);
  }

  /** The texts of a chat's messages by one author, in transcript order. */
  texts(chatId: string, author: 'visitor' | 'agent'): string[] {
    return (this.transcripts.get(chatId) ?? [])
      .filter((e) => e.type === 'text' && e.author === author)
      .map((e) => e.text);
  }

  /** Waits until the chat's transcript satisfies `pred`. */
  untilTranscript(chatId: string, pred: (events: ChatEvent[]) => boolean, timeoutMs = 30_000) {
    return this.until(
      () => pred(this.transcripts.get(chatId) ?? []),
      timeoutMs,
      `transcript of ${chatId} (has ${this.transcripts.get(chatId)?.length ?? 0} events)`,
    );
  }

  stop(): void {
    this.stopped = true;
    this.ws?.terminate();
  }

  // ---- the socket

  private connect(): void {
    if (this.stopped) return;
    this.connects++;
    this.welcomed = false;
    const ws = new WebSocket(this.url(), { headers: this.headers() });
    this.ws = ws;
    ws.on('open', () => {
      if (this.kind === 'visitor') this.raw({ type: 'hello', token: this.token, chats: this.resumeList() });
    });
    ws.on('message', (raw) => this.receive(JSON.parse(String(raw)) as Frame));
    ws.on('error', () => {
      /* followed by close */
    });
    ws.on('close', () => {
      if (this.ws !== ws) return;
      this.welcomed = false;
      if (this.stopped) return;
      const delay = Math.min(2_000, 200 * 2 ** this.attempt++);
      setTimeout(() => this.connect(), delay * (0.75 + Math.random() * 0.5));
    });
  }

  private resumeList() {
    return [...this.transcripts].map(([chatId, events]) => ({
      chatId,
      afterSeq: events.at(-1)?.seq ?? 0,
    }));
  }

  private receive(f: Frame): void {
    switch (f.type) {
      case 'welcome': {
        this.welcomed = true;
        this.attempt = 0;
        if ('token' in f && f.token) this.token = f.token;
        if (this.kind === 'agent') this.raw({ type: 'hello', chats: this.resumeList() });
        for (const c of f.chats) this.follow(c.id);
        this.resendAll();
        break;
      }
      case 'ack': {
        const p = this.pending.find((x) => x.cid === f.cid);
        if (!p) break;
        this.pending = this.pending.filter((x) => x !== p);
        this.acked.set(f.cid, { chatId: f.chatId, seq: f.seq, text: p.text });
        if (p.start) {
          this.chatId = f.chatId;
          this.follow(f.chatId);
        }
        break;
      }
      case 'chat.event': {
        const list = this.transcripts.get(f.chatId);
        if (!list) break;
        const last = list.at(-1)?.seq ?? 0;
        if (f.event.seq !== last + 1) {
          this.problems.push(`${this.kind}: chat ${f.chatId}: got seq ${f.event.seq} after ${last}`);
          break;
        }
        list.push(f.event);
        break;
      }
      case 'chat.state':
        this.follow(f.chat.id);
        break;
      case 'chat.upsert':
        this.follow(f.chat.id);
        break;
      case 'error': {
        const p = f.cid ? this.pending.find((x) => x.cid === f.cid) : undefined;
        if (p && RETRY_LATER.has(f.code)) {
          this.retried++;
          setTimeout(() => this.resend(p), 300 + Math.random() * 400);
        } else if (!RETRY_LATER.has(f.code)) {
          this.problems.push(`${this.kind}: ${f.code} ${f.message} ${f.cid ?? ''} ${f.chatId ?? ''}`);
        }
        break;
      }
    }
    for (const w of [...this.waiters]) w();
  }

  /** A chat this client did not have: ask for its transcript from the start. */
  private follow(chatId: string): void {
    if (this.transcripts.has(chatId)) return;
    this.transcripts.set(chatId, []);
    this.transmit({ type: 'sync', chatId, afterSeq: 0 });
  }

  private resendAll(): void {
    for (const p of this.pending) this.resend(p);
  }

  private resend(p: Pending): void {
    if (!this.pending.includes(p)) return;
    const chatId = p.chatId ?? (p.start ? null : this.chatId);
    if (p.start) this.transmit({ type: 'chat.start', cid: p.cid, text: p.text });
    else if (chatId) this.transmit({ type: 'message.send', chatId, cid: p.cid, text: p.text });
  }

  /** Frames other than hello go out only once welcomed; the rest is resent or resumed after the welcome. */
  private transmit(frame: object): void {
    if (this.welcomed) this.raw(frame);
  }

  private raw(frame: object): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(frame));
  }

  private until(pred: () => boolean, timeoutMs: number, what: string): Promise<void> {
    if (pred()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!pred()) return;
        clearTimeout(timer);
        clearInterval(poll);
        this.waiters = this.waiters.filter((w) => w !== check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== check);
        clearInterval(poll);
        reject(
          new Error(`${this.kind}: timed out waiting for ${what}; problems: ${this.problems.join('; ')}`),
        );
      }, timeoutMs);
      // Some conditions change without a frame (a socket that closed).
      const poll = setInterval(check, 100);
      this.waiters.push(check);
    });
  }
}

/**
 * Every message one side had acknowledged is in the other side's transcript exactly once (and the sender's
 * own copy too). Returns the problems found (empty: all good).
 */
export function deliveredOnce(
  sender: ResilientClient,
  receivers: ResilientClient[],
  chatId: string,
  author: 'visitor' | 'agent',
): string[] {
  const problems: string[] = [];
  const sent = [...sender.acked.values()].filter((a) => a.chatId === chatId).map((a) => a.text);
  for (const r of receivers) {
    const got = r.texts(chatId, author);
    const count = new Map<string, number>();
    for (const t of got) count.set(t, (count.get(t) ?? 0) + 1);
    for (const t of sent) {
      const n = count.get(t) ?? 0;
      if (n !== 1) problems.push(`${r.kind} has "${t}" ${n} times in ${chatId}`);
    }
  }
  return problems;
}
