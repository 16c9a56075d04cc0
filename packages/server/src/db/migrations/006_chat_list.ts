import { sql, type Kysely } from 'kysely';

// The Chats section's list (CHT-1) pages by (started_at, id) within an account: one index serves the period
// range, both sort orders and the keyset comparison. It covers everything the (account_id, started_at) index
// served, which it replaces.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index chats_account_started_id on chats (account_id, started_at, id);
    drop index chats_account_started;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index chats_account_started on chats (account_id, started_at);
    drop index chats_account_started_id;
  `.execute(db);
}
