// SQL of the Chats section's list and a chat's record (CHT-1…3). Every query is bound to the account.
import { sql, type SqlBool } from 'kysely';
import type { ChatStatus, ChatType, Participants } from '@parley/protocol';
import type { Db } from '../../db/database.js';
import { chatFilterWhere } from './filter.js';
import type { ListCursor } from './list-rules.js';

export type ListFilter = {
  start: Date;
  end: Date;
  agentId?: string | undefined;
  campaignId?: string | undefined;
  successCodeId?: string | undefined;
  participants?: Participants | undefined;
  type?: ChatType | undefined;
  status?: ChatStatus | undefined;
};

export type ListRow = {
  id: string;
  started_at: Date;
  k_started: string;
  status: ChatStatus;
  mode: 'live' | 'nrt';
  offline_message: boolean;
  start_url: string;
  agent_id: string | null;
  agent_name: string | null;
  other_agents: number;
  campaign_id: string | null;
  campaign_title: string | null;
  visitor_id: string;
  visitor_name: string;
  rating: number | null;
  rating_scale: 'smileys' | 'thumbs' | null;
  duration_seconds: number | null;
};

/** The exact start as text (UTC, microseconds): what the cursor carries back. */
const startedKey = sql<string>`to_char(c.started_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`;

function filtered(db: Db, accountId: string, f: ListFilter) {
  return db.selectFrom('chats as c').where(chatFilterWhere({ ...f, accountId }));
}

export async function countChats(db: Db, accountId: string, f: ListFilter): Promise<number> {
  const row = await filtered(db, accountId, f)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** One page (limit + 1 rows, to know whether there is another) after `cursor`, in the order of `sort`. */
export async function listChats(
  db: Db,
  accountId: string,
  f: ListFilter,
  page: { sort: 'asc' | 'desc'; limit: number; cursor?: ListCursor | undefined },
): Promise<ListRow[]> {
  let q = filtered(db, accountId, f)
    .innerJoin('visitors as v', 'v.id', 'c.visitor_id')
    .leftJoin('users as u', 'u.id', 'c.agent_id')
    .leftJoin('campaigns as cp', 'cp.id', 'c.campaign_id')
    .select([
      'c.id',
      'c.started_at',
      'c.status',
      'c.mode',
      'c.offline_message',
      'c.start_url',
      'c.agent_id',
      'c.campaign_id',
      'c.visitor_id',
      'c.rating',
      'c.rating_scale',
      'c.duration_seconds',
      'cp.title as campaign_title',
      'v.name as visitor_name',
    ])
    .select(startedKey.as('k_started'))
    .select(sql<string | null>`nullif(trim(u.first_name || ' ' || u.last_name), '')`.as('agent_name'))
    .select(
      sql<number>`(select count(distinct a.user_id) from chat_assignments a
        where a.chat_id = c.id and a.user_id is distinct from c.agent_id)::int`.as('other_agents'),
    );
  if (page.cursor) {
    const op = sql.raw(page.sort === 'asc' ? '>' : '<');
    q = q.where(
      sql<SqlBool>`(c.started_at, c.id) ${op} ((${page.cursor.startedAt}::timestamp at time zone 'UTC'), ${page.cursor.id}::uuid)`,
    );
  }
  return (await q
    .orderBy('c.started_at', page.sort)
    .orderBy('c.id', page.sort)
    .limit(page.limit + 1)
    .execute()) as ListRow[];
}

/** Has any chat of the account been rated (the Rating column is shown then)? */
export async function accountHasRatings(db: Db, accountId: string): Promise<boolean> {
  const row = await db
    .selectFrom('chats')
    .select('id')
    .where('account_id', '=', accountId)
    .where('rating', 'is not', null)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export async function agentOptions(db: Db, accountId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'first_name', 'last_name', 'deleted_at'])
    .where('account_id', '=', accountId)
    .orderBy(sql`deleted_at is not null`)
    .orderBy(sql`lower(first_name || ' ' || last_name)`)
    .orderBy('id')
    .execute();
}

export async function campaignOptions(db: Db, accountId: string) {
  return db
    .selectFrom('campaigns')
    .select(['id', 'title'])
    .where('account_id', '=', accountId)
    .orderBy(sql`lower(title)`)
    .orderBy('id')
    .execute();
}

export async function successCodeOptions(db: Db, accountId: string) {
  return db
    .selectFrom('success_codes as s')
    .innerJoin('campaigns as c', 'c.id', 's.campaign_id')
    .select(['s.id', 's.name', 's.campaign_id', 'c.title as campaign_title'])
    .where('s.account_id', '=', accountId)
    .where('s.deleted_at', 'is', null)
    .orderBy(sql`lower(c.title)`)
    .orderBy('s.position')
    .orderBy('s.id')
    .execute();
}

// ---- one chat's record (CHT-3)

export async function recordExtras(db: Db, accountId: string, chatId: string) {
  const [assignments, codes, names] = await Promise.all([
    db
      .selectFrom('chat_assignments as a')
      .innerJoin('users as u', 'u.id', 'a.user_id')
      .select([
        'a.user_id',
        'a.reason',
        'a.assigned_at',
        'a.ended_at',
        'a.answered',
        'u.first_name',
        'u.last_name',
      ])
      .where('a.chat_id', '=', chatId)
      .where('a.account_id', '=', accountId)
      .orderBy('a.assigned_at')
      .orderBy('a.id')
      .execute(),
    db
      .selectFrom('chat_success_codes as x')
      .innerJoin('success_codes as s', 's.id', 'x.code_id')
      .select(['s.id', 's.name'])
      .where('x.chat_id', '=', chatId)
      .where('x.account_id', '=', accountId)
      .orderBy('s.position')
      .orderBy('s.id')
      .execute(),
    db
      .selectFrom('chats as c')
      .leftJoin('campaigns as cp', 'cp.id', 'c.campaign_id')
      .leftJoin('websites as w', 'w.id', 'c.website_id')
      .leftJoin('users as cu', 'cu.id', 'c.closed_by_user_id')
      .select(['cp.title as campaign_title', 'w.host as website_host'])
      .select(sql<string | null>`nullif(trim(cu.first_name || ' ' || cu.last_name), '')`.as('closer_name'))
      .where('c.id', '=', chatId)
      .where('c.account_id', '=', accountId)
      .executeTakeFirst(),
  ]);
  return { assignments, codes, names };
}
