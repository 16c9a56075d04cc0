import { sql, type Kysely } from 'kysely';

// Goals & sales (GOL-3, GOL-4) and the GA4 toggle of analytics events (GOL-5); docs/goals.md, docs/analytics.md.
// A campaign's goals in list order: a title unique in the campaign (whatever its case), criteria as moments (the
// greetings' JSON shape, checked by the protocol's schema on every write), and a value: none, fixed (`value`), or
// changing (given by the page's snippet). A deleted goal stays for the goal events that name it.
// goal_events: a goal reached, at most once per visit per goal (a unique index), with the visitor's chat of that
// visit when there is one, and its value as an exact decimal (numeric, never a float).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table campaigns add column analytics_ga4 boolean not null default false;

    create table goals (
      id uuid primary key default gen_random_uuid(),
      account_id uuid not null references accounts(id) on delete cascade,
      campaign_id uuid not null references campaigns(id) on delete cascade,
      title text not null,
      moments jsonb not null default '[]',
      value_kind text not null default 'none' check (value_kind in ('none', 'fixed', 'changing')),
      value numeric(18, 4),
      position integer not null default 0,
      deleted_at timestamptz,
      check ((value_kind = 'fixed') = (value is not null))
    );
    create index goals_campaign on goals (account_id, campaign_id, position);
    create unique index goals_title on goals (campaign_id, lower(title)) where deleted_at is null;

    create table goal_events (
      id uuid primary key default gen_random_uuid(),
      account_id uuid not null references accounts(id) on delete cascade,
      campaign_id uuid references campaigns(id) on delete set null,
      goal_id uuid not null references goals(id) on delete cascade,
      visitor_id uuid not null references visitors(id) on delete cascade,
      visit_id uuid not null references visits(id) on delete cascade,
      chat_id uuid references chats(id) on delete set null,
      value numeric(18, 4),
      url text not null default '',
      reached_at timestamptz not null default now()
    );
    create unique index goal_events_once on goal_events (goal_id, visit_id);
    create index goal_events_account on goal_events (account_id, reached_at);
    create index goal_events_chat on goal_events (chat_id) where chat_id is not null;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table goal_events;
    drop table goals;
    alter table campaigns drop column analytics_ga4;
  `.execute(db);
}
