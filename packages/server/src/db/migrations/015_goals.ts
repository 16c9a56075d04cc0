import { sql, type Kysely } from 'kysely';

// The campaign's Goals tab (issue 15; docs/goals.md).
// GOL-1: the two options of the success codes (the codes themselves and the chats' choices are migration 005's);
// a code's name is unique in its campaign's list (deleted codes aside: chats keep them, the list does not).
// GOL-2: the customer survey's settings; its texts are null until a manager saves them (null: the default text in
// the campaign's language, so a language change moves them along), an empty text is "none". On the chat: how it was
// rated (chats.rating is 1…5 since migration 002, thumbs stored as 1 and 5), when, and when the visitor sent the
// survey (it closes then, or 24 hours after the chat ended).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table campaigns add column success_codes_multiple boolean not null default false;
    alter table campaigns add column success_codes_required boolean not null default false;
    alter table campaigns add column survey_enabled boolean not null default false;
    alter table campaigns add column survey_scale text not null default 'smileys'
      check (survey_scale in ('smileys', 'thumbs'));
    alter table campaigns add column survey_question text;
    alter table campaigns add column survey_comment boolean not null default false;
    alter table campaigns add column survey_comment_text text;
    alter table campaigns add column survey_thanks boolean not null default false;
    alter table campaigns add column survey_thanks_text text;

    create unique index success_codes_name on success_codes (campaign_id, lower(name)) where deleted_at is null;

    alter table chats add column rating_scale text check (rating_scale in ('smileys', 'thumbs'));
    alter table chats add column rated_at timestamptz;
    alter table chats add column survey_sent_at timestamptz;
    alter table chats add constraint chats_rating_range check (rating between 1 and 5);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table chats drop constraint chats_rating_range;
    alter table chats drop column survey_sent_at;
    alter table chats drop column rated_at;
    alter table chats drop column rating_scale;
    drop index success_codes_name;
    alter table campaigns drop column survey_thanks_text;
    alter table campaigns drop column survey_thanks;
    alter table campaigns drop column survey_comment_text;
    alter table campaigns drop column survey_comment;
    alter table campaigns drop column survey_question;
    alter table campaigns drop column survey_scale;
    alter table campaigns drop column survey_enabled;
    alter table campaigns drop column success_codes_required;
    alter table campaigns drop column success_codes_multiple;
  `.execute(db);
}
