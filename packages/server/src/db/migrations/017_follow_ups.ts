import { sql, type Kysely } from 'kysely';

// FUP-1, FUP-2 (issue 17): a campaign's SMTP settings, the outbox of follow-up emails, and the addresses that
// opted out. The outbox is written in the transaction of what causes the email (a chat closed, an agent's answer
// to an NRT chat), so that no follow-up is lost; modules/follow-ups drains it. docs/follow-ups.md.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table follow_up_settings (
      campaign_id uuid primary key references campaigns (id) on delete cascade,
      account_id uuid not null references accounts (id) on delete cascade,
      enabled boolean not null default false,
      host text not null default '',
      port integer not null default 587 check (port between 1 and 65535),
      security text not null default 'starttls' check (security in ('none', 'starttls', 'tls')),
      username text not null default '',
      -- AES-256-GCM: 'v1:<key id>:<base64 of iv | ciphertext | tag>', the campaign id as associated data.
      password_enc text,
      from_address text not null default '',
      from_name text not null default '',
      reply_to text not null default '',
      -- Where visitors reach this server (links and the logo in emails) when PUBLIC_URL is not set: the address
      -- the manager saved the settings through.
      base_url text not null default '',
      updated_at timestamptz not null default now()
    );
    create index follow_up_settings_account on follow_up_settings (account_id);

    create table follow_ups (
      id uuid primary key default gen_random_uuid(),
      account_id uuid not null references accounts (id) on delete cascade,
      campaign_id uuid not null references campaigns (id) on delete cascade,
      chat_id uuid not null references chats (id) on delete cascade,
      kind text not null check (kind in ('transcript', 'answer')),
      to_address text not null,
      -- The transcript entries the email carries: the whole chat, or the agent's answer.
      from_seq integer not null,
      to_seq integer not null,
      state text not null default 'pending' check (state in ('pending', 'sent', 'failed', 'merged', 'skipped')),
      attempts integer not null default 0,
      next_attempt_at timestamptz not null default now(),
      -- A sender holds a claimed row until then; one that died is replaced once it passed.
      lease_until timestamptz,
      lease_owner text,
      -- Set once, at the first attempt, and kept for every later one: the same email has the same Message-ID.
      message_id text,
      last_error text not null default '',
      merged_into uuid references follow_ups (id) on delete set null,
      created_at timestamptz not null default now(),
      last_attempt_at timestamptz,
      done_at timestamptz
    );
    create index follow_ups_due on follow_ups (next_attempt_at) where state = 'pending';
    create index follow_ups_failed on follow_ups (campaign_id, done_at desc) where state = 'failed';
    create index follow_ups_chat on follow_ups (chat_id);
    -- One transcript per chat, whoever closes it.
    create unique index follow_ups_one_transcript on follow_ups (chat_id) where kind = 'transcript';

    create table follow_up_opt_outs (
      account_id uuid not null references accounts (id) on delete cascade,
      email text not null,
      created_at timestamptz not null default now(),
      primary key (account_id, email)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table follow_up_opt_outs;
    drop table follow_ups;
    drop table follow_up_settings;
  `.execute(db);
}
