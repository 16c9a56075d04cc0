import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import type { AgentServerFrame, ChatEvent, VisitorServerFrame } from '@parley/protocol';

type Frame = VisitorServerFrame | AgentServerFrame;

/**
 * How long a wait for a frame, a transcript or a close may take before the test fails. The waits end the moment
 * the frame arrives; the bound is generous so that a loaded machine (the suite beside other work on 2 cores)
 * is slow, not red.
 */
export const WAIT_MS = 30_000;

/**
 * A test socket client that records every frame and can wait for one matching a predicate. Like the real
 * clients it keeps each chat's transcript by seq (and fails the test on a duplicate or out-of-order event).
 */
export class WsClient<F extends Frame = Frame> {
  frames: F[] = [];
  transcripts = new Map<string, ChatEvent[]>();
  closed: { code: number; reason: string } | undefined;
  problems: string[] = [];
  private waiters: { pred: (f: F) => boolean; resolve: (f: F) => void; closed: () => void }[] = [];
  private closeWaiters: ((c: { code: number; reason: string }) => void)[] = [];

  constructor(readonly ws: WebSocket) {
    ws.on('message', (raw) => {
      const f = JSON.parse(String(raw)) as F;
      this.frames.push(f);
      if (f.type === 'chat.event') {
        const list = this.transcripts.get(f.chatId) ?? [];
        const last = list[list.length - 1]?.seq ?? 0;
        if (f.event.seq !== last + 1)
          this.problems.push(`chat ${f.chatId}: got seq ${f.event.seq} after ${last}`);
        list.push(f.event);
        this.transcripts.set(f.chatId, list);
      }
      for (const w of [...this.waiters]) {
        if (w.pred(f)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(f);
        }
      }
    });
    ws.on('close', (code, reason) => {
      this.closed = { code, reason: String(reason) };
      for (const w of this.closeWaiters) w(this.closed);
      // No frame comes after the close: a wait for one fails now, saying why, instead of at its timeout.
      for (const w of this.waiters.splice(0)) w.closed();
    });
  }

  static async open<F extends Frame>(url: string, opts: WebSocket.ClientOptions = {}): Promise<WsClient<F>> {
    const ws = new WebSocket(url, opts);
    const client = new WsClient<F>(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
      ws.once('close', () => resolve());
    });
    return client;
  }

  /** The client already has this chat up to `seq` (as a real client resuming would). */
  assume(chatId: string, events: ChatEvent[]): void {
    this.transcripts.set(chatId, [...events]);
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** Waits for a frame (already received ones count, from `since` on). */
  next<T extends F['type']>(
    type: T,
    pred: (f: Extract<F, { type: T }>) => boolean = () => true,
    timeoutMs = WAIT_MS,
  ): Promise<Extract<F, { type: T }>> {
    const match = (f: F) => f.type === type && pred(f as Extract<F, { type: T }>);
    const seen = this.frames.find(match);
    if (seen) return Promise.resolve(seen as Extract<F, { type: T }>);
    const got = () => this.frames.map((f) => f.type).join(',');
    const closedError = () =>
      new Error(
        `socket closed (${this.closed?.code} ${this.closed?.reason}) while waiting for ${type}; got ${got()}`,
      );
    if (this.closed) return Promise.reject(closedError());
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`timed out waiting for ${type}; got ${got()}`)),
        timeoutMs,
      );
      this.waiters.push({
        pred: match,
        resolve: (f) => {
          clearTimeout(timer);
          resolve(f as Extract<F, { type: T }>);
        },
        closed: () => {
          clearTimeout(timer);
          reject(closedError());
        },
      });
    });
  }

  /** Waits until the transcript of a chat has an event satisfying the predicate. */
  async untilTranscript(
    chatId: string,
    pred: (events: ChatEvent[]) => boolean,
    timeoutMs = WAIT_MS,
  ): Promise<ChatEvent[]> {
    const end = Date.now() + timeoutMs;
    while (Date.now() < end) {
      const t = this.transcripts.get(chatId) ?? [];
      if (pred(t)) return t;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(
      `transcript of ${chatId} never matched; has ${JSON.stringify(
        this.transcripts.get(chatId)?.map((e) => `${e.seq}:${e.type === 'text' ? e.text : e.type}`),
      )}`,
    );
  }

  /** The server's last answer (ack or error) to a frame with this cid, among the frames from `since` on. */
  answer(cid: string, since = 0): Extract<F, { type: 'ack' | 'error' }> | undefined {
    for (let i = this.frames.length - 1; i >= since; i--) {
      const f = this.frames[i]!;
      if ((f.type === 'ack' || f.type === 'error') && 'cid' in f && f.cid === cid)
        return f as Extract<F, { type: 'ack' | 'error' }>;
    }
    return undefined;
  }

  /** Waits until every one of these cids has an answer among the frames from `since` on. */
  async answered(cids: string[], since = 0, timeoutMs = WAIT_MS): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (!cids.every((c) => this.answer(c, since))) {
      if (Date.now() > end)
        throw new Error(
          `no answer to ${cids.filter((c) => !this.answer(c, since)).length} of ${cids.length}`,
        );
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /**
   * What the widget does with messages the server refused for now (sent too fast, or not storable this moment):
   * sends them again, with the same cids, until each is acked. Each round waits for the answer to every frame
   * it sent; between rounds it pauses like the widget does (the frame budget refills over time — the rule under
   * test), so the rounds do not spin.
   */
  async resendUntilAcked(
    chatId: string,
    messages: { cid: string; text: string }[],
    { pauseMs = 300, timeoutMs = 4 * WAIT_MS } = {},
  ): Promise<void> {
    const end = Date.now() + timeoutMs;
    let round = messages;
    while (round.length > 0) {
      if (Date.now() > end) throw new Error(`${round.length} messages never acked`);
      await new Promise((r) => setTimeout(r, pauseMs));
      const since = this.frames.length;
      for (const m of round) this.send({ type: 'message.send', chatId, cid: m.cid, text: m.text });
      await this.answered(
        round.map((m) => m.cid),
        since,
      );
      round = round.filter((m) => {
        const a = this.answer(m.cid, since)!;
        if (a.type === 'ack') return false;
        if (a.type === 'error' && (a.code === 'rate_limited' || a.code === 'unavailable')) return true;
        throw new Error(`message ${m.cid} refused: ${JSON.stringify(a)}`);
      });
    }
  }

  waitClose(timeoutMs = WAIT_MS): Promise<{ code: number; reason: string }> {
    if (this.closed) return Promise.resolve(this.closed);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('socket did not close')), timeoutMs);
      this.closeWaiters.push((c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
  }

  close(): void {
    this.ws.close();
  }
}

export const cid = () => randomUUID();

export const wsUrl = (httpUrl: string, path: string) => httpUrl.replace(/^http/, 'ws') + path;
