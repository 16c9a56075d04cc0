import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { FollowUpRow, FollowUpSettingsRow, FollowUpState } from '../../db/schema.js';

// ------------------------------------------------------------------------------------------------ settings

export async function findSettings(
  db: Db,
  accountId: string,
  campaignId: string,
): Promise<FollowUpSettingsRow | undefined> {
  return db
    .selectFrom('follow_up_settings')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('campaign_id', '=', campaignId)
    .executeTakeFirst();
}

export type SettingsWrite = Omit<FollowUpSettingsRow, 'updated_at' | 'password_enc'> & {
  /** undefined: keep the stored one. */
  password_enc?: string | null;
};

/** Inserts or updates a campaign's settings; false when the campaign is not the account's. */
export async function writeSettings(db: Db, s: SettingsWrite): Promise<boolean> {
  const owned = await db
    .selectFrom('campaigns')
    .select('id')
    .where('id', '=', s.campaign_id)
    .where('account_id', '=', s.account_id)
    .executeTakeFirst();
  if (!owned) return false;
  const { password_enc, ...rest } = s;
  const withPassword = password_enc === undefined ? rest : { ...rest, password_enc };
  await db
    .insertInto('follow_up_settings')
    .values({ ...withPassword, updated_at: new Date() })
    .onConflict((oc) => oc.column('campaign_id').doUpdateSet({ ...withPassword, updated_at: new Date() }))
    .execute();
  return true;
}

export async function campaignExists(db: Db, accountId: string, campaignId: string): Promise<boolean> {
  return !!(await db
    .selectFrom('campaigns')
    .select('id')
    .where('id', '=', campaignId)
    .where('account_id', '=', accountId)
    .executeTakeFirst());
}

/** Stored passwords, for moving them to the current key. */
export async function storedPasswords(db: Db) {
  return db
    .selectFrom('follow_up_settings')
    .select(['campaign_id', 'password_enc'])
    .where('password_enc', 'is not', null)
    .execute();
}

/** Replaces a stored password only if it is still the one read (another instance may have moved it first). */
export async function replacePassword(db: Db, campaignId: string, from: string, to: string): Promise<void> {
  await db
    .updateTable('follow_up_settings')
    .set({ password_enc: to })
    .where('campaign_id', '=', campaignId)
    .where('password_enc', '=', from)
    .execute();
}

// ------------------------------------------------------------------------------------------------ outbox

/**
 * The transcript of a chat that was just closed, for the visitor who left an email address (FUP-2): inside the
 * closing transaction, so the follow-up exists exactly when the close committed. Only a chat an agent answered
 * (else the transcript would hold nothing but the visitor's own words), only when the campaign's follow-ups are
 * on, never to an address that unsubscribed; once per chat.
 */
export async function enqueueTranscript(tx: Db, chatId: string): Promise<void> {
  await sql`
    insert into follow_ups (account_id, campaign_id, chat_id, kind, to_address, from_seq, to_seq)
    select c.account_id, c.campaign_id, c.id, 'transcript', v.email, 1, c.last_seq
    from chats c
    join follow_up_settings s on s.campaign_id = c.campaign_id and s.enabled
    join visitors v on v.id = c.visitor_id and v.email <> ''
    where c.id = ${chatId} and c.first_response_at is not null
      and not exists (
        select 1 from follow_up_opt_outs o where o.account_id = c.account_id and o.email = lower(v.email))
    on conflict (chat_id) where kind = 'transcript' do nothing
  `.execute(tx);
}

/**
 * A part of chats' transcript statement (APPEND_SQL, chats/transcript.ts), in the same statement and so the same
 * transaction as the messages: an agent's answer to an NRT chat or offline message becomes a follow-up to the
 * visitor who left an email address. One row per chat and statement (the answer's first and last seq); the
 * sender merges rows of one chat that wait together into one email. Reads the statement's `numbered` rows.
 */
export const ANSWER_FOLLOW_UPS_CTE = `
  follow_up_answers as (
    insert into follow_ups (account_id, campaign_id, chat_id, kind, to_address, from_seq, to_seq)
    select c.account_id, c.campaign_id, c.id, 'answer', v.email, x.first_seq, x.last_seq
    from (
      select chat_id, min(seq) as first_seq, max(seq) as last_seq from numbered
      where is_message and author = 'agent' group by chat_id
    ) x
    join chats c on c.id = x.chat_id and c.mode = 'nrt'
    join follow_up_settings s on s.campaign_id = c.campaign_id and s.enabled
    join visitors v on v.id = c.visitor_id and v.email <> ''
    where not exists (
      select 1 from follow_up_opt_outs o where o.account_id = c.account_id and o.email = lower(v.email))
  )`;

/**
 * Claims the follow-up whose turn it is (SKIP LOCKED: each row is claimed by one instance) and holds it with a
 * lease until `leaseMs` from now; a sender that dies holding it is replaced when the lease passed. An answer's
 * first attempt waits `answerDelaySeconds`; the answers of the same chat that wait with it (never tried, unclaimed)
 * are merged into it, so the visitor gets one email for them.
 */
export async function claimNext(
  db: Db,
  owner: string,
  leaseMs: number,
  answerDelaySeconds: number,
): Promise<FollowUpRow | undefined> {
  return db.transaction().execute(async (tx) => {
    const claimed = (
      await sql<FollowUpRow>`
        update follow_ups set attempts = attempts + 1, lease_owner = ${owner}, last_attempt_at = now(),
          lease_until = now() + ${leaseMs} * interval '1 millisecond'
        where id = (
          select id from follow_ups
          where state = 'pending'
            and next_attempt_at <= now()
              - (case when kind = 'answer' and attempts = 0 then ${answerDelaySeconds} else 0 end) * interval '1 second'
            and (lease_until is null or lease_until < now())
          order by next_attempt_at
          limit 1
          for update skip locked
        )
        returning *
      `.execute(tx)
    ).rows[0];
    if (!claimed || claimed.kind !== 'answer') return claimed;
    return (
      await sql<FollowUpRow>`
        with merged as (
          update follow_ups set state = 'merged', merged_into = ${claimed.id}, done_at = now()
          where id in (
            select id from follow_ups
            where chat_id = ${claimed.chat_id} and kind = 'answer' and state = 'pending' and attempts = 0
              and id <> ${claimed.id} and lease_until is null
            for update skip locked
          )
          returning from_seq, to_seq
        )
        update follow_ups set
          from_seq = least(from_seq, coalesce((select min(from_seq) from merged), from_seq)),
          to_seq = greatest(to_seq, coalesce((select max(to_seq) from merged), to_seq))
        where id = ${claimed.id}
        returning *
      `.execute(tx)
    ).rows[0];
  });
}

/** The Message-ID of a follow-up: set at its first attempt, the same for every later one. */
export async function fixMessageId(db: Db, id: string, proposed: string): Promise<string> {
  const row = await db
    .updateTable('follow_ups')
    .set({ message_id: sql<string>`coalesce(message_id, ${proposed})` })
    .where('id', '=', id)
    .returning('message_id')
    .executeTakeFirstOrThrow();
  return row.message_id!;
}

/** Ends this sender's attempt (only if the row is still its own: the same owner and attempt). */
export async function finishAttempt(
  db: Db,
  held: Pick<FollowUpRow, 'id' | 'attempts'>,
  owner: string,
  set: { state?: FollowUpState; last_error?: string; retryInMs?: number },
): Promise<boolean> {
  const done = set.state && set.state !== 'pending';
  const r = await db
    .updateTable('follow_ups')
    .set({
      ...(set.state ? { state: set.state } : {}),
      ...(set.last_error !== undefined ? { last_error: set.last_error } : {}),
      lease_until: null,
      lease_owner: null,
      ...(done ? { done_at: sql<Date>`now()` } : {}),
      ...(set.retryInMs !== undefined
        ? { next_attempt_at: sql<Date>`now() + ${set.retryInMs} * interval '1 millisecond'` }
        : {}),
    })
    .where('id', '=', held.id)
    .where('lease_owner', '=', owner)
    .where('attempts', '=', held.attempts)
    .where('state', '=', 'pending')
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/** What an email needs besides the follow-up row, read when it is sent. */
export async function sendingContext(db: Db, f: FollowUpRow) {
  return db
    .selectFrom('chats as c')
    .innerJoin('campaigns as k', 'k.id', 'c.campaign_id')
    .innerJoin('accounts as a', 'a.id', 'c.account_id')
    .leftJoin('follow_up_settings as s', 's.campaign_id', 'c.campaign_id')
    .select([
      'c.mode',
      'c.status',
      'c.start_url',
      'c.started_at',
      'k.language',
      'k.title',
      'k.window_title',
      'k.window_color',
      'k.logo_file_id',
      'a.time_zone',
      'a.name as account_name',
      's.enabled',
      's.host',
      's.port',
      's.security',
      's.username',
      's.password_enc',
      's.from_address',
      's.from_name',
      's.reply_to',
      's.base_url',
      sql<boolean>`exists (select 1 from follow_up_opt_outs o
        where o.account_id = c.account_id and o.email = lower(${f.to_address}))`.as('opted_out'),
    ])
    .where('c.id', '=', f.chat_id)
    .where('c.account_id', '=', f.account_id)
    .executeTakeFirst();
}

/**
 * The messages an email carries (a read of the chat's transcript): every visitor and agent message of the range;
 * for an answer, also the visitor's last message before it (what was answered).
 */
export async function emailEntries(db: Db, f: Pick<FollowUpRow, 'chat_id' | 'kind' | 'from_seq' | 'to_seq'>) {
  const rows = await db
    .selectFrom('chat_events')
    .select(['seq', 'type', 'author', 'author_name', 'body', 'created_at'])
    .where('chat_id', '=', f.chat_id)
    .where('type', 'in', ['text', 'file'])
    .where('author', 'in', ['visitor', 'agent'])
    .where('seq', '<=', f.to_seq)
    .where('seq', '>=', f.from_seq)
    .orderBy('seq')
    .execute();
  if (f.kind !== 'answer') return rows;
  const question = await db
    .selectFrom('chat_events')
    .select(['seq', 'type', 'author', 'author_name', 'body', 'created_at'])
    .where('chat_id', '=', f.chat_id)
    .where('type', 'in', ['text', 'file'])
    .where('author', '=', 'visitor')
    .where('seq', '<', f.from_seq)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return question ? [question, ...rows] : rows;
}

// ------------------------------------------------------------------------------------------------ managers

export async function failedFollowUps(db: Db, accountId: string, campaignId: string) {
  return db
    .selectFrom('follow_ups')
    .select(['id', 'kind', 'to_address', 'chat_id', 'attempts', 'last_error', 'created_at', 'done_at'])
    .where('account_id', '=', accountId)
    .where('campaign_id', '=', campaignId)
    .where('state', '=', 'failed')
    .orderBy('done_at', 'desc')
    .limit(200)
    .execute();
}

/** "Retry": a failed follow-up gets its attempts again, from now. False when there is no such failed one. */
export async function retryFailed(db: Db, accountId: string, campaignId: string, id: string) {
  const r = await db
    .updateTable('follow_ups')
    .set({ state: 'pending', attempts: 0, next_attempt_at: sql<Date>`now()`, done_at: null })
    .where('id', '=', id)
    .where('account_id', '=', accountId)
    .where('campaign_id', '=', campaignId)
    .where('state', '=', 'failed')
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

// ------------------------------------------------------------------------------------------------ opt-outs

export async function followUpForUnsubscribe(db: Db, id: string) {
  return db
    .selectFrom('follow_ups as f')
    .innerJoin('campaigns as k', 'k.id', 'f.campaign_id')
    .select(['f.account_id', 'f.to_address', 'k.language'])
    .where('f.id', '=', id)
    .executeTakeFirst();
}

export async function optOut(db: Db, accountId: string, email: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('follow_up_opt_outs')
      .values({ account_id: accountId, email: email.toLowerCase() })
      .onConflict((oc) => oc.doNothing())
      .execute();
    // What still waits for this address is not sent.
    await tx
      .updateTable('follow_ups')
      .set({ state: 'skipped', last_error: 'The visitor unsubscribed', done_at: sql<Date>`now()` })
      .where('account_id', '=', accountId)
      .where(sql<string>`lower(to_address)`, '=', email.toLowerCase())
      .where('state', 'in', ['pending', 'failed'])
      .where('lease_until', 'is', null)
      .execute();
  });
}
