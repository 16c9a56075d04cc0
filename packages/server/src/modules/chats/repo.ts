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
    /** INV-2: an offline message is an NRT chat from the start, marked as one. */
    mode?: 'nrt';
    offline_message?: boolean;
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

/** Live visitors' places: offline messages (INV-2) wait for an agent too, but have no place and take none. */
export async function queuePosition(db: Db, chat: ChatRow): Promise<number | null> {
  if (chat.status !== 'queued' || !chat.queued_at || chat.offline_message) return null;
  const r = await db
    .selectFrom('chats')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_id', '=', chat.account_id)
    .where('status', '=', 'queued')
    .where('offline_message', '=', false)
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
    .where('offline_message', '=', false)
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

/** The agent's name and photo setting, as visitors see them. */
export async function findAgentProfile(db: Db, userId: string) {
  return db
    .selectFrom('users')
    .select(['first_name', 'nickname', 'photo_file_id', 'show_photo'])
    .where('id', '=', userId)
    .executeTakeFirst();
}

export async function agentProfile(db: Db, userId: string) {
  return db
    .selectFrom('users')
    .select(['first_name', 'nickname'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
}

/**
 * Closes a chat row (inside the closing transaction): status, who and when, no more deadlines, and the facts
 * statistics read (duration, first response time); the open assignment ends with it.
 */
export async function markClosed(
  tx: Db,
  chat: ChatRow,
  by: { by: AuthorColumn; userId: string | null; at: Date },
): Promise<ChatRow> {
  const startedAt = new Date(chat.started_at);
  const seconds = (t: Date) => Math.round((t.getTime() - startedAt.getTime()) / 1000);
  const closed = await tx
    .updateTable('chats')
    .set({
      status: 'closed',
      closed_at: by.at,
      closed_by: by.by,
      closed_by_user_id: by.userId,
      left_deadline_at: null,
      close_deadline_at: null,
      forward_deadline_at: null,
      duration_seconds: seconds(by.at),
      // STA-8: from the chat's first assignment to the first agent message (docs/statistics.md).
      first_response_seconds:
        chat.first_response_at && chat.first_assigned_at
          ? Math.max(
              0,
              Math.round(
                (new Date(chat.first_response_at).getTime() - new Date(chat.first_assigned_at).getTime()) /
                  1000,
              ),
            )
          : null,
    })
    .where('id', '=', chat.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await tx
    .updateTable('chat_assignments')
    .set({ ended_at: by.at })
    .where('chat_id', '=', chat.id)
    .where('ended_at', 'is', null)
    .execute();
  return closed;
}

/** The visitor's socket is here: their open chats wait for nobody, and follow this instance. */
export async function holdVisitorChats(db: Db, visitorId: string, instanceId: string): Promise<void> {
  await db
    .updateTable('chats')
    .set({ left_deadline_at: null, visitor_instance_id: instanceId })
    .where('visitor_id', '=', visitorId)
    .where('status', '<>', 'closed')
    .where((eb) =>
      eb.or([
        eb('left_deadline_at', 'is not', null),
        eb('visitor_instance_id', 'is distinct from', instanceId),
      ]),
    )
    .execute();
}

/** Open chats whose visitor was marked left. */
export async function chatsAwaitingVisitor(db: Db, visitorId: string) {
  return db
    .selectFrom('chats')
    .select(['id', 'account_id'])
    .where('visitor_id', '=', visitorId)
    .where('status', '<>', 'closed')
    .where('visitor_present', '=', false)
    .execute();
}

export async function markVisitorBack(tx: Db, chatId: string): Promise<void> {
  await tx
    .updateTable('chats')
    .set({ visitor_present: true, visitor_left_at: null, mode: 'live', close_deadline_at: null })
    .where('id', '=', chatId)
    .execute();
}

/** The visitor's last socket may be gone: their open chats get a "left" deadline (the campaign's grace). */
export async function startLeftDeadlines(db: Db, visitorId: string): Promise<void> {
  await db
    .updateTable('chats')
    .set({
      left_deadline_at: sql<Date>`coalesce(left_deadline_at, now() + coalesce(
        (select visitor_left_after_seconds from campaigns where campaigns.id = chats.campaign_id), 60
      ) * interval '1 second')`,
    })
    .where('visitor_id', '=', visitorId)
    .where('status', '<>', 'closed')
    .where('visitor_present', '=', true)
    .execute();
}

/** The visitor is gone: the chat goes on as NRT and closes after the campaign's inactivity time. */
export async function markVisitorLeft(
  tx: Db,
  chatId: string,
  closeAfterMinutes: number,
): Promise<ChatRow | undefined> {
  return tx
    .updateTable('chats')
    .set({
      visitor_present: false,
      visitor_left_at: new Date(),
      mode: 'nrt',
      left_deadline_at: null,
      close_deadline_at: new Date(Date.now() + closeAfterMinutes * 60_000),
    })
    .where('id', '=', chatId)
    .returningAll()
    .executeTakeFirst();
}

/** How many events of a type a chat has (its transcript is one chat's rows of the primary key). */
export async function countEvents(db: Db, chatId: string, type: string): Promise<number> {
  const row = await db
    .selectFrom('chat_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('chat_id', '=', chatId)
    .where('type', '=', type)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** GOL-2: the visitor's answer to the survey of a closed chat (inside the answering transaction). */
export async function recordRating(
  tx: Db,
  chatId: string,
  r: { rating: number; scale: 'smileys' | 'thumbs'; comment: string | null; sent: boolean },
): Promise<ChatRow> {
  const now = new Date();
  return tx
    .updateTable('chats')
    .set({
      rating: r.rating,
      rating_scale: r.scale,
      rating_comment: r.comment,
      rated_at: now,
      ...(r.sent ? { survey_sent_at: now } : {}),
    })
    .where('id', '=', chatId)
    .returningAll()
    .executeTakeFirstOrThrow();
}
