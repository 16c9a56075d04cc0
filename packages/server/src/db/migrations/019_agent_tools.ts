import { sql, type Kysely } from 'kysely';

// TLS-7: the campaign's tool toggles, and the cobrowsing settings (TLS-5). Visitor Info, Chat Sneak Preview and
// Canned Responses were always on before the toggles, so existing campaigns keep them; WebTabs and Cobrowsing
// start off. A null cobrowsing text is the default in the campaign's language.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table campaigns
      add column tool_web_tabs boolean not null default false,
      add column tool_canned_responses boolean not null default true,
      add column tool_cobrowsing boolean not null default false,
      add column tool_visitor_info boolean not null default true,
      add column tool_sneak_preview boolean not null default true,
      add column cobrowse_text text,
      add column cobrowse_on_text text,
      add column cobrowse_off_text text,
      add column cobrowse_csp_domains text[] not null default '{}';
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table campaigns
      drop column tool_web_tabs,
      drop column tool_canned_responses,
      drop column tool_cobrowsing,
      drop column tool_visitor_info,
      drop column tool_sneak_preview,
      drop column cobrowse_text,
      drop column cobrowse_on_text,
      drop column cobrowse_off_text,
      drop column cobrowse_csp_domains;
  `.execute(db);
}
