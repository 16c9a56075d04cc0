import { CompiledQuery } from 'kysely';
import type pg from 'pg';
import { ErrorCode, UNSTORABLE_TEXT_MESSAGE, isStorableText } from '@parley/protocol';
import { poolOf, type Db } from '../../db/database.js';
import {
  APPEND_SQL,
  appendEntries,
  type AppendOutcome,
  type AppendRow,
  type AppendRunner,
  type TranscriptEntry,
} from './transcript.js';
import { isDatabaseUnavailable } from '../../db/unavailable.js';
import { AppError } from '../../errors.js';
import { writeBisecting } from './bisect.js';

/** One message to store; the chat must be this visitor's (`visitorId`) or assigned to this agent (`agentId`). */
export type MessageInput = Omit<TranscriptEntry, 'data' | 'isMessage' | 'author' | 'type'> & {
  author: 'visitor' | 'agent';
  type: 'text' | 'file';
};

export type WriteResult = AppendOutcome;

/**
 * A connection's generic plan is made on the statement's first run there and reused; made while the tables
 * were nearly empty (a new installation) it would keep scanning them whole as they grow. So the statement is
 * prepared again under a new name every REPLAN_MS (a millisecond of planning per connection), and the old one
 * deallocated.
 */
const REPLAN_MS = 10_000;
type Prepared = pg.PoolClient & {
  parleyAppend?: string;
  connection?: { parsedStatements?: Record<string, unknown> };
};

/** Sends the statement as a named prepared statement when the pool is at hand (planned once per connection). */
const runPrepared: AppendRunner = async (db, json) => {
  const pool = poolOf(db);
  if (!pool) return db.executeQuery<AppendRow>(CompiledQuery.raw(APPEND_SQL, [json]));
  const client = (await pool.connect()) as Prepared;
  let broken: unknown;
  try {
    const name = `parley_append_messages_${Math.floor(Date.now() / REPLAN_MS)}`;
    if (client.parleyAppend && client.parleyAppend !== name) {
      await client.query(`deallocate ${client.parleyAppend}`);
      delete client.connection?.parsedStatements?.[client.parleyAppend];
    }
    client.parleyAppend = name;
    return await client.query<AppendRow>({ name, text: APPEND_SQL, values: [json] });
  } catch (err) {
    broken = err;
    throw err;
  } finally {
    // A connection that failed mid-statement or was lost (pg_terminate_backend, a cut network) is not reused:
    // its prepared statements are uncertain, and the pool opens a new one on the next checkout. A statement
    // that merely failed (a constraint) leaves a healthy connection.
    const discard = broken instanceof Error && (!('code' in broken) || isDatabaseUnavailable(broken));
    client.release(discard ? (broken as Error) : undefined);
  }
};

/**
 * Stores a batch of messages in ONE statement (DESIGN: stored before acknowledged; transcript.ts says what it
 * checks and moves), sent as a named prepared statement.
 */
export async function appendMessages(db: Db, items: MessageInput[]): Promise<WriteResult[]> {
  return appendEntries(
    db,
    items.map((m) => ({ ...m, data: {}, isMessage: true })),
    runPrepared,
  );
}

/**
 * At most this many messages per statement. Each socket's messages are queued without waiting for each other
 * (realtime/connection.ts#ackWhenStored), so under load the queue holds several per chat; measured with 1,000 chats
 * saturated, batches of up to 4,000 instead of 500 carried 13,850 -> 16,200-17,650 msg/s on PostgreSQL and
 * 11,500 -> 14,000 on PGlite: the statement's fixed cost is paid less often, and the acks wait for the queue
 * anyway.
 */
const MAX_BATCH = 4000;

/**
 * Collects the messages that arrive while a batch is being written (or within one turn of the event loop) and
 * writes them together: under load one statement and one commit carry many messages; when idle a message waits
 * one tick. One batch is written at a time: measured on PostgreSQL, several small batches in parallel cost the
 * database five times the CPU of one larger batch (each statement has a fixed cost) and did not lower latency.
 * A batch that fails because of a row (a cid raced in from another instance) is split in halves until the row
 * is found (bisect.ts): only that message is refused, and one bad row costs O(log n) statements, not n.
 */
class MessageWriter {
  private queue: { item: MessageInput; resolve: (r: WriteResult) => void; reject: (e: unknown) => void }[] =
    [];
  private busy = false;

  constructor(private readonly db: Db) {}

  write(item: MessageInput): Promise<WriteResult> {
    // The edge refuses such text already (http/validator.ts, Connection.parse); whatever path skipped it, it
    // must not reach the statement, where it would fail the batch of everyone else.
    if (!isStorableText(item.body) || !isStorableText(item.authorName)) {
      return Promise.reject(
        new AppError(ErrorCode.validationFailed, UNSTORABLE_TEXT_MESSAGE, 400, {
          text: UNSTORABLE_TEXT_MESSAGE,
        }),
      );
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.busy) {
        this.busy = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      try {
        await writeBisecting(
          batch.map((b) => b.item),
          (items) => appendMessages(this.db, items),
          (i, outcome) => (outcome.ok ? batch[i]!.resolve(outcome.value) : batch[i]!.reject(outcome.error)),
        );
      } catch (err) {
        // The database is unreachable: every message not yet stored is refused with the original error (the
        // client sends it again). Settling a promise twice does nothing, so the stored ones keep their ack.
        for (const b of batch) b.reject(err);
      }
    }
    this.busy = false;
  }
}

const writers = new WeakMap<Db, MessageWriter>();

/** The batching writer of this database handle (one per process and database). */
export function messageWriter(db: Db): MessageWriter {
  let w = writers.get(db);
  if (!w) writers.set(db, (w = new MessageWriter(db)));
  return w;
}
