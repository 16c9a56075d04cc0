import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { AuthorColumn, ChatRow } from '../../db/schema.js';
import type { EventRowWithFile, SummaryRow } from './dto.js';

export async function findChat(db: Db, accountId: string, id: string): Promise<ChatRow | undefined> {
  return db
    .selectFrom('chats')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function findChatById(db: Db, id: string): Promise<ChatRow | undefined> {
  return db.selectFrom('chats').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function lockChat(db: Db, accountId: string, id: string): Promise<ChatRow | undefined> {
  return db
    .selectFrom('chats')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export type NewEvent = {
  chatId: string;
  accountId: string;
  type: string;
  author: AuthorColumn;
  authorName: string;
  userId: string | null;
  cid: string | null;
  body: string;
  fileId: string | null;
  data: Record<string, unknown>;
  /** Messages move the chat's message timestamps; events do not. */
  isMessage: boolean;
  /** Events such as `closed` are written while closing; messages never go into a closed chat. */
  allowClosed?: boolean;
};

export type AppendResult =
  | { outcome: 'stored'; seq: number; createdAt: Date; firstResponse: boolean }
  | { outcome: 'duplicate'; seq: number }
  | { outcome: 'closed' };

/**
 * Appends one message or event with the chat's next sequence number, in one statement: the chat row's update
 * takes the next seq (and serialises writers of this chat), the insert stores it. A `cid` seen before in this
 * chat returns its original seq instead (a resend is harmless).
 */
export async function appendEvent(db: Db, e: NewEvent): Promise<AppendResult> {
  const isAgentMessage = e.isMessage && e.author === 'agent';
  const isVisitorMessage = e.isMessage && e.author === 'visitor';
  const row = await sql<{
    dup_seq: number | null;
    seq: number | null;
    created_at: Date | null;
    first_response: boolean | null;
  }>`
    with dup as (
      select seq from chat_events where chat_id = ${e.chatId} and cid = ${e.cid}::uuid
    ), bump as (
      update chats set
        last_seq = last_seq + 1,
        last_message_at = case when ${e.isMessage} then now() else last_message_at end,
        last_visitor_message_at = case when ${isVisitorMessage} then now() else last_visitor_message_at end,
        first_response_at = case when ${isAgentMessage} and first_response_at is null then now() else first_response_at end,
        forward_deadline_at = case when ${isAgentMessage} then null else forward_deadline_at end
      where id = ${e.chatId} and account_id = ${e.accountId}
        and (status <> 'closed' or ${e.allowClosed ?? false})
        and not exists (select 1 from dup)
      returning last_seq, (${isAgentMessage} and first_response_at = now()) as first_response
    ), answered as (
      update chat_assignments set answered = true
      where ${isAgentMessage} and chat_id = ${e.chatId} and user_id = ${e.userId}::uuid and ended_at is null
        and not answered and exists (select 1 from bump)
    ), ins as (
      insert into chat_events (chat_id, seq, account_id, type, author, author_name, user_id, cid, body, file_id, data)
      select ${e.chatId}, last_seq, ${e.accountId}, ${e.type}, ${e.author}, ${e.authorName}, ${e.userId}::uuid,
        ${e.cid}::uuid, ${e.body}, ${e.fileId}::uuid, ${JSON.stringify(e.data)}::jsonb
      from bump
      returning seq, created_at
    )
    select (select seq from dup) as dup_seq, (select seq from ins) as seq, (select created_at from ins) as created_at,
      (select first_response from bump) as first_response
  `.execute(db);
  const r = row.rows[0];
  if (r?.dup_seq != null) return { outcome: 'duplicate', seq: r.dup_seq };
  if (r?.seq != null && r.created_at) {
    return {
      outcome: 'stored',
      seq: r.seq,
      createdAt: new Date(r.created_at),
      firstResponse: r.first_response === true,
    };
  }
  return { outcome: 'closed' };
}

export async function findEventByCid(db: Db, chatId: string, cid: string): Promise<number | undefined> {
  const row = await db
    .selectFrom('chat_events')
    .select('seq')
    .where('chat_id', '=', chatId)
    .where('cid', '=', cid)
    .executeTakeFirst();
  return row?.seq;
}

const eventColumns = (db: Db) =>
  db
    .selectFrom('chat_events as e')
    .leftJoin('files as f', 'f.id', 'e.file_id')
    .selectAll('e')
    .select(['f.name as file_name', 'f.size as file_size', 'f.content_type as file_type']);

export async function eventsAfter(
  db: Db,
  chatId: string,
  afterSeq: number,
  limit = 1000,
): Promise<EventRowWithFile[]> {
  return (await eventColumns(db)
    .where('e.chat_id', '=', chatId)
    .where('e.seq', '>', afterSeq)
    .orderBy('e.seq')
    .limit(limit)
    .execute()) as EventRowWithFile[];
}

export async function eventAt(db: Db, chatId: string, seq: number): Promise<EventRowWithFile | undefined> {
  return (await eventColumns(db)
    .where('e.chat_id', '=', chatId)
    .where('e.seq', '=', seq)
    .executeTakeFirst()) as EventRowWithFile | undefined;
}

export async function insertChat(
  db: Db,
  values: {
    account_id: string;
    campaign_id: string | null;
    website_id: string;
    visitor_id: string;
    visit_id: string | null;
    start_cid: string;
    start_url: string;
    visitor_instance_id: string;
  },
): Promise<ChatRow | undefined> {
  return db
    .insertInto('chats')
    .values({ ...values, status: 'queued', queued_at: new Date() })
    .onConflict((oc) => oc.columns(['visitor_id', 'start_cid']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function findChatByStartCid(
  db: Db,
  visitorId: string,
  cid: string,
): Promise<ChatRow | undefined> {
  return db
    .selectFrom('chats')
    .selectAll()
    .where('visitor_id', '=', visitorId)
    .where('start_cid', '=', cid)
    .executeTakeFirst();
}

export async function openChatOfVisitor(db: Db, visitorId: string): Promise<ChatRow | undefined> {
  return db
    .selectFrom('chats')
    .selectAll()
    .where('visitor_id', '=', visitorId)
    .where('status', '<>', 'closed')
    .orderBy('started_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The visitor's open chats and their latest closed one (so an answer given while they were away is seen). */
export async function chatsForVisitor(db: Db, visitorId: string): Promise<ChatRow[]> {
  const open = await db
    .selectFrom('chats')
    .selectAll()
    .where('visitor_id', '=', visitorId)
    .where('status', '<>', 'closed')
    .orderBy('started_at')
    .execute();
  if (open.length > 0) return open;
  const last = await db
    .selectFrom('chats')
    .selectAll()
    .where('visitor_id', '=', visitorId)
    .where('status', '=', 'closed')
    .where('closed_at', '>', sql<Date>`now() - interval '7 days'`)
    .orderBy('closed_at', 'desc')
    .limit(1)
    .execute();
  return last;
}

export async function countVisitorChats(db: Db, visitorId: string): Promise<number> {
  const r = await db
    .selectFrom('chats')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('visitor_id', '=', visitorId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function queuePosition(db: Db, chat: ChatRow): Promise<number | null> {
  if (chat.status !== 'queued' || !chat.queued_at) return null;
  const r = await db
    .selectFrom('chats')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_id', '=', chat.account_id)
    .where('status', '=', 'queued')
    .where(sql<boolean>`(queued_at, id) <= (${chat.queued_at}, ${chat.id}::uuid)`)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function queuedWithPositions(
  db: Db,
  accountId: string,
): Promise<(ChatRow & { position: number })[]> {
  return (await db
    .selectFrom('chats')
    .selectAll()
    .select(sql<number>`row_number() over (order by queued_at, id)`.as('position'))
    .where('account_id', '=', accountId)
    .where('status', '=', 'queued')
    .execute()) as (ChatRow & { position: number })[];
}

/** Chats with the fields the console lists: campaign title, visitor and the last message. */
export function summaries(db: Db) {
  return db
    .selectFrom('chats as c')
    .innerJoin('visitors as v', 'v.id', 'c.visitor_id')
    .leftJoin('campaigns as k', 'k.id', 'c.campaign_id')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('chat_events as m')
          .select(['m.body', 'm.author', 'm.created_at'])
          .whereRef('m.chat_id', '=', 'c.id')
          .where('m.type', 'in', ['text', 'file'])
          .orderBy('m.seq', 'desc')
          .limit(1)
          .as('last'),
      (join) => join.onTrue(),
    )
    .selectAll('c')
    .select([
      'k.title as campaign_title',
      'v.name as visitor_name',
      'v.email as visitor_email',
      'last.body as last_body',
      'last.author as last_author',
      'last.created_at as last_at',
    ]);
}

export async function summaryOf(db: Db, chatId: string): Promise<SummaryRow | undefined> {
  return (await summaries(db).where('c.id', '=', chatId).executeTakeFirst()) as SummaryRow | undefined;
}

export async function openSummariesOfAgent(db: Db, accountId: string, userId: string): Promise<SummaryRow[]> {
  return (await summaries(db)
    .where('c.account_id', '=', accountId)
    .where('c.agent_id', '=', userId)
    .where('c.status', '<>', 'closed')
    .orderBy('c.started_at')
    .execute()) as SummaryRow[];
}

/** Files the visitor has sent in a chat (per-chat upload cap). */
export async function countVisitorFiles(db: Db, chatId: string): Promise<number> {
  const row = await db
    .selectFrom('chat_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('chat_id', '=', chatId)
    .where('type', '=', 'file')
    .where('author', '=', 'visitor')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
