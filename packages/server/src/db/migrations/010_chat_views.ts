import { sql, type Kysely } from 'kysely';

// "Chats viewed" of the Traffic export (EXP-7): the visits in which the visitor opened the chat window, one row
// per visit (when it was first opened, and how often), written by the visitors module like visits and page
// views. The host and the visitor are the visit's.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table chat_views (
      visit_id uuid primary key references visits(id) on delete cascade,
      account_id uuid not null references accounts(id) on delete cascade,
      viewed_at timestamptz not null default now(),
      opens integer not null default 1
    );
    create index chat_views_account on chat_views (account_id, viewed_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table chat_views;
  `.execute(db);
}
