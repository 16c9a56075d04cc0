import { sql, type Kysely } from 'kysely';

// INV-10 / EXP-5: the website an invite event happened on. A greeting is recorded from a page of a website
// (`/widget/invite-events?site=`) before the visitor has a visit (one is made when the chat frame says hello),
// so the Automatic Invites and Traffic exports took the host from the visit and left it empty for most events.
// Now the event keeps its website; events recorded before this keep the visit's, where they had one.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table invite_events add column website_id uuid references websites(id) on delete set null;
    update invite_events ie set website_id = v.website_id
      from visits v where v.id = ie.visit_id and ie.website_id is null;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table invite_events drop column website_id;
  `.execute(db);
}
