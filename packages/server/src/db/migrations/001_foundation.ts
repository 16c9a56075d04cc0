import { sql, type Kysely } from 'kysely';

// Accounts, people and websites. Every table holding tenant data carries account_id.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table accounts (
      id uuid primary key default gen_random_uuid(),
      name text not null,
      time_zone text not null default 'UTC',
      created_at timestamptz not null default now()
    );

    create table files (
      id uuid primary key default gen_random_uuid(),
      account_id uuid not null references accounts(id) on delete cascade,
      kind text not null check (kind in ('photo', 'logo', 'attachment')),
      content_type text not null,
      name text not null default '',
      size integer not null,
      sha256 text not null,
      data bytea not null,
      created_at timestamptz not null default now()
    );
    create index files_account on files (account_id);

    create table users (
      id uuid primary key default gen_random_uuid(),
      account_id uuid not null references accounts(id) on delete cascade,
      email text not null,
      password_hash text not null,
      first_name text not null,
      last_name text not null,
      nickname text not null default '',
      language text not null default 'en',
      rights text not null check (rights in ('manager', 'agent')),
      photo_file_id uuid references files(id) on delete set null,
      show_photo boolean not null default true,
      live_chat_limit integer check (live_chat_limit > 0),
      nrt_chat_limit integer check (nrt_chat_limit > 0),
      ip_allowlist text,
      password_changed_at timestamptz not null default now(),
      deleted_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    -- Sign-in is by email alone, so an address belongs to one user in the whole installation.
    create unique index users_email on users (lower(email));
    create index users_account on users (account_id, lower(last_name), lower(first_name), id);

    create table groups (
      id uuid primary key default gen_random_uuid(),
      account_id uuid not null references accounts(id) on delete cascade,
      name text not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create unique index groups_name on groups (account_id, lower(name));

    create table group_members (
      group_id uuid not null references groups(id) on delete cascade,
      user_id uuid not null references users(id) on delete cascade,
      account_id uuid not null references accounts(id) on delete cascade,
      primary key (group_id, user_id)
    );
    create index group_members_user on group_members (user_id);

    create table sessions (
      id text primary key, -- SHA-256 of the cookie token; the token itself is never stored
      account_id uuid not null references accounts(id) on delete cascade,
      user_id uuid not null references users(id) on delete cascade,
      csrf_token text not null,
      ip text not null default '',
      user_agent text not null default '',
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      expires_at timestamptz not null
    );
    create index sessions_user on sessions (user_id);
    create index sessions_expires on sessions (expires_at);

    -- Failed sign-ins per email address, for the lockout with back-off (AUTH-1).
    create table login_failures (
      email text primary key,
      failures integer not null,
      window_started_at timestamptz not null,
      locked_until timestamptz
    );

    -- A host may be used by several accounts (EXP-6 reports whether it is shared).
    create table websites (
      id uuid primary key default gen_random_uuid(),
      account_id uuid not null references accounts(id) on delete cascade,
      host text not null,
      created_at timestamptz not null default now()
    );
    create unique index websites_host on websites (account_id, host);
    create index websites_by_host on websites (host);

    create table campaigns (
      id uuid primary key default gen_random_uuid(),
      account_id uuid not null references accounts(id) on delete cascade,
      title text not null,
      enabled boolean not null default true,
      all_websites boolean not null default true,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index campaigns_account on campaigns (account_id);

    create table campaign_websites (
      campaign_id uuid not null references campaigns(id) on delete cascade,
      website_id uuid not null references websites(id) on delete cascade,
      account_id uuid not null references accounts(id) on delete cascade,
      primary key (campaign_id, website_id)
    );

    -- Routing levels in order; the forwarding level (is_forwarding) receives only transferred chats.
    create table routing_levels (
      id uuid primary key default gen_random_uuid(),
      account_id uuid not null references accounts(id) on delete cascade,
      campaign_id uuid not null references campaigns(id) on delete cascade,
      position integer not null,
      title text not null default '',
      method text not null default 'random'
        check (method in ('random', 'least_chats', 'most_space', 'sequential', 'most_chats')),
      is_forwarding boolean not null default false,
      enabled boolean not null default true,
      created_at timestamptz not null default now()
    );
    create index routing_levels_campaign on routing_levels (campaign_id, position);

    create table routing_level_members (
      id uuid primary key default gen_random_uuid(),
      level_id uuid not null references routing_levels(id) on delete cascade,
      account_id uuid not null references accounts(id) on delete cascade,
      user_id uuid references users(id) on delete cascade,
      group_id uuid references groups(id) on delete cascade,
      position integer not null default 0,
      check ((user_id is null) <> (group_id is null))
    );
    create index routing_level_members_level on routing_level_members (level_id);
    create index routing_level_members_user on routing_level_members (user_id);
    create index routing_level_members_group on routing_level_members (group_id);
  `.execute(db);
}
