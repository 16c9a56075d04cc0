import { sql, type Kysely } from 'kysely';

// INV-1: when the campaign's chat button shows (beside greeting_availability, migration 011), and INV-2: the
// campaign's own introduction above the offline form (empty: the widget's default text, in its language).
// Offline messages themselves are chats with offline_message (migration 005).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table campaigns add column button_availability text not null default 'always'
      check (button_availability in ('always', 'agents_logged_in', 'agents_available'));
    alter table campaigns add column offline_text text not null default '';
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table campaigns drop column offline_text;
    alter table campaigns drop column button_availability;
  `.execute(db);
}
