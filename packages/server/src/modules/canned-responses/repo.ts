import { sql, type RawBuilder } from 'kysely';
import { CANNED_UNDO_SECONDS, type CannedForum, type CannedHit, type CannedResponse } from '@parley/protocol';
import type { Db } from '../../db/database.js';

// The SQL of canned responses (TLS-2…TLS-4, migration 020). Every statement names the account. A Q&A is "in use"
// while `removed_at` is null, "being removed" for CANNED_UNDO_SECONDS after it was set (measured by the
// database's clock, the one that set it), and gone after that.

const undoWindow = sql.raw(`interval '${CANNED_UNDO_SECONDS} seconds'`);
/** Still in use, or removed so recently that it can be brought back. */
const visible = sql<boolean>`(r.removed_at is null or r.removed_at > now() - ${undoWindow})`;
/** Milliseconds left to undo (null while in use), as the database counts them. */
const undoMsLeft = sql<number | null>`case when r.removed_at is null then null
  else greatest(0, ceil(extract(epoch from (r.removed_at + ${undoWindow} - now())) * 1000))::int end`;
/** Removed before this long ago: nobody can see or bring them back; deleted when the account removes another. */
const purgeAfter = sql.raw(`interval '${CANNED_UNDO_SECONDS + 60} seconds'`);

// ------------------------------------------------------------------------------------------------ forums

export async function listForums(db: Db, accountId: string, onlyId?: string): Promise<CannedForum[]> {
  let q = db
    .selectFrom('canned_forums as f')
    .select((eb) => [
      'f.id',
      'f.title',
      eb
        .selectFrom('canned_responses as r')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('r.forum_id', '=', 'f.id')
        .where('r.removed_at', 'is', null)
        .as('responses'),
    ])
    .where('f.account_id', '=', accountId);
  if (onlyId) q = q.where('f.id', '=', onlyId);
  const rows = await q
    .orderBy(sql`lower(f.title)`)
    .orderBy('f.id')
    .execute();
  return rows.map((r) => ({ id: r.id, title: r.title, responses: r.responses ?? 0 }));
}

export async function findForum(
  db: Db,
  accountId: string,
  forumId: string,
): Promise<CannedForum | undefined> {
  return (await listForums(db, accountId, forumId))[0];
}

/** Is the title taken by another forum of the account (whatever its case)? */
export async function forumTitleTaken(
  db: Db,
  accountId: string,
  title: string,
  exceptId?: string,
): Promise<boolean> {
  let q = db
    .selectFrom('canned_forums')
    .select('id')
    .where('account_id', '=', accountId)
    .where(sql`lower(title)`, '=', sql`lower(${title})`);
  if (exceptId) q = q.where('id', '<>', exceptId);
  return !!(await q.executeTakeFirst());
}

export async function insertForum(db: Db, accountId: string, title: string): Promise<string> {
  const row = await db
    .insertInto('canned_forums')
    .values({ account_id: accountId, title })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function renameForum(
  db: Db,
  accountId: string,
  forumId: string,
  title: string,
): Promise<boolean> {
  const r = await db
    .updateTable('canned_forums')
    .set({ title })
    .where('account_id', '=', accountId)
    .where('id', '=', forumId)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/** Deletes the forum, its Q&As and its place in campaigns' selections (cascades). */
export async function deleteForum(db: Db, accountId: string, forumId: string): Promise<boolean> {
  const r = await db
    .deleteFrom('canned_forums')
    .where('account_id', '=', accountId)
    .where('id', '=', forumId)
    .executeTakeFirst();
  return r.numDeletedRows > 0n;
}

// ------------------------------------------------------------------------------------------------ Q&As

type ResponseRow = {
  id: string;
  forum_id: string;
  shortkey: string;
  question: string;
  answer: string;
  undo_ms_left: number | null;
  updated_at: Date | string;
};

const toResponse = (r: ResponseRow): CannedResponse => ({
  id: r.id,
  forumId: r.forum_id,
  shortkey: r.shortkey,
  question: r.question,
  answer: r.answer,
  undoMsLeft: r.undo_ms_left,
  updatedAt: new Date(r.updated_at).toISOString(),
});

const responseColumns = [
  'r.id',
  'r.forum_id',
  'r.shortkey',
  'r.question',
  'r.answer',
  undoMsLeft.as('undo_ms_left'),
  'r.updated_at',
] as const;

/** The forum's Q&As in the order they were added: those in use and those being removed. */
export async function listResponses(db: Db, accountId: string, forumId: string): Promise<CannedResponse[]> {
  const rows = await db
    .selectFrom('canned_responses as r')
    .select(responseColumns)
    .where('r.account_id', '=', accountId)
    .where('r.forum_id', '=', forumId)
    .where(visible)
    .orderBy('r.created_at')
    .orderBy('r.id')
    .execute();
  return rows.map(toResponse);
}

/** A Q&A in use or being removed (a Q&A removed for good is not found). */
export async function findResponse(
  db: Db,
  accountId: string,
  id: string,
): Promise<CannedResponse | undefined> {
  const row = await db
    .selectFrom('canned_responses as r')
    .select(responseColumns)
    .where('r.account_id', '=', accountId)
    .where('r.id', '=', id)
    .where(visible)
    .executeTakeFirst();
  return row && toResponse(row);
}

/** Is the shortkey taken by another Q&A in use in the forum (whatever its case)? */
export async function shortkeyTaken(
  db: Db,
  accountId: string,
  forumId: string,
  shortkey: string,
  exceptId?: string,
): Promise<boolean> {
  if (shortkey === '') return false;
  let q = db
    .selectFrom('canned_responses')
    .select('id')
    .where('account_id', '=', accountId)
    .where('forum_id', '=', forumId)
    .where('removed_at', 'is', null)
    .where('shortkey', '<>', '')
    .where(sql`lower(shortkey)`, '=', sql`lower(${shortkey})`);
  if (exceptId) q = q.where('id', '<>', exceptId);
  return !!(await q.executeTakeFirst());
}

export async function insertResponse(
  db: Db,
  accountId: string,
  forumId: string,
  v: { shortkey: string; question: string; answer: string },
): Promise<string> {
  const row = await db
    .insertInto('canned_responses')
    .values({ account_id: accountId, forum_id: forumId, ...v })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Changes the fields of a Q&A in use; false when it is not (removed, or not there). */
export async function updateResponse(
  db: Db,
  accountId: string,
  id: string,
  v: { shortkey?: string | undefined; question?: string | undefined; answer?: string | undefined },
): Promise<boolean> {
  const set: { shortkey?: string; question?: string; answer?: string; updated_at: Date } = {
    updated_at: new Date(),
  };
  if (v.shortkey !== undefined) set.shortkey = v.shortkey;
  if (v.question !== undefined) set.question = v.question;
  if (v.answer !== undefined) set.answer = v.answer;
  const r = await db
    .updateTable('canned_responses')
    .set(set)
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/** TLS-3: starts the removal of a Q&A in use (one being removed keeps its first time). */
export async function markRemoved(db: Db, accountId: string, id: string): Promise<void> {
  await db
    .updateTable('canned_responses')
    .set({ removed_at: sql<Date>`now()` })
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .where('removed_at', 'is', null)
    .execute();
}

/** "Undo Removal" while it can be: true when the Q&A is in use again. */
export async function unmarkRemoved(db: Db, accountId: string, id: string): Promise<boolean> {
  const r = await db
    .updateTable('canned_responses as r')
    .set({ removed_at: null })
    .where('r.account_id', '=', accountId)
    .where('r.id', '=', id)
    .where('r.removed_at', 'is not', null)
    .where(visible)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/** Was this Q&A of the account removed for good (and not purged yet)? */
export async function removedForGood(db: Db, accountId: string, id: string): Promise<boolean> {
  const row = await db
    .selectFrom('canned_responses as r')
    .select('r.id')
    .where('r.account_id', '=', accountId)
    .where('r.id', '=', id)
    .where('r.removed_at', 'is not', null)
    .where(sql<boolean>`not ${visible}`)
    .executeTakeFirst();
  return !!row;
}

/** Deletes the account's Q&As removed for good a while ago (a minute past the undo window). */
export async function purgeRemoved(db: Db, accountId: string): Promise<number> {
  const r = await db
    .deleteFrom('canned_responses')
    .where('account_id', '=', accountId)
    .where('removed_at', 'is not', null)
    .where('removed_at', '<', sql<Date>`now() - ${purgeAfter}`)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

// ------------------------------------------------------------------------------------------------ campaigns

/** The forums a campaign's agents see, by title. */
export async function campaignForums(
  db: Db,
  accountId: string,
  campaignId: string,
): Promise<{ id: string; title: string }[]> {
  return db
    .selectFrom('campaign_canned_forums as c')
    .innerJoin('canned_forums as f', 'f.id', 'c.forum_id')
    .select(['f.id', 'f.title'])
    .where('c.account_id', '=', accountId)
    .where('c.campaign_id', '=', campaignId)
    .orderBy(sql`lower(f.title)`)
    .orderBy('f.id')
    .execute();
}

/** Of `ids`, those that are not forums of the account. */
export async function forumsNotInAccount(db: Db, accountId: string, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const found = await db
    .selectFrom('canned_forums')
    .select('id')
    .where('account_id', '=', accountId)
    .where('id', 'in', ids)
    .execute();
  const known = new Set(found.map((r) => r.id));
  return ids.filter((id) => !known.has(id));
}

export async function campaignExists(db: Db, accountId: string, campaignId: string): Promise<boolean> {
  const row = await db
    .selectFrom('campaigns')
    .select('id')
    .where('account_id', '=', accountId)
    .where('id', '=', campaignId)
    .executeTakeFirst();
  return !!row;
}

/** Makes `forumIds` the campaign's selection (inside the caller's transaction). */
export async function setCampaignForums(
  tx: Db,
  accountId: string,
  campaignId: string,
  forumIds: string[],
): Promise<void> {
  await tx
    .deleteFrom('campaign_canned_forums')
    .where('account_id', '=', accountId)
    .where('campaign_id', '=', campaignId)
    .execute();
  if (forumIds.length)
    await tx
      .insertInto('campaign_canned_forums')
      .values(forumIds.map((forum_id) => ({ campaign_id: campaignId, forum_id, account_id: accountId })))
      .execute();
}

/**
 * CMP-1 "duplicate": the campaign's selection of forums, given to the copy (the forums are the account's, shared).
 * Inside the caller's transaction.
 */
export async function copyCannedForums(
  db: Db,
  accountId: string,
  fromCampaignId: string,
  toCampaignId: string,
): Promise<void> {
  await sql`
    insert into campaign_canned_forums (campaign_id, forum_id, account_id)
    select ${toCampaignId}, forum_id, account_id from campaign_canned_forums
    where account_id = ${accountId} and campaign_id = ${fromCampaignId}
    on conflict do nothing
  `.execute(db);
}

// ------------------------------------------------------------------------------------------------ the console

type HitRow = {
  id: string;
  forum_id: string;
  forum_title: string;
  shortkey: string;
  question: string;
  answer: string;
};
const toHit = (r: HitRow): CannedHit => ({
  id: r.id,
  forumId: r.forum_id,
  forumTitle: r.forum_title,
  shortkey: r.shortkey,
  question: r.question,
  answer: r.answer,
});

/** The console's order: by shortkey (bytewise, any case), those without one last — canned_responses_order's key. */
const ORDER_KEY = sql`nullif(lower(r.shortkey), '') collate "C"`;

const hitColumns = sql`r.id, r.forum_id, r.shortkey, r.question, r.answer`;
/** The exact shortkey first (rank 0), the rest after (rank 1). */
const exactRank = (exactKey: string) =>
  exactKey ? sql`case when lower(r.shortkey) = lower(${exactKey}) then 0 else 1 end` : sql`1`;

/**
 * The chat's forums' Q&As in use in the console's order, `limit` of them: each forum read in its index's order
 * (canned_responses_order) up to `limit` and the forums' pages merged, so the cost does not grow with the forums'
 * size when the condition matches most Q&As (nothing, a common word, `#` alone). A Q&A whose shortkey is
 * `exactKey` is read first (the shortkey's unique index) and comes first.
 */
async function walkInOrder(
  db: Db,
  accountId: string,
  forumIds: string[],
  where: RawBuilder<unknown> | null,
  limit: number,
  exactKey = '',
): Promise<HitRow[]> {
  const also = where ? sql`and ${where}` : sql``;
  const branches = forumIds.map(
    (forumId) => sql`(select ${hitColumns}, ${ORDER_KEY} as k, 1 as rank
      from canned_responses r
      where r.forum_id = ${forumId} and r.account_id = ${accountId} and r.removed_at is null ${also}
      order by ${ORDER_KEY}, r.id limit ${limit})`,
  );
  if (exactKey)
    branches.push(sql`(select ${hitColumns}, ${ORDER_KEY} as k, 0 as rank
      from canned_responses r
      where r.forum_id in (${sql.join(forumIds)}) and r.account_id = ${accountId} and r.removed_at is null
        and r.shortkey <> '' and lower(r.shortkey) = lower(${exactKey}) ${also})`);
  const { rows } =
    await sql<HitRow>`select x.id, x.forum_id, f.title as forum_title, x.shortkey, x.question, x.answer
    from (${sql.join(branches, sql` union all `)}) x join canned_forums f on f.id = x.forum_id
    order by x.rank, x.k, x.id limit ${limit + 1}`.execute(db);
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r.id) && !!seen.add(r.id)).slice(0, limit);
}

/** How many of a forum's Q&As (in the console's order) the first, windowed search reads at most. */
export const SEARCH_WINDOW = 1000;

/**
 * Quick Response: Q&As in use of the forums with every word of `tsquery` (built by `cannedTsQuery`: prefixes) in
 * the shortkey, question or answer; no query: the forums' Q&As. A Q&A whose shortkey is `exactKey` first, then
 * by shortkey. Adaptive, so that 10,000 Q&As cost about what 100 do:
 * 1. each forum is read in the console's order (canned_responses_order) and filtered until a page of matches is
 *    found, at most SEARCH_WINDOW Q&As, one statement for all forums: a common word ends here after reading a few
 *    dozen rows, whatever the forum's size. (The window is written out so that the planner cannot choose to
 *    sort every match of a common word instead.)
 *    A forum of at most SEARCH_WINDOW Q&As is read whole that way (the statement also counts each forum's Q&As, up
 *    to one more than the window).
 * 2. a large forum short of a page (the words are rare in it): the GIN index finds every match, those are sorted.
 */
export async function search(
  db: Db,
  accountId: string,
  forumIds: string[],
  tsquery: string | null,
  exactKey: string,
  limit: number,
): Promise<CannedHit[]> {
  if (forumIds.length === 0) return [];
  if (!tsquery) return (await walkInOrder(db, accountId, forumIds, null, limit)).map(toHit);
  const query = sql`to_tsquery('simple'::regconfig, ${tsquery})`;
  const branches = forumIds.flatMap((forumId) => [
    sql`(select w.id, w.forum_id, w.shortkey, w.question, w.answer, w.k, 1 as rank, null::bigint as n
      from (
        select ${hitColumns}, r.search, ${ORDER_KEY} as k
        from canned_responses r
        where r.forum_id = ${forumId} and r.account_id = ${accountId} and r.removed_at is null
        order by ${ORDER_KEY}, r.id limit ${SEARCH_WINDOW}
      ) w
      where w.search @@ ${query}
      order by w.k, w.id limit ${limit})`,
    // How many Q&As the forum has, counted up to one more than the window: all of them fit in it, or not.
    sql`(select null::uuid, ${forumId}::uuid, null::text, null::text, null::text, null::text collate "C", 2,
        (select count(*) from (
          select 1 from canned_responses r
          where r.forum_id = ${forumId} and r.account_id = ${accountId} and r.removed_at is null
          limit ${SEARCH_WINDOW + 1}
        ) c))`,
  ]);
  if (exactKey)
    branches.push(sql`(select ${hitColumns}, ${ORDER_KEY} as k, 0 as rank, null::bigint as n
      from canned_responses r
      where r.forum_id in (${sql.join(forumIds)}) and r.account_id = ${accountId} and r.removed_at is null
        and r.shortkey <> '' and lower(r.shortkey) = lower(${exactKey}) and r.search @@ ${query})`);
  const { rows } = await sql<HitRow & { rank: number; n: number | string | null }>`select x.id, x.forum_id,
      f.title as forum_title, x.shortkey, x.question, x.answer, x.rank, x.n
    from (${sql.join(branches, sql` union all `)}) x join canned_forums f on f.id = x.forum_id
    order by x.rank, x.k, x.id`.execute(db);
  // A forum is done when its window gave a page of matches (read in order, they are its first), or when the
  // window held all its Q&As.
  const complete = forumIds.every(
    (forumId) =>
      rows.filter((r) => r.rank === 1 && r.forum_id === forumId).length >= limit ||
      rows.some((r) => r.rank === 2 && r.forum_id === forumId && Number(r.n) <= SEARCH_WINDOW),
  );
  if (complete) {
    const seen = new Set<string>();
    return rows
      .filter((r) => r.rank !== 2 && !seen.has(r.id) && !!seen.add(r.id))
      .slice(0, limit)
      .map(toHit);
  }
  // Rare words in a large forum: every match through the GIN index (materialized, so that the planner does not
  // walk the forum instead), then sorted.
  const sparse = await sql<HitRow>`with m as materialized (
      select r.id from canned_responses r
      where r.account_id = ${accountId} and r.forum_id in (${sql.join(forumIds)}) and r.removed_at is null
        and r.search @@ ${query}
    )
    select ${hitColumns}, f.title as forum_title
    from canned_responses r join canned_forums f on f.id = r.forum_id
    where r.id in (select id from m)
    order by ${exactRank(exactKey)}, ${ORDER_KEY}, r.id limit ${limit}`.execute(db);
  return sparse.rows.map(toHit);
}

/** `#` suggestions: Q&As in use whose shortkey starts with `prefix` (any case), in shortkey order. */
export async function suggest(
  db: Db,
  accountId: string,
  forumIds: string[],
  prefix: string,
  limit: number,
): Promise<CannedHit[]> {
  if (forumIds.length === 0) return [];
  const like = prefix.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`) + '%';
  // The same expression as the index's: a prefix of it is a range of the index (the C collation).
  const rows = await walkInOrder(db, accountId, forumIds, sql`${ORDER_KEY} like ${like} escape '\\'`, limit);
  return rows.map(toHit);
}
