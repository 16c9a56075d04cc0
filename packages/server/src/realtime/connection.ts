import type { WebSocket } from 'ws';
import type { FastifyBaseLogger } from 'fastify';
import {
  CloseCode,
  ErrorCode,
  FrameErrorCode,
  UNSTORABLE_TEXT_MESSAGE,
  unstorableTextAt,
  type ChatEvent,
} from '@parley/protocol';
import type { z } from 'zod';
import type { Bus } from '../bus/index.js';
import { isDatabaseUnavailable, UNAVAILABLE_MESSAGE } from '../db/unavailable.js';
import { AppError } from '../errors.js';
import { ChatStream } from './chat-stream.js';

const MAX_BAD_FRAMES = 20;
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
/** After a failed catch-up, the socket's chats are read again after this long, doubling up to the maximum. */
const RESYNC_FIRST_MS = 500;
const RESYNC_MAX_MS = 10_000;

/**
 * At most this many sockets re-read the database at once after a gap: a Redis reconnect asks every socket of the
 * instance to catch up, and they queue here rather than take every pooled connection at once.
 */
const RESYNC_CONCURRENCY = 8;
let resyncsRunning = 0;
const resyncsWaiting: (() => void)[] = [];
async function inResyncSlot(fn: () => Promise<void>): Promise<void> {
  if (resyncsRunning >= RESYNC_CONCURRENCY) await new Promise<void>((r) => resyncsWaiting.push(r));
  resyncsRunning++;
  try {
    await fn();
  } finally {
    resyncsRunning--;
    resyncsWaiting.shift()?.();
  }
}

/** Token bucket: `rate` frames (or bytes) per second with bursts of `burst`. */
export class Bucket {
  private tokens: number;
  private at = Date.now();
  constructor(
    private readonly rate: number,
    private readonly burst: number,
  ) {
    this.tokens = burst;
  }
  take(n = 1): boolean {
    const now = Date.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.at) / 1000) * this.rate);
    this.at = now;
    if (this.tokens < n) return false;
    this.tokens -= n;
    return true;
  }
}

/** Every socket following a chat gets the same `chat.event` frame: serialise it once per event. */
const serialised = new WeakMap<ChatEvent, string>();
function eventFrame(chatId: string, event: ChatEvent): string {
  let json = serialised.get(event);
  if (json === undefined) {
    json = JSON.stringify({ type: 'chat.event', chatId, event });
    serialised.set(event, json);
  }
  return json;
}

/** The `cid` and `chatId` of a frame refused before parsing (when it has them), for its error frame. */
function refusedIds(raw: unknown): { cid?: string; chatId?: string } {
  try {
    const f = JSON.parse(String(raw)) as { cid?: unknown; chatId?: unknown };
    const id = (v: unknown) => (typeof v === 'string' && v.length <= 64 ? v : undefined);
    const out: { cid?: string; chatId?: string } = {};
    if (id(f?.cid)) out.cid = id(f.cid);
    if (id(f?.chatId)) out.chatId = id(f.chatId);
    return out;
  } catch {
    return {};
  }
}

/**
 * A budget of its own for one kind of frame (TLS-5: screen sharing's): a frame whose text starts with `raw`
 * spends `take(bytes)` instead of the socket's frame budget, so a shared screen does not slow the visitor's
 * messages; `refused` answers one over it. A frame that only pretends (its parsed type does not start with
 * `type`) spends the socket's budget too.
 */
export type SideBudget = {
  raw: Buffer;
  type: string;
  take(bytes: number): boolean;
  refused(ids: { cid?: string; chatId?: string }): void;
};

function startsWith(raw: unknown, prefix: Buffer): boolean {
  return (
    Buffer.isBuffer(raw) &&
    raw.length >= prefix.length &&
    raw.compare(prefix, 0, prefix.length, 0, prefix.length) === 0
  );
}

/** For lookups whose failure means "not this client's chat": a database that is away is not that. */
export function notFoundOnly(err: unknown): undefined {
  if (isDatabaseUnavailable(err)) throw err;
  return undefined;
}

/** HTTP-style errors from services become error frames with the matching code. */
function frameCode(err: AppError): FrameErrorCode {
  if (err.code === ErrorCode.limitReached) return FrameErrorCode.limitReached;
  if (err.code === ErrorCode.nobodyAvailable) return FrameErrorCode.nobodyAvailable;
  if (err.code === ErrorCode.successCodeRequired) return FrameErrorCode.successCodeRequired;
  if (err.code === ErrorCode.surveyClosed) return FrameErrorCode.surveyClosed;
  if (err.status === 404) return FrameErrorCode.notFound;
  if (err.status === 403) return FrameErrorCode.forbidden;
  if (err.status === 409) return FrameErrorCode.chatClosed;
  if (err.status === 429) return FrameErrorCode.rateLimited;
  return FrameErrorCode.badFrame;
}

/**
 * One client socket: frame parsing and limits, bus subscriptions and per-chat ordered delivery. Bad input gets
 * an error frame (or a named close code when it persists) and never throws out of here.
 */
export class Connection<Out extends { type: string }> {
  readonly streams = new Map<string, ChatStream>();
  private readonly subs = new Map<string, Promise<() => Promise<void>>>();
  private readonly bucket: Bucket;
  private badFrames = 0;
  closed = false;
  alive = true;
  /** Settles when the gateway has finished its work for a closed socket (shutdown waits for it). */
  closing: Promise<unknown> = Promise.resolve();

  constructor(
    readonly socket: WebSocket,
    private readonly bus: Bus,
    readonly log: FastifyBaseLogger,
    limits: { rate: number; burst: number },
  ) {
    this.bucket = new Bucket(limits.rate, limits.burst);
    socket.on('pong', () => {
      this.alive = true;
    });
  }

  send(frame: Out): void {
    this.sendRaw(JSON.stringify(frame));
  }

  /** A frame already serialised (shared by every socket that receives the same event). */
  sendRaw(json: string): void {
    if (this.closed || this.socket.readyState !== this.socket.OPEN) return;
    if (this.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.close(CloseCode.rateLimited, 'client too slow');
      return;
    }
    this.cork();
    this.socket.send(json);
  }

  private corked = false;
  /**
   * Frames sent to one socket in the same turn of the event loop leave in one write: a visitor's `ack` and the
   * echo of its message, an agent's events of many chats from one batch. The write is one system call, the
   * largest single cost of a message (measured: a quarter of the server's CPU under load).
   */
  private cork() {
    if (this.corked) return;
    const raw = (this.socket as unknown as { _socket?: { cork(): void; uncork(): void } })._socket;
    if (!raw) return;
    this.corked = true;
    raw.cork();
    setImmediate(() => {
      this.corked = false;
      raw.uncork();
    });
  }

  error(
    code: FrameErrorCode,
    message: string,
    extra: { cid?: string; chatId?: string; fields?: Record<string, string> } = {},
  ): void {
    this.send({ type: 'error', code, message, ...extra } as unknown as Out);
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.socket.close(code, reason);
    } catch {
      this.socket.terminate();
    }
  }

  /** TLS-5: screen sharing's frames have a budget of their own (set by the visitor gateway). */
  side: SideBudget | undefined;

  /** Parses a raw frame against the schema; answers bad ones itself and returns undefined. */
  parse<S extends z.ZodType>(raw: unknown, schema: S): z.output<S> | undefined {
    const side = this.side && startsWith(raw, this.side.raw) ? this.side : undefined;
    if (side) {
      if (!side.take((raw as Buffer).length)) {
        side.refused(refusedIds(raw));
        return undefined;
      }
    } else if (!this.bucket.take()) {
      // Name the message that was refused, so the client can send it again a little later.
      this.error(FrameErrorCode.rateLimited, 'Too many frames; slow down', refusedIds(raw));
      return undefined;
    }
    let json: unknown;
    try {
      json = JSON.parse(String(raw));
    } catch {
      this.bad('Frames must be JSON objects');
      return undefined;
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
      const cid =
        typeof (json as { cid?: unknown })?.cid === 'string' ? (json as { cid: string }).cid : undefined;
      this.bad(`${where}${issue?.message ?? 'Invalid frame'}`, cid);
      return undefined;
    }
    if (
      side &&
      !String((parsed.data as { type?: unknown }).type).startsWith(side.type) &&
      !this.bucket.take()
    ) {
      this.error(FrameErrorCode.rateLimited, 'Too many frames; slow down', refusedIds(raw));
      return undefined;
    }
    // One rule for every frame, as for every HTTP route (http/validator.ts): nothing the database cannot store.
    const path = unstorableTextAt(parsed.data);
    if (path) {
      const cid = (parsed.data as { cid?: unknown }).cid;
      this.bad(
        `${path.join('.') || 'frame'}: ${UNSTORABLE_TEXT_MESSAGE}`,
        typeof cid === 'string' ? cid : undefined,
      );
      return undefined;
    }
    return parsed.data;
  }

  private bad(message: string, cid?: string) {
    this.badFrames++;
    this.error(FrameErrorCode.badFrame, message, cid ? { cid } : {});
    if (this.badFrames >= MAX_BAD_FRAMES) this.close(CloseCode.tooManyBadFrames, 'too many bad frames');
  }

  /**
   * Runs a frame handler; service errors become error frames, anything else is logged. When the database is
   * unreachable the frame is answered `unavailable` (the client sends it again a moment later); a frame the
   * client cannot simply resend (a hello or a sync, whose answer it waits for) closes the socket with "try
   * again later" instead, so the client reconnects and resumes from what it has.
   */
  async handle(
    fn: () => Promise<void>,
    ctx: { cid?: string; chatId?: string } = {},
    opts: { closeIfUnavailable?: boolean } = {},
  ): Promise<void> {
    try {
      await fn();
    } catch (err) {
      if (err instanceof AppError) {
        this.error(frameCode(err), err.message, { ...ctx, ...(err.fields ? { fields: err.fields } : {}) });
      } else if (isDatabaseUnavailable(err)) {
        this.log.warn({ err: (err as Error).message }, 'socket frame failed: database unreachable');
        if (opts.closeIfUnavailable) this.close(CloseCode.tryAgainLater, 'database unreachable');
        else this.error(FrameErrorCode.unavailable, UNAVAILABLE_MESSAGE, ctx);
      } else {
        this.log.error({ err }, 'socket frame failed');
        this.error(FrameErrorCode.internal, 'Something went wrong on our side', ctx);
      }
    }
  }

  private readonly writes = new Set<Promise<void>>();
  /**
   * Acks a message once it is stored, without holding up the socket's next frames: several messages of one
   * client (a burst, the resends after a reconnect) join the same batch. `stored` is already queued in the
   * writer, so the order of writes is the order of frames; a refusal becomes an error frame.
   */
  ackWhenStored(
    cid: string,
    stored: Promise<{ chatId: string; seq: number }>,
    ctx: { cid?: string; chatId?: string },
  ): void {
    const work = this.handle(async () => {
      const { chatId, seq } = await stored;
      this.send({ type: 'ack', cid, chatId, seq } as unknown as Out);
    }, ctx);
    const tracked = work.finally(() => this.writes.delete(tracked));
    this.writes.add(tracked);
  }

  /** Waits until every message this socket sent is stored (before a frame that must come after them). */
  async settled(): Promise<void> {
    while (this.writes.size > 0) await Promise.all([...this.writes]);
  }

  async subscribe(channel: string, handler: (message: unknown) => void): Promise<void> {
    if (this.subs.has(channel) || this.closed) return;
    const sub = this.bus.subscribe(channel, handler);
    this.subs.set(channel, sub);
    await sub;
  }

  async unsubscribe(channel: string): Promise<void> {
    const sub = this.subs.get(channel);
    if (!sub) return;
    this.subs.delete(channel);
    await (
      await sub
    )();
  }

  /**
   * Follows a chat: its bus channel, and a transcript stream that stays inactive (delivers nothing) until the
   * client says what it has (`sync` or a resume), then sends `chat.event` frames in order.
   */
  async follow(
    chatId: string,
    channel: string,
    fetchAfter: (after: number) => Promise<ChatEvent[]>,
    onMessage: (message: unknown) => void,
  ): Promise<void> {
    if (!this.streams.has(chatId)) {
      const send = (event: ChatEvent) => this.sendRaw(eventFrame(chatId, event));
      const onError = (err: unknown) => this.fanOutFailed(err, { chatId });
      this.streams.set(chatId, new ChatStream(Number.MAX_SAFE_INTEGER, fetchAfter, send, onError));
    }
    await this.subscribe(channel, onMessage);
  }

  async unfollow(chatId: string, channel: string): Promise<void> {
    this.streams.delete(chatId);
    await this.unsubscribe(channel);
  }

  /**
   * How the gateway brings this socket up to date after it may have missed something (a Redis reconnect, a
   * failed read): the chats' events from the database, and the state frames the client relies on.
   */
  resync: (() => Promise<void>) | undefined;
  private resyncTimer: NodeJS.Timeout | undefined;
  private resyncing = false;
  /** Asked again while a resync ran: it may have read a chat before the news; run once more. */
  private resyncAgain = false;
  private resyncDelay = RESYNC_FIRST_MS;
  private resyncFailed = false;

  /** Something meant for this socket could not be read or sent (a lost database): catch up a little later. */
  fanOutFailed(err: unknown, ctx: object = {}): void {
    if (isDatabaseUnavailable(err))
      this.log.warn({ ...ctx, err: (err as Error).message }, 'fan-out deferred');
    else this.log.error({ ...ctx, err }, 'fan-out failed');
    this.resyncFailed = true;
    if (!this.resyncing) this.resyncSoon(this.resyncDelay);
  }

  /** Runs `resync` after `delayMs` (once, however often asked meanwhile); again, later, while it fails. */
  resyncSoon(delayMs = 0): void {
    if (this.closed || !this.resync) return;
    if (this.resyncing) {
      this.resyncAgain = true;
      return;
    }
    if (this.resyncTimer) return;
    // Jitter: thousands of sockets that failed together do not all come back in the same millisecond.
    this.resyncTimer = setTimeout(() => void this.runResync(), delayMs * (0.5 + Math.random()));
    this.resyncTimer.unref();
  }

  private async runResync(): Promise<void> {
    this.resyncTimer = undefined;
    this.resyncing = true;
    this.resyncAgain = false;
    this.resyncFailed = false;
    try {
      const resync = this.resync;
      if (resync) await inResyncSlot(() => (this.closed ? Promise.resolve() : resync()));
    } catch (err) {
      this.resyncFailed = true;
      if (!isDatabaseUnavailable(err)) this.log.error({ err }, 'socket resync failed');
    }
    this.resyncing = false;
    if (this.resyncFailed) {
      this.resyncDelay = Math.min(RESYNC_MAX_MS, this.resyncDelay * 2);
      this.resyncSoon(this.resyncDelay);
    } else {
      this.resyncDelay = RESYNC_FIRST_MS;
      if (this.resyncAgain) this.resyncSoon(0);
    }
  }

  async dispose(): Promise<void> {
    clearTimeout(this.resyncTimer);
    this.closed = true;
    const subs = [...this.subs.values()];
    this.subs.clear();
    this.streams.clear();
    for (const s of subs) await (await s)().catch(() => {});
  }
}
