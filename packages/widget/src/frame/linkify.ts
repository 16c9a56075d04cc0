/**
 * Splits message text into plain runs and http(s) links. The result is data, rendered as text nodes and
 * `<a>` elements: nothing in a message is ever parsed as HTML, and only http(s) URLs become links.
 */
export type TextPart = { text: string; href?: string };

const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"'`]+/gi;
const TRAILING = /[.,;:!?'"\])}]$/;

function count(s: string, ch: string): number {
  let n = 0;
  for (const c of s) if (c === ch) n++;
  return n;
}

/** Trailing punctuation belongs to the sentence, not the URL (a closing bracket only when unbalanced). */
function trimUrl(url: string): string {
  while (TRAILING.test(url)) {
    const last = url[url.length - 1] as string;
    const open = last === ')' ? '(' : last === ']' ? '[' : last === '}' ? '{' : '';
    if (open && count(url, open) >= count(url, last)) break;
    url = url.slice(0, -1);
  }
  return url;
}

export function safeHref(candidate: string): string | null {
  try {
    const url = new URL(candidate);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let from = 0;
  for (const m of text.matchAll(URL_IN_TEXT)) {
    const url = trimUrl(m[0]);
    const href = safeHref(url);
    const at = m.index;
    if (!href || !/^https?:\/\/[^/?#]/i.test(url)) continue;
    if (at > from) parts.push({ text: text.slice(from, at) });
    parts.push({ text: url, href });
    from = at + url.length;
  }
  if (from < text.length) parts.push({ text: text.slice(from) });
  return parts;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${Math.round(n / 102.4) / 10} KB`;
  return `${Math.round(n / (1024 * 102.4)) / 10} MB`;
}
