import { z } from 'zod';
import { Timestamp } from './common.js';
import { WidgetGreeting } from './invites.js';

/**
 * TLS-6, visitor monitoring (docs/visitors.md). The loader's beacon, `POST /widget/beacon` with a JSON body sent
 * as `text/plain` (a CORS "simple" request: no preflight): a page view (`url`, `title`, `referrer`), or a
 * heartbeat of the page view the server numbered (`view`; `end` when the page is hidden or left).
 */
export const BeaconRequest = z.object({
  site: z.uuid(),
  /** The visitor's token (the same the chat frame uses); absent for a new visitor: the answer gives one. */
  token: z.string().min(1).max(100).nullish(),
  url: z.string().max(2000).optional(),
  title: z.string().max(500).optional(),
  referrer: z.string().max(2000).optional(),
  /** The page view this heartbeat belongs to (from the page view's answer). */
  view: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
  /** The page was hidden or left: the last heartbeat of this page view. */
  end: z.boolean().optional(),
});
export type BeaconRequest = z.infer<typeof BeaconRequest>;

export const BeaconResponse = z.object({
  /** The page view's number, for its heartbeats. */
  view: z.number().int().optional(),
  /** A new visitor's token: the loader keeps it where the chat frame finds it. */
  token: z.string().optional(),
  /** The heartbeat's visit is over (30 minutes without a sign) or unknown: send the page view again. */
  again: z.boolean().optional(),
  /** INV-6: an agent invites the visitor (shown like a Yes/No greeting, with the agent's name). */
  invite: WidgetGreeting.optional(),
});
export type BeaconResponse = z.infer<typeof BeaconResponse>;

/** Seconds: a visit ends after this long without a page view or heartbeat (the next page view starts a new one). */
export const VISIT_IDLE_SECONDS = 30 * 60;
/** Seconds between two heartbeats of a visible page. */
export const HEARTBEAT_SECONDS = 10;
/** A visitor is in the Visitors list while seen within this many seconds. */
export const LIVE_VISITOR_SECONDS = 60;

/** Where a visit came from, decided from its referrer and UTM parameters (`visitSource`). */
export const VisitSourceKind = {
  direct: 'direct',
  campaign: 'campaign',
  search: 'search',
  social: 'social',
  referral: 'referral',
} as const;
export type VisitSourceKind = (typeof VisitSourceKind)[keyof typeof VisitSourceKind];

export const VisitSource = z.object({
  kind: z.enum(VisitSourceKind),
  /** The referring host, or the UTM source. Empty for direct visits. */
  name: z.string(),
});
export type VisitSource = z.infer<typeof VisitSource>;

export const HandInviteStatus = {
  pending: 'pending',
  shown: 'shown',
  accepted: 'accepted',
  declined: 'declined',
} as const;
export type HandInviteStatus = (typeof HandInviteStatus)[keyof typeof HandInviteStatus];

/** One row of the console's Visitors list: a visitor seen on one of the account's sites in the last minute. */
export const LiveVisitor = z.object({
  visitorId: z.uuid(),
  visitId: z.uuid(),
  name: z.string(),
  host: z.string(),
  currentUrl: z.string(),
  currentTitle: z.string(),
  /** When the current page was opened. */
  pageSince: Timestamp,
  /** When the visit started (time on site = lastSeenAt − startedAt). */
  startedAt: Timestamp,
  lastSeenAt: Timestamp,
  pageViews: z.number().int(),
  referrer: z.string(),
  utm: z.record(z.string(), z.string()),
  source: VisitSource,
  browser: z.string(),
  os: z.string(),
  device: z.string(),
  country: z.string(),
  /** The visitor's chat going on, if any. */
  chat: z.object({ id: z.uuid(), agentName: z.string() }).nullable(),
  /** The latest hand invite of this visit (INV-6). */
  invite: z.object({ status: z.enum(HandInviteStatus), agentName: z.string() }).nullable(),
});
export type LiveVisitor = z.infer<typeof LiveVisitor>;

export const LiveVisitorList = z.object({ items: z.array(LiveVisitor), now: Timestamp });
export type LiveVisitorList = z.infer<typeof LiveVisitorList>;

/** `POST /api/visitors/:id/invite`: the invite is waiting for the visitor's next heartbeat (≤ 10 s). */
export const HandInviteResult = z.object({ id: z.uuid(), status: z.enum(HandInviteStatus) });
export type HandInviteResult = z.infer<typeof HandInviteResult>;

/** `utm_source`, `utm_medium`, … of an address (at most 10 keys, values up to 200 characters); {} when none. */
export function utmOf(url: string): Record<string, string> {
  let params: URLSearchParams;
  try {
    params = new URL(url).searchParams;
  } catch {
    return {};
  }
  const utm: Record<string, string> = {};
  let n = 0;
  for (const [k, v] of params) {
    if (!/^utm_[a-z_]{1,30}$/.test(k) || k in utm || !v) continue;
    utm[k] = v.slice(0, 200);
    if (++n >= 10) break;
  }
  return utm;
}

const SEARCH = /(^|\.)(google|bing|yahoo|duckduckgo|baidu|yandex|ecosia|qwant|startpage|ask)\.[a-z.]+$/;
const SOCIAL =
  /(^|\.)(facebook|fb|instagram|linkedin|lnkd|twitter|x|t|reddit|pinterest|youtube|tiktok|mastodon\.social|threads)\.[a-z.]+$/;

/**
 * Where a visit came from: UTM parameters first (a marked campaign link), else the referrer's host (search
 * engine, social network, another site), else direct. A referrer on the visited site's own host is direct.
 */
export function visitSource(referrer: string, utm: Record<string, string>, ownHost = ''): VisitSource {
  if (utm.utm_source || utm.utm_campaign) {
    return { kind: 'campaign', name: utm.utm_source || utm.utm_campaign || '' };
  }
  let host: string;
  try {
    host = referrer ? new URL(referrer).hostname.toLowerCase() : '';
  } catch {
    host = '';
  }
  if (!host || host === ownHost.toLowerCase()) return { kind: 'direct', name: '' };
  const name = host.replace(/^www\./, '');
  if (SEARCH.test(host)) return { kind: 'search', name };
  if (SOCIAL.test(host)) return { kind: 'social', name };
  return { kind: 'referral', name };
}
