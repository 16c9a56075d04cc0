import { textColorOn, type FollowUpKind, type Language } from '@parley/protocol';
import { emailTexts, fill } from './texts.js';

/**
 * A follow-up email's content (FUP-2), pure: the subject, an HTML part and a plain-text part, in the visitor's
 * language, with the campaign's colour and logo. Everything that comes from people (messages, names, titles) is
 * escaped; links are only ever http(s).
 */

export type EmailEntry = {
  author: 'visitor' | 'agent';
  authorName: string;
  text: string;
  /** A file message: its name. */
  fileName?: string | null;
  at: Date;
};

export type EmailInput = {
  kind: FollowUpKind;
  language: Language;
  timeZone: string;
  /** Who the email comes from, as the visitor knows it (the sender's name, else the chat window's title). */
  name: string;
  color: string;
  logoUrl: string | null;
  /** When the chat started (the transcript's date). */
  startedAt: Date;
  entries: EmailEntry[];
  /** The page of the website where the conversation started (answers: the way back). */
  conversationUrl: string | null;
  unsubscribeUrl: string;
};

export type RenderedEmail = { subject: string; html: string; text: string };

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** An http(s) address, or null (a `javascript:` or other scheme never becomes a link). */
export function safeUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : null;
  } catch {
    return null;
  }
}

const HEX = /^#[0-9a-fA-F]{6}$/;

export function renderEmail(input: EmailInput): RenderedEmail {
  const t = emailTexts[input.language] ?? emailTexts.en;
  const date = new Intl.DateTimeFormat(input.language, {
    dateStyle: 'long',
    timeZone: input.timeZone,
  }).format(input.startedAt);
  const time = new Intl.DateTimeFormat(input.language, {
    timeStyle: 'short',
    timeZone: input.timeZone,
  });
  const transcript = input.kind === 'transcript';
  const subject = fill(transcript ? t.transcriptSubject : t.answerSubject, { name: input.name });
  const heading = transcript ? t.transcriptHeading : t.answerHeading;
  const intro = transcript ? fill(t.transcriptIntro, { date }) : t.answerIntro;
  const link = transcript ? null : safeUrl(input.conversationUrl);
  const color = HEX.test(input.color) ? input.color : '#1971c2';
  const onColor = textColorOn(color);
  const logo = safeUrl(input.logoUrl);
  const who = (e: EmailEntry) => (e.author === 'visitor' ? t.you : e.authorName || t.agent);
  const body = (e: EmailEntry) => (e.fileName ? fill(t.file, { file: e.fileName }) : e.text);

  const text = [
    heading,
    '',
    intro,
    '',
    ...input.entries.flatMap((e) => [`${who(e)} (${time.format(e.at)}):`, body(e), '']),
    ...(link ? [t.answerLinkText, link, ''] : []),
    '-- ',
    t.why,
    `${t.unsubscribe}: ${input.unsubscribeUrl}`,
    '',
  ].join('\n');

  const rows = input.entries
    .map((e) => {
      const mine = e.author === 'visitor';
      return `<tr><td style="padding:6px 0">
<div style="font-size:12px;color:#495057">${escapeHtml(who(e))} · ${escapeHtml(time.format(e.at))}</div>
<div style="margin-top:2px;padding:8px 12px;border-radius:8px;white-space:pre-wrap;word-wrap:break-word;${
        mine ? 'background:#f1f3f5;color:#212529' : `background:${color};color:${onColor}`
      }">${e.fileName ? `<em>${escapeHtml(body(e))}</em>` : escapeHtml(body(e))}</div>
</td></tr>`;
    })
    .join('\n');

  const html = `<!doctype html>
<html lang="${input.language}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:0;background:#f8f9fa;font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;color:#212529">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f8f9fa"><tr><td align="center" style="padding:24px 12px">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:600px;background:#ffffff;border:1px solid #dee2e6;border-radius:8px">
<tr><td style="background:${color};color:${onColor};padding:16px 24px;border-radius:8px 8px 0 0">${
    logo
      ? `<img src="${escapeHtml(logo)}" alt="${escapeHtml(input.name)}" style="max-height:40px;max-width:200px;display:block">`
      : `<strong style="font-size:18px">${escapeHtml(input.name)}</strong>`
  }</td></tr>
<tr><td style="padding:24px">
<h1 style="font-size:20px;margin:0 0 8px">${escapeHtml(heading)}</h1>
<p style="margin:0 0 16px">${escapeHtml(intro)}</p>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0">
${rows}
</table>${
    link
      ? `
<p style="margin:24px 0 8px">${escapeHtml(t.answerLinkText)}</p>
<p style="margin:0"><a href="${escapeHtml(link)}" style="display:inline-block;background:${color};color:${onColor};padding:10px 16px;border-radius:6px;text-decoration:none">${escapeHtml(t.answerLink)}</a></p>`
      : ''
  }
</td></tr>
<tr><td style="padding:16px 24px;border-top:1px solid #dee2e6;font-size:12px;color:#495057">
<p style="margin:0 0 4px">${escapeHtml(t.why)}</p>
<p style="margin:0"><a href="${escapeHtml(input.unsubscribeUrl)}" style="color:#495057">${escapeHtml(t.unsubscribe)}</a></p>
</td></tr>
</table>
</td></tr></table>
</body>
</html>
`;
  return { subject, html, text };
}
