import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import type { ChatEvent } from '@parley/protocol';
import { ChatStream } from './chat-stream.js';

const ev = (seq: number): ChatEvent => ({
  seq,
  type: 'text',
  author: 'visitor',
  authorName: '',
  userId: null,
  text: `m${seq}`,
  file: null,
  data: {},
  createdAt: new Date(0).toISOString(),
});

/** vi.waitFor ends as soon as the condition holds; this is only the bound. */
const WAIT = { timeout: 10_000, interval: 1 };

/** A fake database holding seqs 1..stored. */
function setup(stored: number, afterSeq = 0) {
  const db = { stored };
  const sent: number[] = [];
  const stream = new ChatStream(
    afterSeq,
    async (after) => {
      // A read takes a turn of the event loop, like a real query (live events can arrive meanwhile).
      await new Promise((r) => setTimeout(r, 1));
      const out: ChatEvent[] = [];
      for (let s = after + 1; s <= db.stored; s++) out.push(ev(s));
      return out;
    },
    (e) => sent.push(e.seq),
  );
  return { db, sent, stream };
}

describe('ChatStream: exactly once, in order', () => {
  it('sends the backlog after a resume, then live events', async () => {
    const { db, sent, stream } = setup(3);
    await stream.resync(1);
    db.stored = 4;
    stream.onLive(ev(4));
    expect(sent).toEqual([2, 3, 4]);
  });

  it('drops duplicates and fills gaps from the database', async () => {
    const { db, sent, stream } = setup(2);
    await stream.resync(0);
    stream.onLive(ev(2));
    db.stored = 5;
    stream.onLive(ev(5)); // 3 and 4 were missed live: read from the database
    await vi.waitFor(() => expect(sent).toHaveLength(5), WAIT);
    expect(sent).toEqual([1, 2, 3, 4, 5]);
  });

  it('holds live events that arrive during a catch-up', async () => {
    const { db, sent, stream } = setup(3);
    const p = stream.resync(0);
    db.stored = 5;
    stream.onLive(ev(5));
    stream.onLive(ev(4));
    await p;
    expect(sent).toEqual([1, 2, 3, 4, 5]);
  });

  it('refresh: catches up what was missed live (a bus gap), and after a failed read; nothing while inactive', async () => {
    const { db, sent, stream } = setup(2, Number.MAX_SAFE_INTEGER);
    await stream.refresh();
    expect(sent).toEqual([]); // the client has not said what it has: nothing to send yet
    await stream.resync(1);
    db.stored = 4; // 3 and 4 published while the bus was down
    await stream.refresh();
    expect(sent).toEqual([2, 3, 4]);

    const errors: unknown[] = [];
    let failing = true;
    const flaky = new ChatStream(
      0,
      async () => {
        if (failing) throw new Error('Connection terminated unexpectedly');
        return [ev(1)];
      },
      (e) => sent.push(e.seq * 10),
      (err) => errors.push(err),
    );
    await flaky.refresh();
    expect(errors).toHaveLength(1);
    failing = false;
    await flaky.refresh();
    expect(sent.at(-1)).toBe(10);
  });

  it('whatever the interleaving of live events and syncs, the client gets 1..n once each, in order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            fc.constant('store' as const),
            fc.constant('lose' as const),
            fc.constant('sync' as const),
            fc.constant('dup' as const),
          ),
          {
            maxLength: 40,
          },
        ),
        async (steps) => {
          const { db, sent, stream } = setup(0);
          const waits: Promise<void>[] = [];
          for (const step of steps) {
            if (step === 'store' || step === 'lose') {
              db.stored++;
              if (step === 'store') stream.onLive(ev(db.stored));
            } else if (step === 'dup' && db.stored > 0) stream.onLive(ev(db.stored));
            else if (step === 'sync') waits.push(stream.catchUp());
          }
          waits.push(stream.catchUp());
          await Promise.all(waits);
          // A catch-up asked for while one runs is done by the running one (started by a live gap, not
          // awaited here): wait until it has delivered everything stored.
          await vi.waitFor(() => expect(sent.length).toBeGreaterThanOrEqual(db.stored), WAIT);
          expect(sent).toEqual(Array.from({ length: db.stored }, (_, i) => i + 1));
        },
      ),
      { numRuns: 60 },
    );
  });
});
