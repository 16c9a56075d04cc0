import type { Deps } from '../../deps.js';
import { notFound } from '../../errors.js';
import { reachGoalBySnippet } from '../goals/index.js';
import { currentVisitId, visitorByTokenAnyAccount } from '../visitors/index.js';
import type { SiteConfig } from './site-config.js';

/**
 * GOL-4 from a customer's page (`parley('goal', 'Title', value)`, sent by the loader): the goal of the site's
 * campaign with that title is reached by the token's visitor (only within the site's account) in their current
 * visit on this site. No campaign, no such goal, no visitor or no visit going on: not found, nothing written.
 */
export async function reachGoalFromPage(
  deps: Pick<Deps, 'db' | 'events'>,
  site: SiteConfig,
  q: { title: string; value?: string | undefined; url: string; token?: string | undefined },
): Promise<void> {
  const campaignId = site.config.campaignId;
  const visitor = q.token ? await visitorByTokenAnyAccount(deps.db, q.token) : undefined;
  if (!campaignId || !visitor || visitor.account_id !== site.website.account_id) throw notFound('Goal');
  await reachGoalBySnippet(deps, {
    accountId: site.website.account_id,
    campaignId,
    websiteId: site.website.id,
    visitorId: visitor.id,
    visitId: await currentVisitId(deps.db, visitor.id, site.website.id),
    url: q.url,
    title: q.title,
    value: q.value,
  });
}
