import { sql, type Kysely } from 'kysely';

// Automatic invites (INV-1, INV-3…INV-6): a campaign's greetings in list order, each with its moments (a JSON
// array checked by the protocol's schema on every write; moments belong to their greeting, as in the handbook's
// "Add moment" inside a greeting). When greetings may show at all is the campaign's own setting. Events (INV-10)
// go to `invite_events` (migration 002), whose `invite_id` keeps no foreign key so that a greeting's history
// outlives the greeting in the exports.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table campaigns add column greeting_availability text not null default 'always'
      check (greeting_availability in ('always', 'agents_logged_in', 'agents_available'));
    create table invites (
      id uuid primary key default gen_random_uuid(),
      account_id uuid not null references accounts(id) on delete cascade,
      campaign_id uuid not null references campaigns(id) on delete cascade,
      position integer not null,
      kind text not null check (kind in ('yes_no', 'chat_window')),
      enabled boolean not null default true,
      title text not null,
      text text not null,
      accept_text text not null default '',
      decline_text text not null default '',
      moments jsonb not null default '[]',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index invites_campaign on invites (campaign_id, position);
    create index invite_events_invite on invite_events (invite_id, at) where invite_id is not null;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop index invite_events_invite;
    drop table invites;
    alter table campaigns drop column greeting_availability;
  `.execute(db);
}
