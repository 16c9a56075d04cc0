import type { InviteEvent } from '@parley/protocol';
import type { Db } from '../../db/database.js';
import { isCampaignGreeting, recordInviteEvent } from '../invites/index.js';
import { currentVisitId, visitorByTokenAnyAccount } from '../visitors/index.js';
import type { SiteConfig } from './site-config.js';

/**
 * INV-10 from a customer's page: records what happened to a greeting of the site's campaign. Only the campaign's
 * own enabled greetings are recorded (false otherwise: nothing written). The visitor is the token's, when it
 * belongs to the site's account; the visit is the visitor's current one on this site (none before a chat); the
 * website is the site's, always (the exports' host).
 */
export async function recordGreetingEvent(
  db: Db,
  site: SiteConfig,
  e: { invite: string; event: InviteEvent; url: string; token?: string | undefined },
): Promise<boolean> {
  const campaignId = site.config.campaignId;
  if (!campaignId || !(await isCampaignGreeting(db, campaignId, e.invite))) return false;
  const visitor = e.token ? await visitorByTokenAnyAccount(db, e.token) : undefined;
  const own = visitor && visitor.account_id === site.website.account_id ? visitor : undefined;
  await recordInviteEvent(db, {
    accountId: site.website.account_id,
    campaignId,
    inviteId: e.invite,
    visitorId: own?.id ?? null,
    visitId: own ? await currentVisitId(db, own.id, site.website.id) : null,
    websiteId: site.website.id,
    event: e.event,
    url: e.url,
  });
  return true;
}
