import { sql, type Kysely } from 'kysely';

// TLS-6, visitor monitoring (docs/visitors.md): the loader's beacon records every page view and a heartbeat
// while the page is visible. A visit now knows the browser, system and device (parsed from the user agent on the
// server), the country when a trusted proxy says it, and the raw IP address only when the account opts in
// (`accounts.store_visitor_ip`, off by default). A page view's `last_seen_at` is its last heartbeat (time on the
// page). INV-6's hand invites: an agent invites a visitor from the console's Visitors list; the visitor's loader
// picks the invite up with its next heartbeat. `invite_events.user_id` names the agent of a hand invite.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table accounts add column store_visitor_ip boolean not null default false;

    alter table visits
      add column browser text not null default '',
      add column os text not null default '',
      add column device text not null default '',
      add column country text not null default '',
      add column ip text;
    -- The Visitors list: the account's visits seen in the last minute.
    create index visits_live on visits (account_id, last_seen_at);

    alter table page_views add column last_seen_at timestamptz;

    create table visitor_invites (
      id uuid primary key default gen_random_uuid(),
      account_id uuid not null references accounts(id) on delete cascade,
      visitor_id uuid not null references visitors(id) on delete cascade,
      visit_id uuid references visits(id) on delete set null,
      website_id uuid references websites(id) on delete set null,
      campaign_id uuid references campaigns(id) on delete set null,
      user_id uuid references users(id) on delete set null,
      agent_name text not null default '',
      status text not null default 'pending'
        check (status in ('pending', 'shown', 'accepted', 'declined')),
      created_at timestamptz not null default now(),
      answered_at timestamptz
    );
    -- What a heartbeat looks for: this visitor's invite that was not shown yet.
    create index visitor_invites_pending on visitor_invites (visitor_id) where status = 'pending';
    create index visitor_invites_account on visitor_invites (account_id, created_at);

    alter table invite_events add column user_id uuid references users(id) on delete set null;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table invite_events drop column user_id;
    drop table visitor_invites;
    alter table page_views drop column last_seen_at;
    drop index visits_live;
    alter table visits drop column browser, drop column os, drop column device, drop column country,
      drop column ip;
    alter table accounts drop column store_visitor_ip;
  `.execute(db);
}
