import { sql, type Kysely } from 'kysely';

// Statistics (STA-1…9): one index holds every column the statistics read from a chat, in the order of the
// account's chats by start, so a period is one range of it and PostgreSQL answers from the index alone (an
// index-only scan; the table's rows are wider than these columns several times over). An index is exact
// under concurrent writes by construction — no pre-aggregate to keep in step.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index chats_statistics on chats (account_id, started_at)
      include (agent_id, campaign_id, status, mode, offline_message, proactive, rating, closed_at, first_response_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index chats_statistics;`.execute(db);
}
