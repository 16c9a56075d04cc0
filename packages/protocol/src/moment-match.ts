/**
 * INV-5: moments — when a greeting appears by itself. Pure functions without dependencies, shared by the widget (which decides
 * when to show a greeting; `@parley/protocol/moments` keeps zod out of its bundle) and the server.
 *
 * Rules (docs/invites.md says the same in words):
 * - A moment matches when **all** its criteria hold; a greeting shows when **any** of its moments matches.
 * - A moment with no criteria matches at once, on every page (all of no criteria hold). A greeting with no
 *   moments never shows by itself.
 * - Time criteria compare whole seconds with the minutes × 60: `>= 2` holds from 120 s on, `<= 2` up to and
 *   including 120 s, `= 2` during the third minute, 120 s ≤ t < 180 s.
 * - Page criteria compare the page's address with a pattern. The scheme and host are compared without regard to
 *   case (they are case-insensitive on the web); the path, query and everything after are case-sensitive. The
 *   fragment (`#…`) is never compared.
 *   - A pattern beginning with `/` is compared with the path (and query); one beginning with a scheme
 *     (`https://`) with the whole address; any other (`www.example.com/shop`, `*checkout*`) with the address
 *     without its scheme.
 *   - exact: equal. When the pattern has no `?`, the page's query is left out first (`/shop` matches
 *     `/shop?utm_source=x`). A host alone stands for its home page (`www.example.com` = `www.example.com/`).
 *   - wildcard: like exact, with `*` standing for any run of characters, none included, `/` included; `**` is
 *     the same as `*`. Every other character is itself (`.`, `?`, `+`, `(` … are not special).
 *   - contains: the pattern occurs somewhere in the whole address (scheme, host, path and query).
 * - Previous page: the page the visitor saw before this one in the same visit. On the first page view there is
 *   none, and a previous-page criterion does not match.
 */

export const UrlMatch = { exact: 'exact', contains: 'contains', wildcard: 'wildcard' } as const;
export type UrlMatch = (typeof UrlMatch)[keyof typeof UrlMatch];

export const TimeOperator = { atLeast: '>=', atMost: '<=', equals: '=' } as const;
export type TimeOperator = (typeof TimeOperator)[keyof typeof TimeOperator];

export const CriterionKind = {
  currentPage: 'current_page',
  previousPage: 'previous_page',
  timeOnPage: 'time_on_page',
  timeOnWebsite: 'time_on_website',
} as const;
export type CriterionKind = (typeof CriterionKind)[keyof typeof CriterionKind];

/** A moment's criterion (the schema in moments.ts checks it on the way in). */
export type PageCriterion = {
  kind: 'current_page' | 'previous_page';
  match: UrlMatch;
  url: string;
};
export type TimeCriterion = {
  kind: 'time_on_page' | 'time_on_website';
  operator: TimeOperator;
  minutes: number;
};
export type Criterion = PageCriterion | TimeCriterion;
export const isPageCriterion = (c: Criterion): c is PageCriterion =>
  c.kind === 'current_page' || c.kind === 'previous_page';
/** What matching needs of a moment. */
export type MomentCriteria = { criteria: readonly Criterion[] };

/** Where the visitor is now, as the widget knows it. */
export interface VisitNow {
  /** The current page's address (`location.href`). */
  url: string;
  /** The page before it in this visit; `null` on the first page view. */
  previousUrl: string | null;
  /** Seconds on this page and on the website (this visit); fractions are cut off. */
  secondsOnPage: number;
  secondsOnWebsite: number;
}

// ------------------------------------------------------------------------------------------- addresses

// [\s\S], not the s flag: a plain literal, which the loader's build (ES2017) drops when unused.
const SCHEME_HOST = /^([a-zA-Z][a-zA-Z0-9+.-]*:\/\/)?([^/?#]*)([\s\S]*)$/;

interface Address {
  /** `https://www.example.com/path?q` (scheme and host lower case, no fragment, `/` for an empty path). */
  full: string;
  /** The same without the scheme. */
  noScheme: string;
  /** Path and query. */
  path: string;
}

export function withoutFragment(s: string): string {
  const hash = s.indexOf('#');
  return hash === -1 ? s : s.slice(0, hash);
}

export function splitAddress(raw: string): { scheme: string; host: string; rest: string } {
  const m = SCHEME_HOST.exec(withoutFragment(raw.trim()))!;
  return { scheme: (m[1] ?? '').toLowerCase(), host: (m[2] ?? '').toLowerCase(), rest: m[3] ?? '' };
}

function addressOf(url: string): Address {
  const { scheme, host, rest } = splitAddress(url);
  const path = rest === '' || rest.startsWith('?') ? `/${rest}` : rest;
  return { full: `${scheme}${host}${path}`, noScheme: `${host}${path}`, path };
}

const withoutQuery = (s: string) => {
  const q = s.indexOf('?');
  return q === -1 ? s : s.slice(0, q);
};

/** An exact or wildcard pattern in the form of the address part it is compared with (see `comparable`). */
function patternForm(pattern: string): { p: string; part: keyof Address } {
  const p = withoutFragment(pattern.trim());
  if (p.startsWith('/')) return { p, part: 'path' };
  const { scheme, host, rest } = splitAddress(p);
  // A host alone is its home page; a host part with a `*` (`*shoes`, `*.example.com*`) is left as written.
  const tail = (rest === '' && !host.includes('*')) || rest.startsWith('?') ? `/${rest}` : rest;
  return scheme ? { p: `${scheme}${host}${tail}`, part: 'full' } : { p: `${host}${tail}`, part: 'noScheme' };
}

/** The pattern in the same form as the address it is compared with, and that address. */
function comparable(pattern: string, address: Address): [string, string] {
  const { p, part } = patternForm(pattern);
  return [p, address[part]];
}

/**
 * `*` matches any run of characters; everything else is literal. Two-pointer matching that backtracks only to the
 * last `*` (no regular expression: at worst pattern × address steps, never exponential).
 */
export function wildcardMatches(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let mark = 0;
  while (t < text.length) {
    if (p < pattern.length && pattern[p] !== '*' && pattern[p] === text[t]) {
      p++;
      t++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      mark = t;
    } else if (star !== -1) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

/** Whether the page at `url` matches `pattern` in the way `match` says (see the rules at the top). */
export function urlMatches(match: UrlMatch, pattern: string, url: string): boolean {
  const address = addressOf(url);
  if (match === 'contains') {
    const needle = withoutFragment(pattern.trim());
    return needle !== '' && address.full.includes(needle);
  }
  const [p, a] = comparable(pattern, address);
  const target = p.includes('?') ? a : withoutQuery(a);
  return match === 'exact' ? p === target : wildcardMatches(p, target);
}

// ------------------------------------------------------------------------------------------- time

/** Whole seconds from now during which a time criterion holds: `[from, until)`; `until` null = for ever. */
function timeWindow(c: TimeCriterion, seconds: number): { from: number; until: number | null } {
  const s = Math.max(0, Math.floor(seconds));
  const at = c.minutes * 60;
  switch (c.operator) {
    case '>=':
      return { from: Math.max(0, at - s), until: null };
    case '<=':
      return { from: 0, until: Math.max(0, at - s + 1) };
    case '=':
      return { from: Math.max(0, at - s), until: Math.max(0, at + 60 - s) };
  }
}

function secondsFor(c: TimeCriterion, now: VisitNow): number {
  return c.kind === 'time_on_page' ? now.secondsOnPage : now.secondsOnWebsite;
}

function pageHolds(c: PageCriterion, now: VisitNow): boolean {
  const url = c.kind === 'current_page' ? now.url : now.previousUrl;
  return url !== null && urlMatches(c.match, c.url, url);
}

// ------------------------------------------------------------------------------------------- moments

/** One criterion, now. */
export function criterionHolds(c: Criterion, now: VisitNow): boolean {
  if (isPageCriterion(c)) return pageHolds(c, now);
  const w = timeWindow(c, secondsFor(c, now));
  return w.from === 0 && (w.until === null || w.until > 0);
}

/** A moment matches when all its criteria hold (a moment without criteria matches at once). */
export function momentMatches(moment: MomentCriteria, now: VisitNow): boolean {
  return moment.criteria.every((c) => criterionHolds(c, now));
}

/** A greeting shows when any of its moments matches (a greeting without moments never shows by itself). */
export function anyMomentMatches(moments: readonly MomentCriteria[], now: VisitNow): boolean {
  return moments.some((m) => momentMatches(m, now));
}

/**
 * In how many whole seconds the moment will match if the visitor stays on this page: 0 = it matches now,
 * `null` = it cannot match on this page any more (a page criterion does not hold, or a time window has passed).
 * Both clocks run on together, so the answer is where all the criteria's time windows overlap. The widget uses it
 * to schedule one check instead of polling.
 */
export function momentMatchesIn(moment: MomentCriteria, now: VisitNow): number | null {
  let from = 0;
  let until: number | null = null;
  for (const c of moment.criteria) {
    if (isPageCriterion(c)) {
      if (!pageHolds(c, now)) return null;
      continue;
    }
    const w = timeWindow(c, secondsFor(c, now));
    from = Math.max(from, w.from);
    if (w.until !== null) until = until === null ? w.until : Math.min(until, w.until);
  }
  return until === null || from < until ? from : null;
}

/** The soonest of `momentMatchesIn` over a greeting's moments; `null` when none can match on this page. */
export function greetingMatchesIn(moments: readonly MomentCriteria[], now: VisitNow): number | null {
  let best: number | null = null;
  for (const m of moments) {
    const n = momentMatchesIn(m, now);
    if (n !== null && (best === null || n < best)) best = n;
    if (best === 0) break;
  }
  return best;
}

// ------------------------------------------------------------------------------------------- hints for the loader

/**
 * A text (lower case) that every page address the pattern matches contains, lower-cased: the longest piece of
 * the pattern without `*`, in the form it is compared in. For an address as the browser gives it
 * (`location.href`, which always has a path) `urlMatches(match, pattern, url)` implies
 * `url.toLowerCase().includes(urlHint(match, pattern))`. Empty: no such text (`*`).
 */
export function urlHint(match: UrlMatch, pattern: string): string {
  const p = match === 'contains' ? withoutFragment(pattern.trim()) : patternForm(pattern).p;
  const pieces = match === 'wildcard' ? p.split('*') : [p];
  return pieces.reduce((a, b) => (b.length > a.length ? b : a), '').toLowerCase();
}

/**
 * What the loader knows of a moment without the matcher (INV-5, docs/invites.md "Lazy"): it cannot match before
 * this many seconds on the page and on the website, and (when the third item is there) only on a page whose
 * address, lower-cased, contains that text. A lower bound: the moment may match later or never.
 */
export type MomentHint = [onPage: number, onWebsite: number, text?: string];

export function momentHint(moment: MomentCriteria): MomentHint {
  let onPage = 0;
  let onWebsite = 0;
  let text = '';
  for (const c of moment.criteria) {
    if (isPageCriterion(c)) {
      const t = c.kind === 'current_page' ? urlHint(c.match, c.url) : '';
      if (t.length > text.length) text = t;
    } else if (c.operator !== '<=') {
      if (c.kind === 'time_on_page') onPage = Math.max(onPage, c.minutes * 60);
      else onWebsite = Math.max(onWebsite, c.minutes * 60);
    }
  }
  return text ? [onPage, onWebsite, text] : [onPage, onWebsite];
}

/**
 * The hints of all the moments of the greetings (duplicates and those another hint covers left out: one that is
 * no later on either clock and asks no text, or the same text), soonest first. What the loader's config carries.
 */
export function momentHints(greetings: readonly { moments: readonly MomentCriteria[] }[]): MomentHint[] {
  const all = greetings.flatMap((g) => g.moments.map(momentHint));
  const covers = (a: MomentHint, b: MomentHint) =>
    a[0] <= b[0] && a[1] <= b[1] && (a[2] === undefined || a[2] === b[2]);
  const kept: MomentHint[] = [];
  for (const [i, h] of all.entries()) {
    // Of equal hints the first stays.
    if (all.some((o, j) => o !== h && covers(o, h) && (!covers(h, o) || j < i))) continue;
    kept.push(h);
  }
  return kept.sort((a, b) => Math.max(a[0], a[1]) - Math.max(b[0], b[1]));
}

/**
 * In how many seconds one of the moments behind the hints could first match on the page at `url` (0: it may
 * match now), from a moment `onPage` seconds into the page and `onWebsite` into the visit; null when none can
 * on this page (each asks a text the address does not contain). Never later than the moment itself: the loader
 * waits this long (less a few seconds) before it loads the greetings. Positional and plain: it is in the loader.
 */
export function hintsDueIn(
  hints: readonly MomentHint[],
  url: string,
  onPage: number,
  onWebsite: number,
): number | null {
  const page = url.toLowerCase();
  let best: number | null = null;
  for (const [p, w, text] of hints) {
    if (text && !page.includes(text)) continue;
    const n = Math.max(0, p - onPage, w - onWebsite);
    if (best === null || n < best) best = n;
  }
  return best;
}
