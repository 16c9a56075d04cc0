import { CompiledQuery } from 'kysely';
import type { ChatEvent } from '@parley/protocol';
import type { Db } from '../../db/database.js';
import type { AuthorColumn, ChatRow } from '../../db/schema.js';
import { ANSWER_FOLLOW_UPS_CTE } from '../follow-ups/index.js';

/**
 * The transcript: every message and event of a chat in one gap-free sequence (`chat_events.seq`, the chat's
 * `last_seq`). This module is the only writer of it: single entries, batches of events (routing) and batches of
 * messages (the message writer) all go through APPEND_SQL.
 */

/** One message or event to append. */
export type TranscriptEntry = {
  chatId: string;
  accountId: string;
  type: string;
  author: AuthorColumn;
  authorName: string;
  userId: string | null;
  /** The client's id of a message: a resend of a stored cid returns its seq instead of a copy. */
  cid: string | null;
  body: string;
  fileId: string | null;
  data: Record<string, unknown>;
  /** Messages move the chat's message timestamps, its first response and its deadlines; events do not. */
  isMessage: boolean;
  /** A message is stored only if the chat is this visitor's (`visitorId`) or assigned to this agent (`agentId`). */
  visitorId?: string | null;
  agentId?: string | null;
  /**
   * An event that belongs after the close (GOL-1 codes chosen afterwards, GOL-2 the visitor's rating): stored in a
   * closed chat too. Messages never are.
   */
  afterClose?: boolean;
};

/** A transcript entry that is not a message, written by the system or for a person. */
export function eventEntry(
  chat: Pick<ChatRow, 'id' | 'account_id'>,
  e: Pick<TranscriptEntry, 'type' | 'author'> & Partial<TranscriptEntry>,
): TranscriptEntry {
  return {
    chatId: chat.id,
    accountId: chat.account_id,
    authorName: '',
    userId: null,
    cid: null,
    body: '',
    fileId: null,
    data: {},
    isMessage: false,
    ...e,
  };
}

export type AppendOutcome =
  | { outcome: 'stored'; seq: number; createdAt: Date }
  | { outcome: 'duplicate'; seq: number }
  /** Not stored: no such chat for this author, or it is closed (the caller finds out which). */
  | { outcome: 'rejected' };

/**
 * One statement appends a batch to any number of chats: drops cids already stored (a resend returns the original
 * seq), checks each entry's chat belongs to its account (and author) and is open, takes the next seqs of each chat
 * by updating its row (which serialises writers of a chat across instances; rows are updated in id order so two
 * batches do not deadlock), inserts the entries gap-free, and for messages moves the chat's timestamps,
 * auto-forward deadline, NRT close deadline and the agent's "answered" mark; an agent's answer to an NRT chat
 * becomes a follow-up email in the same statement (FUP-2, follow-ups' ANSWER_FOLLOW_UPS_CTE).
 */
export const APPEND_SQL = `
  with input as (
    select * from jsonb_to_recordset($1::jsonb) as x(
      ord int, chat_id uuid, account_id uuid, type text, author text, author_name text, user_id uuid,
      cid uuid, body text, file_id uuid, data jsonb, is_message boolean, visitor_id uuid, agent_id uuid,
      after_close boolean)
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
    where i.copy = 1 and c.account_id = i.account_id
      and (c.status <> 'closed' or (i.after_close and not i.is_message))
      and (i.visitor_id is null or c.visitor_id = i.visitor_id)
      and (i.agent_id is null or c.agent_id = i.agent_id)
      and not exists (select 1 from dup d where d.ord = i.ord)
  ), counts as (
    select chat_id, count(*)::int as n, bool_or(is_message) as message,
      bool_or(is_message and author = 'agent') as agent_msg, bool_or(is_message and author = 'visitor') as visitor_msg,
      bool_and(after_close and not is_message) as late
    from allowed group by chat_id
  ), bump as (
    update chats c set
      last_seq = c.last_seq + k.n,
      last_message_at = case when k.message then now() else c.last_message_at end,
      last_visitor_message_at = case when k.visitor_msg then now() else c.last_visitor_message_at end,
      first_response_at = case when k.agent_msg and c.first_response_at is null then now() else c.first_response_at end,
      forward_deadline_at = case when k.agent_msg then null else c.forward_deadline_at end,
      close_deadline_at = case when k.agent_msg and c.mode = 'nrt'
        then now() + coalesce((select close_after_minutes from campaigns where id = c.campaign_id), 60) * interval '1 minute'
        else c.close_deadline_at end
    from (select * from counts order by chat_id) k
    where c.id = k.chat_id and (c.status <> 'closed' or k.late)
    returning c.id, c.last_seq - k.n as base
  ), bases as (
    select coalesce(jsonb_object_agg(id::text, base), '{}'::jsonb) as base from bump
  ), numbered as (
    select a.*, ((select base from bases) ->> a.chat_id::text)::int + a.rn as seq
    from allowed a
    where (select base from bases) ? a.chat_id::text
  ), answered as (
    update chat_assignments s set answered = true
    from (select distinct chat_id, user_id from numbered where is_message and author = 'agent') x
    where s.chat_id = x.chat_id and s.user_id = x.user_id and s.ended_at is null and not s.answered
  ), ins as (
    insert into chat_events (chat_id, seq, account_id, type, author, author_name, user_id, cid, body, file_id, data)
    select chat_id, seq, account_id, type, author, author_name, user_id, cid, body, file_id, coalesce(data, '{}'::jsonb)
    from numbered
  ), ${ANSWER_FOLLOW_UPS_CTE}
  select n.ord, n.seq, now() as created_at, null::int as dup_seq from numbered n
  union all
  select d.ord, null, null, d.seq from dup d
`;

export type AppendRow = { ord: number; seq: number | null; created_at: Date | null; dup_seq: number | null };

/** How APPEND_SQL is sent: by default as a plain statement; the message writer sends it prepared. */
export type AppendRunner = (db: Db, json: string) => Promise<{ rows: AppendRow[] }>;

const runPlain: AppendRunner = (db, json) =>
  db.executeQuery<AppendRow>(CompiledQuery.raw(APPEND_SQL, [json]));

/** Appends entries to their chats in one statement; one outcome per entry, in order. */
export async function appendEntries(
  db: Db,
  entries: readonly TranscriptEntry[],
  run: AppendRunner = runPlain,
): Promise<AppendOutcome[]> {
  if (entries.length === 0) return [];
  const input = entries.map((e, ord) => ({
    ord,
    chat_id: e.chatId,
    account_id: e.accountId,
    type: e.type,
    author: e.author,
    author_name: e.authorName,
    user_id: e.userId,
    cid: e.cid,
    body: e.body,
    file_id: e.fileId,
    data: e.data,
    is_message: e.isMessage,
    visitor_id: e.visitorId ?? null,
    agent_id: e.agentId ?? null,
    after_close: e.afterClose ?? false,
  }));
  const { rows } = await run(db, JSON.stringify(input));
  const byOrd = new Map(rows.map((r) => [r.ord, r]));
  const results: AppendOutcome[] = entries.map((_, ord) => {
    const r = byOrd.get(ord);
    if (r?.dup_seq != null) return { outcome: 'duplicate', seq: r.dup_seq };
    if (r?.seq != null && r.created_at)
      return { outcome: 'stored', seq: r.seq, createdAt: new Date(r.created_at) };
    return { outcome: 'rejected' };
  });
  // A cid sent twice within one batch: the later copy gets the first one's seq.
  const firstOf = new Map<string, number>();
  entries.forEach((e, ord) => {
    if (!e.cid) return;
    const key = `${e.chatId} ${e.cid}`;
    const first = firstOf.get(key);
    if (first === undefined) return void firstOf.set(key, ord);
    const res = results[first]!;
    if (results[ord]!.outcome === 'rejected' && res.outcome !== 'rejected')
      results[ord] = { outcome: 'duplicate', seq: res.seq };
  });
  return results;
}

/** Appends one entry (inside the caller's transaction when it holds the chat locked). */
export async function appendEntry(db: Db, entry: TranscriptEntry): Promise<AppendOutcome> {
  return (await appendEntries(db, [entry]))[0]!;
}

/** The transcript entry as clients see it, built from what was written (nothing is read back). */
export function storedEvent(
  e: Pick<TranscriptEntry, 'type' | 'author' | 'authorName' | 'userId' | 'body' | 'data'>,
  seq: number,
  createdAt: Date,
  file: ChatEvent['file'] = null,
): ChatEvent {
  return {
    seq,
    type: e.type as ChatEvent['type'],
    author: e.author,
    authorName: e.authorName,
    userId: e.userId,
    text: e.body,
    file,
    data: e.data,
    createdAt: createdAt.toISOString(),
  };
}

/** Appends events and returns those stored, as clients see them, in order. */
export async function appendEvents(db: Db, entries: readonly TranscriptEntry[]): Promise<ChatEvent[]> {
  const outcomes = await appendEntries(db, entries);
  const stored: ChatEvent[] = [];
  outcomes.forEach((o, i) => {
    if (o.outcome === 'stored') stored.push(storedEvent(entries[i]!, o.seq, o.createdAt));
  });
  return stored;
}
