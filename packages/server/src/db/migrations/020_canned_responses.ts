import { sql, type Kysely } from 'kysely';

// Canned responses (TLS-2…TLS-4, issue 16); docs/canned-responses.md.
// canned_forums: the account's forums, a title unique in the account whatever its case.
// canned_responses: a forum's Q&As. A shortkey is unique in its forum whatever its case (empty: none yet). A
// removed Q&A keeps its row with `removed_at` set: for CANNED_UNDO_SECONDS it can be brought back ("Undo
// Removal", TLS-3), after that it is gone everywhere and later purged. `search` is the full-text document of the
// three fields in the `simple` configuration (no stemming, no stop words: every word of any language is found by
// its prefix), with a GIN index (fastupdate off: PGlite has no autovacuum to empty a pending list, and Q&As are
// written rarely). canned_responses_order lists a forum's Q&As in shortkey order (those without one last): the
// console's list and `#` suggestions read it in order and stop at the page's end (docs/canned-responses.md).
// campaign_canned_forums: which forums a campaign's agents see.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table canned_forums (
      id uuid primary key default gen_random_uuid(),
      account_id uuid not null references accounts (id) on delete cascade,
      title text not null,
      created_at timestamptz not null default now()
    );
    create unique index canned_forums_title on canned_forums (account_id, lower(title));

    create table canned_responses (
      id uuid primary key default gen_random_uuid(),
      account_id uuid not null references accounts (id) on delete cascade,
      forum_id uuid not null references canned_forums (id) on delete cascade,
      shortkey text not null default '',
      question text not null default '',
      answer text not null default '',
      search tsvector generated always as (
        to_tsvector('simple'::regconfig, shortkey || ' ' || question || ' ' || answer)
      ) stored,
      removed_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index canned_responses_forum on canned_responses (forum_id, created_at);
    create unique index canned_responses_shortkey on canned_responses (forum_id, lower(shortkey))
      where removed_at is null and shortkey <> '';
    create index canned_responses_order
      on canned_responses (forum_id, (nullif(lower(shortkey), '') collate "C"), id)
      where removed_at is null;
    create index canned_responses_search on canned_responses using gin (search) with (fastupdate = off)
      where removed_at is null;
    create index canned_responses_removed on canned_responses (account_id, removed_at)
      where removed_at is not null;

    create table campaign_canned_forums (
      campaign_id uuid not null references campaigns (id) on delete cascade,
      forum_id uuid not null references canned_forums (id) on delete cascade,
      account_id uuid not null references accounts (id) on delete cascade,
      primary key (campaign_id, forum_id)
    );
    create index campaign_canned_forums_forum on campaign_canned_forums (forum_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table campaign_canned_forums;
    drop table canned_responses;
    drop table canned_forums;
  `.execute(db);
}
