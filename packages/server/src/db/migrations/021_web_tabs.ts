import { sql, type Kysely } from 'kysely';

// WebTabs (TLS-1; docs/tools.md): a campaign's tabs in list order, each a name (unique in the campaign, whatever
// its case) and an address that may hold visitor variables after its host (checked by the protocol's schema on
// every write). Nothing refers to a tab, so a deleted one is gone.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table web_tabs (
      id uuid primary key default gen_random_uuid(),
      account_id uuid not null references accounts(id) on delete cascade,
      campaign_id uuid not null references campaigns(id) on delete cascade,
      name text not null,
      url text not null,
      position integer not null default 0
    );
    create index web_tabs_campaign on web_tabs (account_id, campaign_id, position);
    create unique index web_tabs_name on web_tabs (campaign_id, lower(name));
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table web_tabs;`.execute(db);
}
