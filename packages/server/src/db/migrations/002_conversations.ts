import { sql, type Kysely } from 'kysely';

// Campaign General tab, visitors and their visits, chats with one numbered transcript per chat, agent
// presence and availability periods. Statistics and exports read these; nothing here is derived from memory.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table campaigns
      add column language text not null default 'en',
      add column theme text not null default 'light',
      add column logo_file_id uuid references files(id) on delete set null,
      add column window_color text not null default '#1c7ed6',
      add column window_title text not null default 'Chat with us',
      add column custom_css text,
      add column prechat_enabled boolean not null default false,
      add column prechat_text text not null default '',
      add column prechat_button_text text not null default 'Yes, start chat!',
      add column prechat_mode text not null default 'every_time' check (prechat_mode in ('every_time', 'first_time')),
      add column opening_text text not null default '',
      add column opening_reminder boolean not null default false,
      add column closing_text text not null default '',
      add column auto_forward_enabled boolean not null default false,
      add column auto_forward_seconds integer not null default 30 check (auto_forward_seconds between 10 and 60),
      add column auto_forward_avoid_same_level boolean not null default false,
      add column visitor_left_after_seconds integer not null default 60,
      add column close_after_minutes integer not null default 60;

    create table visitors (
      id uuid primary key default gen_random_uuid(),
      account_id uuid not null references accounts(id) on delete cascade,
      token_hash text not null unique, -- SHA-256 of the token the widget keeps; the token is never stored
      name text not null default '',
      email text not null default '',
      data jsonb not null default '{}',
      user_agent text not null default '',
      visits integer not null default 0,
      chats integer not null default 0,
      first_seen_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now()
    );
    create index visitors_account on visitors (account_id, last_seen_at);

    -- A visit: one browsing session of a visitor on a website (TLS-6, EXP-7).
    create table visits (
      id uuid primary key default gen_random_uuid(),
      account_id uuid not null references accounts(id) on delete cascade,
      visitor_id uuid not null references visitors(id) on delete cascade,
      website_id uuid references websites(id) on delete set null,
      campaign_id uuid references campaigns(id) on delete set null,
      referrer text not null default '',
      landing_url text not null default '',
      utm jsonb not null default '{}',
      user_agent text not null default '',
      page_views integer not null default 0,
      started_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now()
    );
    create index visits_account on visits (account_id, started_at);
    create index visits_visitor on visits (visitor_id, last_seen_at desc);

    create table page_views (
      id bigserial primary key,
      account_id uuid not null references accounts(id) on delete cascade,
      visit_id uuid not null references visits(id) on delete cascade,
      url text not null,
      title text not null default '',
      viewed_at timestamptz not null default now()
    );
    create index page_views_visit on page_views (visit_id, viewed_at);
    create index page_views_account on page_views (account_id, viewed_at);

    create table chats (
      id uuid primary key default gen_random_uuid(),
      account_id uuid not null references accounts(id) on delete cascade,
      campaign_id uuid references campaigns(id) on delete set null,
      website_id uuid references websites(id) on delete set null,
      visitor_id uuid not null references visitors(id) on delete cascade,
      visit_id uuid references visits(id) on delete set null,
      status text not null default 'queued' check (status in ('queued', 'active', 'closed')),
      mode text not null default 'live' check (mode in ('live', 'nrt')),
      proactive boolean not null default false,
      start_cid uuid,
      start_url text not null default '',
      agent_id uuid references users(id) on delete set null,
      routing_level integer,
      last_seq integer not null default 0,
      visitor_present boolean not null default true,
      visitor_left_at timestamptz,
      started_at timestamptz not null default now(),
      queued_at timestamptz,
      assigned_at timestamptz,
      first_response_at timestamptz,
      last_message_at timestamptz,
      last_visitor_message_at timestamptz,
      closed_at timestamptz,
      closed_by text check (closed_by in ('visitor', 'agent', 'system')),
      closed_by_user_id uuid references users(id) on delete set null,
      -- Deadlines claimed by the timers sweeper with a compare-and-set update (each fires once).
      left_deadline_at timestamptz,
      close_deadline_at timestamptz,
      forward_deadline_at timestamptz,
      -- Derived when the chat closes (statistics).
      duration_seconds integer,
      first_response_seconds integer,
      rating integer,
      rating_comment text
    );
    create unique index chats_start_cid on chats (visitor_id, start_cid);
    create index chats_account_started on chats (account_id, started_at);
    create index chats_agent_open on chats (agent_id, status) where status <> 'closed';
    create index chats_queue on chats (account_id, queued_at) where status = 'queued';
    create index chats_visitor on chats (visitor_id, started_at desc);
    create index chats_left_deadline on chats (left_deadline_at) where left_deadline_at is not null;
    create index chats_close_deadline on chats (close_deadline_at) where close_deadline_at is not null;
    create index chats_forward_deadline on chats (forward_deadline_at) where forward_deadline_at is not null;

    -- The transcript: messages and events share one gap-free sequence per chat (seq = chats.last_seq).
    create table chat_events (
      chat_id uuid not null references chats(id) on delete cascade,
      seq integer not null,
      account_id uuid not null references accounts(id) on delete cascade,
      type text not null,
      author text not null check (author in ('visitor', 'agent', 'system')),
      author_name text not null default '',
      user_id uuid references users(id) on delete set null,
      cid uuid,
      body text not null default '',
      file_id uuid references files(id) on delete set null,
      data jsonb not null default '{}',
      created_at timestamptz not null default now(),
      primary key (chat_id, seq)
    );
    create unique index chat_events_cid on chat_events (chat_id, cid);
    create index chat_events_account on chat_events (account_id, created_at);

    -- Who handled a chat when (chats per agent, transfers, ignored chats).
    create table chat_assignments (
      id bigserial primary key,
      account_id uuid not null references accounts(id) on delete cascade,
      chat_id uuid not null references chats(id) on delete cascade,
      user_id uuid not null references users(id) on delete cascade,
      reason text not null check (reason in ('routed', 'transferred', 'forwarded', 'requeued')),
      assigned_at timestamptz not null default now(),
      ended_at timestamptz,
      answered boolean not null default false
    );
    create index chat_assignments_chat on chat_assignments (chat_id);
    create index chat_assignments_user on chat_assignments (account_id, user_id, assigned_at);

    -- Presence: the agent's chosen status, and one row per open console connection (heartbeat).
    create table agent_presence (
      user_id uuid primary key references users(id) on delete cascade,
      account_id uuid not null references accounts(id) on delete cascade,
      status text not null default 'offline' check (status in ('available', 'away', 'offline')),
      status_since timestamptz not null default now(),
      last_assigned_at timestamptz,
      disconnected_at timestamptz -- when the last console connection went away (offline after a grace period)
    );
    create index agent_presence_account on agent_presence (account_id, status);

    create table agent_connections (
      id uuid primary key,
      user_id uuid not null references users(id) on delete cascade,
      account_id uuid not null references accounts(id) on delete cascade,
      instance_id text not null,
      connected_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now()
    );
    create index agent_connections_user on agent_connections (user_id);
    create index agent_connections_seen on agent_connections (last_seen_at);

    -- Availability periods (EXP-1, EXP-2): one row per stretch of one status.
    create table agent_status_periods (
      id bigserial primary key,
      account_id uuid not null references accounts(id) on delete cascade,
      user_id uuid not null references users(id) on delete cascade,
      status text not null check (status in ('available', 'away', 'offline')),
      started_at timestamptz not null default now(),
      ended_at timestamptz
    );
    create index agent_status_periods_user on agent_status_periods (account_id, user_id, started_at);
    create unique index agent_status_periods_open on agent_status_periods (user_id) where ended_at is null;

    -- Every automatic invite shown, accepted, declined or not shown for lack of agents (INV-10, EXP-5).
    create table invite_events (
      id bigserial primary key,
      account_id uuid not null references accounts(id) on delete cascade,
      campaign_id uuid references campaigns(id) on delete set null,
      invite_id uuid,
      visitor_id uuid references visitors(id) on delete cascade,
      visit_id uuid references visits(id) on delete set null,
      event text not null check (event in ('shown', 'accepted', 'declined', 'not_shown_unavailable')),
      url text not null default '',
      at timestamptz not null default now()
    );
    create index invite_events_account on invite_events (account_id, at);
  `.execute(db);
}
