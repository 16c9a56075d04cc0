import { splitAddress, withoutFragment, type UrlMatch } from './moment-match.js';

/**
 * INV-8/INV-9: "all pages or certain URLs" of a chat button, as the loader gets them. Every page view carries
 * them and the loader decides with a few bytes of code, so the server turns each address rule into a regular
 * expression over the page's whole address without its fragment (`location.href` up to `#`) that holds exactly
 * when the moment matcher (moment-match.ts, `urlMatches`) would say the rule matches:
 * - the part of the address the matcher compares (the path and query, the whole address, or the address
 *   without its scheme) becomes a prefix that skips the rest (`^[^:]*://[^/]*` before a path);
 * - without a `?` in the pattern the page's query is left out: an optional `?…` at the end, and a `*` then
 *   stands for any run of characters but `?` (it must not reach into the query);
 * - exact: the pattern, escaped; contains: the text anywhere (not anchored); wildcard: see `wildcardRegex`.
 * A property test in the widget checks the two against each other.
 */
export type PageRule = string;

const escape = (s: string) => s.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
const QUERY = '(?:\\?[\\s\\S]*)?';

/**
 * `*` is any run of characters (`any`: a character class; none included), everything else is itself. The parts
 * between two `*` are each matched at their first place after the previous part and never tried again (an
 * atomic group, written as a look-ahead and a back-reference), which is the matcher's own two-pointer rule (the
 * first place always leaves the most room for the rest): a long address costs at most parts × length steps,
 * never an exponential search. Not anchored; `groups` numbers the back-references after earlier groups.
 */
export function wildcardRegex(pattern: string, any = '[\\s\\S]', groups = 0): string {
  const parts = pattern.split('*');
  if (parts.length === 1) return escape(pattern);
  const middle = parts
    .slice(1, -1)
    .filter((p) => p !== '')
    .map((p, i) => `(?=(${any}*?${escape(p)}))\\${groups + i + 1}`)
    .join('');
  return `${escape(parts[0]!)}${middle}${any}*${escape(parts[parts.length - 1]!)}`;
}

/** The loader's form of one of a button's address rules (see the top). */
export function pageRule(match: UrlMatch, raw: string): PageRule {
  const p = withoutFragment(raw.trim());
  // An empty needle matches nothing (as in the matcher): a look-ahead that always fails.
  if (match === 'contains') return p === '' ? '(?!)' : escape(p);
  let prefix: string;
  let pattern: string;
  if (p.startsWith('/')) {
    prefix = '^[^:]*://[^/]*';
    pattern = p;
  } else {
    const { scheme, host, rest } = splitAddress(p);
    // A host alone is its home page; a host part with a `*` is left as written (as the matcher does).
    const tail = (rest === '' && !host.includes('*')) || rest.startsWith('?') ? `/${rest}` : rest;
    pattern = `${scheme}${host}${tail}`;
    prefix = scheme ? '^' : '^[^:]*://';
  }
  const withQuery = pattern.includes('?');
  const body = match === 'exact' ? escape(pattern) : wildcardRegex(pattern, withQuery ? '[\\s\\S]' : '[^?]');
  return `${prefix}${body}${withQuery ? '' : QUERY}$`;
}
