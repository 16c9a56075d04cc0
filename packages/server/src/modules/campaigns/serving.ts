/** What the serving rule needs to know about one campaign of the account, for one website. */
export type ServingCandidate = {
  id: string;
  enabled: boolean;
  /** "All websites" is chosen in the campaign configuration. */
  allWebsites: boolean;
  /** The campaign's own website list names the page's website (ignored while `allWebsites` is on). */
  namesWebsite: boolean;
  createdAt: Date;
};

/**
 * Which campaign serves a page of a website (CMP-3), so that every instance and every page view agree:
 * 1. only enabled campaigns serve, and only those that cover the website: "all websites" on, or the website
 *    in their own list;
 * 2. a campaign that names this exact website wins over an "all websites" one (the specific choice is the
 *    manager's intent for that site; a remembered list under "all websites" counts as "all websites");
 * 3. among equals the oldest wins (earliest `createdAt`), then the smallest id, so input order never matters.
 * Returns undefined when no campaign serves the website.
 */
export function pickServingCampaign<C extends ServingCandidate>(candidates: readonly C[]): C | undefined {
  let best: C | undefined;
  for (const c of candidates) {
    if (!serves(c)) continue;
    if (!best || outranks(c, best)) best = c;
  }
  return best;
}

const serves = (c: ServingCandidate) => c.enabled && (c.allWebsites || c.namesWebsite);
const specific = (c: ServingCandidate) => !c.allWebsites && c.namesWebsite;

function outranks(a: ServingCandidate, b: ServingCandidate): boolean {
  if (specific(a) !== specific(b)) return specific(a);
  const at = a.createdAt.getTime();
  const bt = b.createdAt.getTime();
  if (at !== bt) return at < bt;
  return a.id < b.id;
}
