import { sql, type Kysely } from 'kysely';

// INV-7…INV-9: a campaign's chat buttons in list order: footer buttons (text, colour, side) and custom ones (the
// manager's HTML and CSS), each starting the chat instantly or after the first message, on all pages or on
// pages matching its address rules (a JSON array checked by the protocol's schema on every write). Empty text
// and colour stand for the widget's own text in the campaign's language and the chat window's colour.
// Every existing campaign gets the one button it showed until now: a footer button, bottom right, starting
// after the first message, with the widget's text and the window's colour (so nothing changes on its sites).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table chat_buttons (
      id uuid primary key default gen_random_uuid(),
      account_id uuid not null references accounts(id) on delete cascade,
      campaign_id uuid not null references campaigns(id) on delete cascade,
      position integer not null,
      placement text not null check (placement in ('footer', 'custom')),
      starts text not null default 'after_first_message' check (starts in ('instantly', 'after_first_message')),
      enabled boolean not null default true,
      name text not null,
      pages text not null default 'all' check (pages in ('all', 'certain')),
      urls jsonb not null default '[]',
      text text not null default '',
      color text not null default '',
      side text not null default 'right' check (side in ('right', 'left')),
      html text not null default '',
      css text not null default '',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index chat_buttons_campaign on chat_buttons (campaign_id, position);
    insert into chat_buttons (account_id, campaign_id, position, placement, starts, name)
      select account_id, id, 0, 'footer', 'after_first_message', 'Chat button' from campaigns;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table chat_buttons;`.execute(db);
}
