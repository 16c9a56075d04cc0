import type { ChatEvent } from '@parley/protocol';

/**
 * Delivers one chat's transcript to one socket exactly once and in order. Live events from the bus are sent
 * only when they are the next seq; anything else (a gap, or events arriving while catching up) is read from
 * the database, which is the truth. Nothing is delivered only from memory.
 */
export class ChatStream {
  /** The last seq the client has. */
  delivered: number;
  private syncing = false;
  private pending = false;
  private buffer: ChatEvent[] = [];

  constructor(
    afterSeq: number,
    private readonly fetchAfter: (afterSeq: number) => Promise<ChatEvent[]>,
    private readonly send: (event: ChatEvent) => void,
    private readonly onError: (err: unknown) => void = () => {},
  ) {
    this.delivered = afterSeq;
  }

  /** False until the client has said what it has (a stream created on a bus message delivers nothing yet). */
  get active(): boolean {
    return this.delivered < Number.MAX_SAFE_INTEGER;
  }

  /**
   * Reads what the database has beyond what was delivered: after a live event may have been missed (a Redis
   * reconnect) or a read failed. An inactive stream has nothing to catch up.
   */
  refresh(): Promise<void> {
    return this.active ? this.catchUp() : Promise.resolve();
  }

  /** The client says it has everything up to `afterSeq` (a resume or an explicit sync request). */
  resync(afterSeq: number): Promise<void> {
    this.delivered = afterSeq;
    return this.catchUp();
  }

  onLive(event: ChatEvent): void {
    if (event.seq <= this.delivered) return;
    if (this.syncing) {
      this.buffer.push(event);
      return;
    }
    if (event.seq === this.delivered + 1) {
      this.emit(event);
      return;
    }
    this.buffer.push(event);
    void this.catchUp();
  }

  private emit(event: ChatEvent) {
    this.delivered = event.seq;
    this.send(event);
  }

  async catchUp(): Promise<void> {
    if (this.syncing) {
      this.pending = true;
      return;
    }
    this.syncing = true;
    try {
      do {
        this.pending = false;
        for (;;) {
          const events = await this.fetchAfter(this.delivered);
          for (const e of events) if (e.seq === this.delivered + 1) this.emit(e);
          if (events.length < 500) break;
        }
        // Whatever arrived live meanwhile: send the next ones in order; a gap means read the database again.
        this.buffer.sort((a, b) => a.seq - b.seq);
        const rest: ChatEvent[] = [];
        for (const e of this.buffer) {
          if (e.seq <= this.delivered) continue;
          if (e.seq === this.delivered + 1) this.emit(e);
          else rest.push(e);
        }
        this.buffer = rest;
        if (rest.length > 0) this.pending = true;
      } while (this.pending);
    } catch (err) {
      this.onError(err);
    } finally {
      this.syncing = false;
    }
  }
}
