/**
 * Who may embed the chat frame: the website's host (any port when the host names none) and ourselves (the
 * demo page). A page on any other site cannot show the chat window. The loader says the scheme of the page it
 * runs on; then only that scheme is allowed, so an https site's chat window cannot be framed by a page on its
 * http twin (issue 10.12). Without it (a loader from before, a page framing the window itself) both are.
 */
export function frameAncestors(host: string, scheme?: 'http' | 'https'): string {
  const schemes = scheme ? [scheme] : ['http', 'https'];
  const hasPort = host.includes(':');
  const sources = schemes.flatMap((s) =>
    hasPort ? [`${s}://${host}`] : [`${s}://${host}:*`, `${s}://${host}`],
  );
  return ["'self'", ...sources].join(' ');
}
