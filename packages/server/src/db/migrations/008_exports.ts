import { sql, type Kysely } from 'kysely';

// Token links of the exports (EXP-9): one report of one account, downloadable without signing in. Only the
// SHA-256 of the token is stored; revoking a link deletes its row.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table export_links (
      id uuid primary key default gen_random_uuid(),
      account_id uuid not null references accounts(id) on delete cascade,
      report text not null,
      token_hash text not null unique,
      created_by uuid references users(id) on delete set null,
      created_at timestamptz not null default now(),
      last_used_at timestamptz
    );
    create index export_links_account on export_links (account_id, created_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table export_links;
  `.execute(db);
}
