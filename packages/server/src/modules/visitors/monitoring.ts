import { LIVE_VISITOR_SECONDS, visitSource, type LiveVisitor } from '@parley/protocol';
import type { Db } from '../../db/database.js';
import { parseUserAgent } from './device.js';
import * as repo from './repo.js';
import { identifyVisitor, storeVisitor, visitorName } from './service.js';

/** The website a beacon names, as the widget's per-site cache knows it. */
export type BeaconSite = { websiteId: string; accountId: string; campaignId: string | null; host: string };

/** Who sent a beacon: the request's user agent, address and (trusted proxy) country. */
export type BeaconClient = { userAgent: string; ip: string; country: string };

/**
 * A page view from the loader's beacon (TLS-6): the visitor of the token (or a new one, whose token the answer
 * carries), the page view in the visit going on or a new visit (with browser, system and device parsed from the
 * user agent, the country, and the address only if the account keeps addresses). Returns the page view's number
 * for the heartbeats and the visitor's row of the Visitors list as it is now.
 */
export async function beaconPageView(
  db: Db,
  site: BeaconSite,
  page: { token: string | null | undefined; url: string; title: string; referrer: string },
  client: BeaconClient,
): Promise<{
  viewId: number;
  visitId: string;
  visitorId: string;
  newToken?: string;
  live: LiveVisitor | undefined;
}> {
  const { visitor, newToken } = await identifyVisitor(db, site.accountId, page.token, client.userAgent);
  await storeVisitor(db, visitor);
  const { visitId, viewId } = await repo.recordPageView(db, {
    accountId: site.accountId,
    visitorId: visitor.row.id,
    websiteId: site.websiteId,
    campaignId: site.campaignId,
    url: page.url,
    title: page.title,
    referrer: page.referrer,
    userAgent: client.userAgent,
    origin: () => ({ ...parseUserAgent(client.userAgent), country: client.country, ip: client.ip }),
  });
  const live = await liveVisitor(db, site.accountId, visitId);
  return { viewId, visitId, visitorId: visitor.row.id, ...(newToken ? { newToken } : {}), live };
}

/** The console's Visitors list: the account's visitors seen in the last minute. */
export async function liveVisitors(db: Db, accountId: string): Promise<LiveVisitor[]> {
  const rows = await repo.liveVisits(db, accountId, { seconds: LIVE_VISITOR_SECONDS });
  return rows.map(toLiveVisitor);
}

/** One visit's row of the Visitors list (for the live updates). */
export async function liveVisitor(
  db: Db,
  accountId: string,
  visitId: string,
): Promise<LiveVisitor | undefined> {
  const [row] = await repo.liveVisits(db, accountId, { seconds: LIVE_VISITOR_SECONDS, visitId, limit: 1 });
  return row && toLiveVisitor(row);
}

const iso = (d: Date | string) => new Date(d).toISOString();

export function toLiveVisitor(r: repo.LiveVisitorRow): LiveVisitor {
  return {
    visitorId: r.visitor_id,
    visitId: r.visit_id,
    name: visitorName({ id: r.visitor_id, name: r.name }),
    host: r.host ?? '',
    currentUrl: r.url ?? '',
    currentTitle: r.title ?? '',
    pageSince: iso(r.viewed_at ?? r.started_at),
    startedAt: iso(r.started_at),
    lastSeenAt: iso(r.last_seen_at),
    pageViews: r.page_views,
    referrer: r.referrer,
    utm: r.utm,
    source: visitSource(r.referrer, r.utm, r.host ?? ''),
    browser: r.browser,
    os: r.os,
    device: r.device,
    country: r.country,
    chat: r.chat_id ? { id: r.chat_id, agentName: r.chat_agent ?? '' } : null,
    invite: r.invite_status ? { status: r.invite_status, agentName: r.invite_agent ?? '' } : null,
  };
}
