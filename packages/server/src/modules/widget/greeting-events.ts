import type { InviteEvent } from '@parley/protocol';
import type { Db } from '../../db/database.js';
import { isCampaignGreeting, recordInviteEvent } from '../invites/index.js';
import type { LiveVisitor } from '@parley/protocol';
import { currentVisitId, recordHandInviteEvent, visitorByTokenAnyAccount } from '../visitors/index.js';
import type { SiteConfig } from './site-config.js';

/**
 * INV-10 from a customer's page: records what happened to a greeting of the site's campaign, or to an agent's
 * hand invite of this visitor (INV-6). Only those are recorded (`recorded` false otherwise: nothing written). The
 * visitor is the token's, when it belongs to the site's account; the visit is the visitor's current one on this
 * site (none before a chat); the website is the site's, always (the exports' host).
 */
export async function recordGreetingEvent(
  db: Db,
  site: SiteConfig,
  e: { invite: string; event: InviteEvent; url: string; token?: string | undefined },
): Promise<{
  recorded: boolean;
  live?: LiveVisitor | undefined;
  done?: { visitorId: string; invite: null };
}> {
  const campaignId = site.config.campaignId;
  const visitor = e.token ? await visitorByTokenAnyAccount(db, e.token) : undefined;
  const own = visitor && visitor.account_id === site.website.account_id ? visitor : undefined;
  if (!campaignId || !(await isCampaignGreeting(db, campaignId, e.invite))) {
    // INV-6: an agent's hand invite, known only to the visitor it was sent to.
    if (!own) return { recorded: false };
    return recordHandInviteEvent(db, {
      accountId: own.account_id,
      visitorId: own.id,
      inviteId: e.invite,
      event: e.event,
      url: e.url,
      websiteId: site.website.id,
    });
  }
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
  return { recorded: true };
}
