import { sql, type Kysely } from 'kysely';

// The Chats section (issue 13) and what later issues record into it, shaped now so the list, statistics and
// exports read one model: an offline message is an NRT chat marked as one (INV-2 writes them; the type filter
// of CHT-1 tells them apart), success codes are defined per campaign and chosen per chat (GOL-1 fills them;
// CHT-1 filters and STA-9 counts them).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table chats add column offline_message boolean not null default false;

    create table success_codes (
      id uuid primary key default gen_random_uuid(),
      account_id uuid not null references accounts(id) on delete cascade,
      campaign_id uuid not null references campaigns(id) on delete cascade,
      name text not null,
      position integer not null default 0,
      deleted_at timestamptz
    );
    create index success_codes_campaign on success_codes (campaign_id, position);

    create table chat_success_codes (
      chat_id uuid not null references chats(id) on delete cascade,
      code_id uuid not null references success_codes(id) on delete cascade,
      account_id uuid not null references accounts(id) on delete cascade,
      chosen_by uuid references users(id) on delete set null,
      chosen_at timestamptz not null default now(),
      primary key (chat_id, code_id)
    );
    create index chat_success_codes_code on chat_success_codes (code_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table chat_success_codes;
    drop table success_codes;
    alter table chats drop column offline_message;
  `.execute(db);
}
