/**
 * TLS-5: the CSP of the replay document (the agent's view of the visitor's page). The replay rebuilds the
 * visitor's page, which loads its stylesheets, images, fonts and media from the visitor's site: the website's
 * host and the campaign's extra CSP domains (`cobrowse_csp_domains`, host sources checked by the protocol's
 * CspHostSource) are allowed for those, and only for those. Scripts come from our origin only (the rebuilt page
 * runs none), nothing connects anywhere, and only our own console may frame it.
 */
export function replayCsp(siteHost: string | null, extraDomains: readonly string[]): string {
  const sources = ["'self'", ...siteSources(siteHost), ...extraDomains.filter(isHostSource)].join(' ');
  return [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'unsafe-inline' ${sources}`,
    `img-src data: blob: ${sources}`,
    `font-src data: ${sources}`,
    `media-src ${sources}`,
    "connect-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'self'",
  ].join('; ');
}

/** The website's host on http and https (any port when it names none), as the chat frame's policy names it. */
function siteSources(host: string | null): string[] {
  if (!host || !isHostSource(host)) return [];
  const hasPort = host.includes(':');
  return ['https', 'http'].flatMap((s) =>
    hasPort ? [`${s}://${host}`] : [`${s}://${host}`, `${s}://${host}:*`],
  );
}

/** Nothing that could end the directive or add another: a host source (the protocol checked it on saving). */
const isHostSource = (s: string) => /^[a-z0-9.*:/-]+$/i.test(s) && !s.includes('//*:') && s.length <= 255;
