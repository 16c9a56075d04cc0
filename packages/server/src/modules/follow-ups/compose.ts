import { Language, type FollowUpKind } from '@parley/protocol';
import type { Db } from '../../db/database.js';
import type { FollowUpRow } from '../../db/schema.js';
import { fileUrl } from '../files/index.js';
import { renderEmail, type EmailEntry, type RenderedEmail } from './render.js';
import type { SecretBox } from './secret-box.js';
import { emailTexts } from './texts.js';
import * as repo from './repo.js';

/** The campaign's look and the sender's name, as an email shows them. */
export type CampaignLook = {
  language: string;
  title: string;
  window_title: string;
  window_color: string;
  logo_file_id: string | null;
  from_name: string | null;
  /** The account's name: the company visitors chatted with. */
  account_name: string;
};

export const languageOf = (l: string): Language => (l in Language ? (l as Language) : 'en');

/** Who the email comes from, as the visitor knows it: the sender's name, else the account's (the company's). */
export const senderName = (c: CampaignLook) => c.from_name || c.account_name || c.title;

export const UNSUBSCRIBE_PURPOSE = 'unsubscribe';

/** The unsubscribe address of a follow-up: its id, signed (nothing to store, nothing to guess). */
export async function unsubscribeUrl(box: SecretBox, base: string, followUpId: string): Promise<string> {
  return `${base}/follow-ups/unsubscribe/${followUpId}.${await box.sign(UNSUBSCRIBE_PURPOSE, followUpId)}`;
}

export function emailFor(
  kind: FollowUpKind,
  look: CampaignLook,
  base: string,
  timeZone: string,
  startedAt: Date,
  entries: EmailEntry[],
  conversationUrl: string | null,
  unsubscribe: string,
): RenderedEmail {
  return renderEmail({
    kind,
    language: languageOf(look.language),
    timeZone,
    name: senderName(look),
    color: look.window_color,
    logoUrl: look.logo_file_id && base ? `${base}${fileUrl(look.logo_file_id)}` : null,
    startedAt,
    entries,
    conversationUrl,
    unsubscribeUrl: unsubscribe,
  });
}

/** The email of a follow-up from the outbox, as it is sent. */
export async function composeFollowUp(
  db: Db,
  box: SecretBox,
  f: FollowUpRow,
  ctx: NonNullable<Awaited<ReturnType<typeof repo.sendingContext>>>,
  base: string,
): Promise<{ email: RenderedEmail; unsubscribe: string }> {
  const rows = await repo.emailEntries(db, f);
  const entries: EmailEntry[] = rows.map((r) => ({
    author: r.author === 'visitor' ? 'visitor' : 'agent',
    authorName: r.author_name,
    text: r.type === 'file' ? '' : r.body,
    fileName: r.type === 'file' ? r.body : null,
    at: new Date(r.created_at),
  }));
  const unsubscribe = await unsubscribeUrl(box, base, f.id);
  const email = emailFor(
    f.kind,
    ctx,
    base,
    ctx.time_zone,
    new Date(ctx.started_at),
    entries,
    ctx.start_url || null,
    unsubscribe,
  );
  return { email, unsubscribe };
}

/** The preview a manager sees: the campaign's email with a sample conversation. */
export function previewEmail(
  kind: FollowUpKind,
  look: CampaignLook,
  base: string,
  timeZone: string,
  agentName: string,
  /** A page of the campaign's website, where the sample conversation "started". */
  sampleUrl: string,
): RenderedEmail {
  const t = emailTexts[languageOf(look.language)];
  const now = Date.now();
  return emailFor(
    kind,
    look,
    base,
    timeZone,
    new Date(now - 5 * 60_000),
    [
      { author: 'visitor', authorName: '', text: t.sampleQuestion, at: new Date(now - 5 * 60_000) },
      { author: 'agent', authorName: agentName, text: t.sampleAnswer, at: new Date(now - 4 * 60_000) },
    ],
    sampleUrl,
    `${base}/follow-ups/unsubscribe/preview`,
  );
}
