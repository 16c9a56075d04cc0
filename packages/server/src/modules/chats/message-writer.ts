import { CompiledQuery } from 'kysely';
import type pg from 'pg';
import { ErrorCode, UNSTORABLE_TEXT_MESSAGE, isStorableText } from '@livechat/protocol';
import { poolOf, type Db } from '../../db/database.js';
import { isDatabaseUnavailable } from '../../db/unavailable.js';
import { AppError } from '../../errors.js';
import { writeBisecting } from './bisect.js';

/** One message to store; the chat must be this visitor's (`visitorId`) or assigned to this agent (`agentId`). */
export type MessageInput = {
  chatId: string;
  accountId: string;
  author: 'visitor' | 'agent';
  authorName: string;
  userId: string | null;
  visitorId: string | null;
  agentId: string | null;
  cid: string | null;
  type: 'text' | 'file';
  body: string;
  fileId: string | null;
};

export type WriteResult =
  | { outcome: 'stored'; seq: number; createdAt: Date }
  | { outcome: 'duplicate'; seq: number }
  /** Not stored: no such chat for this author, or it is closed (the caller finds out which). */
  | { outcome: 'rejected' };

type Row = { ord: number; seq: number | null; created_at: Date | null; dup_seq: number | null };

const APPEND_SQL = `
  with input as (
    select * from jsonb_to_recordset($1::jsonb) as x(
      ord int, chat_id uuid, account_id uuid, type text, author text, author_name text, user_id uuid,
      cid uuid, body text, file_id uuid, visitor_id uuid, agent_id uuid)
  ), dup as (
    -- One index probe per message: as a join, an input the planner guesses at 100 rows made it hash a scan
    -- of the whole table while that was small enough (it is small for a while in every new installation).
    -- A stored cid counts only for its author: in the author's account, and the agent's own message (sent
    -- before a transfer) or a chat this author may write to — another account's or visitor's (chat, cid) must
    -- not be acknowledged with its seq. The chat is read only when the cid was found (a resend).
    select d.ord, d.seq from (
      select i.ord, (
        select e.seq from chat_events e
        where e.chat_id = i.chat_id and e.cid = i.cid and e.account_id = i.account_id
          and (e.user_id = i.user_id or exists (
            select 1 from chats c where c.id = e.chat_id
              and (i.visitor_id is null or c.visitor_id = i.visitor_id)
              and (i.agent_id is null or c.agent_id = i.agent_id)))
      ) as seq
      from input i
    ) d where d.seq is not null
  ), firsts as (
    select i.*, row_number() over (partition by i.chat_id, coalesce(i.cid::text, i.ord::text) order by i.ord) as copy
    from input i
  ), allowed as (
    select i.*, row_number() over (partition by i.chat_id order by i.ord)::int as rn
    from firsts i join chats c on c.id = i.chat_id
    where i.copy = 1 and c.account_id = i.account_id and c.status <> 'closed'
      and (i.visitor_id is null or c.visitor_id = i.visitor_id)
      and (i.agent_id is null or c.agent_id = i.agent_id)
      and not exists (select 1 from dup d where d.ord = i.ord)
  ), counts as (
    select chat_id, count(*)::int as n, bool_or(author = 'agent') as agent_msg, bool_or(author = 'visitor') as visitor_msg
    from allowed group by chat_id
  ), bump as (
    update chats c set
      last_seq = c.last_seq + k.n,
      last_message_at = now(),
      last_visitor_message_at = case when k.visitor_msg then now() else c.last_visitor_message_at end,
      first_response_at = case when k.agent_msg and c.first_response_at is null then now() else c.first_response_at end,
      forward_deadline_at = case when k.agent_msg then null else c.forward_deadline_at end,
      close_deadline_at = case when k.agent_msg and c.mode = 'nrt'
        then now() + coalesce((select close_after_minutes from campaigns where id = c.campaign_id), 60) * interval '1 minute'
        else c.close_deadline_at end
    from (select * from counts order by chat_id) k
    where c.id = k.chat_id and c.status <> 'closed'
    returning c.id, c.last_seq - k.n as base
  ), bases as (
    select coalesce(jsonb_object_agg(id::text, base), '{}'::jsonb) as base from bump
  ), numbered as (
    select a.*, ((select base from bases) ->> a.chat_id::text)::int + a.rn as seq
    from allowed a
    where (select base from bases) ? a.chat_id::text
  ), answered as (
    update chat_assignments s set answered = true
    from (select distinct chat_id, user_id from numbered where author = 'agent') x
    where s.chat_id = x.chat_id and s.user_id = x.user_id and s.ended_at is null and not s.answered
  ), ins as (
    insert into chat_events (chat_id, seq, account_id, type, author, author_name, user_id, cid, body, file_id)
    select chat_id, seq, account_id, type, author, author_name, user_id, cid, body, file_id from numbered
  )
  select n.ord, n.seq, now() as created_at, null::int as dup_seq from numbered n
  union all
  select d.ord, null, null, d.seq from dup d
`;

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
async function run(db: Db, json: string): Promise<{ rows: Row[] }> {
  const pool = poolOf(db);
  if (!pool) return db.executeQuery<Row>(CompiledQuery.raw(APPEND_SQL, [json]));
  const client = (await pool.connect()) as Prepared;
  let broken: unknown;
  try {
    const name = `parley_append_messages_${Math.floor(Date.now() / REPLAN_MS)}`;
    if (client.parleyAppend && client.parleyAppend !== name) {
      await client.query(`deallocate ${client.parleyAppend}`);
      delete client.connection?.parsedStatements?.[client.parleyAppend];
    }
    client.parleyAppend = name;
    return await client.query<Row>({ name, text: APPEND_SQL, values: [json] });
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
}

/**
 * Stores a batch of messages in ONE statement (DESIGN: stored before acknowledged): drops cids already stored
 * (a resend returns the original seq), checks each message's chat belongs to its author and is open, takes the
 * next seqs of each chat by updating its row (which serialises writers of a chat across instances; rows are
 * updated in id order so two batches do not deadlock on each other), inserts the events gap-free, and moves the
 * chat's timestamps, auto-forward deadline, NRT close deadline and the agent's "answered" mark.
 */
export async function appendMessages(db: Db, items: MessageInput[]): Promise<WriteResult[]> {
  const input = items.map((m, ord) => ({
    ord,
    chat_id: m.chatId,
    account_id: m.accountId,
    type: m.type,
    author: m.author,
    author_name: m.authorName,
    user_id: m.userId,
    cid: m.cid,
    body: m.body,
    file_id: m.fileId,
    visitor_id: m.visitorId,
    agent_id: m.agentId,
  }));
  const { rows } = await run(db, JSON.stringify(input));

  const byOrd = new Map(rows.map((r) => [r.ord, r]));
  const results: WriteResult[] = items.map((_, ord) => {
    const r = byOrd.get(ord);
    if (r?.dup_seq != null) return { outcome: 'duplicate', seq: r.dup_seq };
    if (r?.seq != null && r.created_at)
      return { outcome: 'stored', seq: r.seq, createdAt: new Date(r.created_at) };
    return { outcome: 'rejected' };
  });
  // A cid sent twice within one batch: the later copy gets the first one's seq.
  const firstOf = new Map<string, number>();
  items.forEach((m, ord) => {
    if (!m.cid) return;
    const key = `${m.chatId} ${m.cid}`;
    const first = firstOf.get(key);
    if (first === undefined) return void firstOf.set(key, ord);
    const res = results[first]!;
    if (results[ord]!.outcome === 'rejected' && res.outcome !== 'rejected')
      results[ord] = { outcome: 'duplicate', seq: res.seq };
  });
  return results;
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
