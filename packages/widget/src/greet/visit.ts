/**
 * INV-3/INV-4/INV-5 in the page: where the visitor is in this visit (time on the page and on the website,
 * previous page), which greetings were declined, and which greeting comes next and when. Pure apart from the
 * storage given to it, so it is tested with a plain map.
 */
import { greetingMatchesIn, type MomentCriteria, type VisitNow } from '@parley/protocol/moments';

/** The part of sessionStorage used here (a visit is the browser tab's session on the site). */
export interface Store {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** What the page remembers about the visit: when it started, this page and the page before it. */
export interface Visit {
  startedAt: number;
  url: string;
  previousUrl: string | null;
}

/**
 * Called once per page view (by the loader, when the campaign has greetings): the visit starts with the first
 * page view of the tab's session; the previous page is the last other page seen (a reload keeps the previous
 * page it had). `storage` may throw (storage disabled): then the visit is this page. Written small: it is in
 * the loader.
 */
export function enterPage(storage: () => Store, prefix: string, url: string, now: number): Visit {
  const key = `${prefix}visit`;
  let saved: Partial<Visit> | null = null;
  try {
    saved = JSON.parse(storage().getItem(key)!) as Partial<Visit> | null;
  } catch {
    /* a new visit */
  }
  const { startedAt, url: last, previousUrl } = saved || {};
  const visit: Visit = {
    startedAt: typeof startedAt == 'number' && startedAt <= now ? startedAt : now,
    url,
    previousUrl:
      typeof last != 'string'
        ? null
        : last != url
          ? last
          : typeof previousUrl == 'string'
            ? previousUrl
            : null,
  };
  try {
    storage().setItem(key, JSON.stringify(visit));
  } catch {
    /* this page still works */
  }
  return visit;
}

/** Where the visitor is now, for the moment matcher. */
export function visitNow(visit: Visit, pageSince: number, now: number): VisitNow {
  return {
    url: visit.url,
    previousUrl: visit.previousUrl,
    secondsOnPage: Math.max(0, Math.floor((now - pageSince) / 1000)),
    secondsOnWebsite: Math.max(0, Math.floor((now - visit.startedAt) / 1000)),
  };
}

const declinedKey = (prefix: string) => `${prefix}declined`;

/** The greetings declined in this visit (not shown again in it, INV-3). */
export function declinedIds(store: Store, prefix: string): string[] {
  try {
    const ids = JSON.parse(store.getItem(declinedKey(prefix)) ?? '[]') as unknown;
    return Array.isArray(ids) ? ids.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export function rememberDeclined(store: Store, prefix: string, id: string): void {
  const ids = declinedIds(store, prefix);
  if (ids.includes(id)) return;
  try {
    store.setItem(declinedKey(prefix), JSON.stringify([...ids, id].slice(-100)));
  } catch {
    /* storage disabled */
  }
}

export type Candidate = { id: string; moments: readonly MomentCriteria[] };

/**
 * The greeting to show next and in how many seconds (0 = now): the soonest to match among those not declined
 * and not already handled on this page; list order decides between equals. null: none will match on this page.
 */
export function nextGreeting<G extends Candidate>(
  greetings: readonly G[],
  now: VisitNow,
  skip: readonly string[],
): { greeting: G; inSeconds: number } | null {
  let best: { greeting: G; inSeconds: number } | null = null;
  for (const g of greetings) {
    if (skip.includes(g.id)) continue;
    const s = greetingMatchesIn(g.moments, now);
    if (s !== null && (!best || s < best.inSeconds)) best = { greeting: g, inSeconds: s };
  }
  return best;
}
