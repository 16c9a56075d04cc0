import { splitAddress, withoutFragment, type UrlMatch } from './moment-match.js';

/**
 * INV-8/INV-9: "all pages or certain URLs" of a chat button, as the loader gets them. Every page view carries
 * them and the loader decides with a few bytes of code, so the server turns each address rule into the
 * comparison the moment matcher (moment-match.ts, `urlMatches`) would make, ahead of time: `[form, regex]`,
 * where `form` says which part of the page's address is compared —
 *   0 path and query, 1 path, 2 the whole address, 3 the whole address without its query,
 *   4 the address without its scheme, 5 the same without its query —
 * and `regex` is the pattern as a regular expression (exact: anchored, wildcard: `*` is any run of characters,
 * contains: not anchored). The loader builds the six forms from `location` (scheme and host lower case, no
 * fragment, as the matcher does); a property test in the widget checks the two against each other.
 *
 * A wildcard pattern becomes a regular expression that cannot backtrack without end: each part between two
 * `*` is matched at its first place after the previous part and never tried again (an atomic group, written as a
 * look-ahead and a back-reference), which is the matcher's own two-pointer rule (the first place always leaves
 * the most room for the rest), so a long address costs at worst parts × length steps.
 */
export type PageRule = [form: 0 | 1 | 2 | 3 | 4 | 5, regex: string];

const escape = (s: string) => s.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
const ANY = '[\\s\\S]*';

/** `*` is any run of characters (none included); everything else is itself. */
export function wildcardRegex(pattern: string): string {
  const parts = pattern.split('*');
  if (parts.length === 1) return `^${escape(pattern)}$`;
  const first = escape(parts[0]!);
  const last = escape(parts[parts.length - 1]!);
  const middle = parts
    .slice(1, -1)
    .filter((p) => p !== '')
    .map((p, i) => `(?=([\\s\\S]*?${escape(p)}))\\${i + 1}`)
    .join('');
  return `^${first}${middle}${ANY}${last}$`;
}

/** The loader's form of one of a button's address rules (see the top). */
export function pageRule(match: UrlMatch, raw: string): PageRule {
  const p = withoutFragment(raw.trim());
  // An empty needle matches nothing (as in the matcher): a look-ahead that always fails.
  if (match === 'contains') return [2, p === '' ? '(?!)' : escape(p)];
  let form: 0 | 2 | 4;
  let pattern: string;
  if (p.startsWith('/')) {
    form = 0;
    pattern = p;
  } else {
    const { scheme, host, rest } = splitAddress(p);
    // A host alone is its home page; a host part with a `*` is left as written (as the matcher does).
    const tail = (rest === '' && !host.includes('*')) || rest.startsWith('?') ? `/${rest}` : rest;
    pattern = `${scheme}${host}${tail}`;
    form = scheme ? 2 : 4;
  }
  // Without a `?` in the pattern the page's query is left out.
  const withQuery = pattern.includes('?');
  const regex = match === 'exact' ? `^${escape(pattern)}$` : wildcardRegex(pattern);
  return [(withQuery ? form : form + 1) as PageRule[0], regex];
}
