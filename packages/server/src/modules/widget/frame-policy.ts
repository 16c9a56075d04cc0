/**
 * Who may embed the chat frame: the website's host (any port when the host names none) and ourselves (the
 * demo page). A page on any other site cannot show the chat window.
 */
export function frameAncestors(host: string): string {
  const hasPort = host.includes(':');
  const sources = hasPort
    ? [`http://${host}`, `https://${host}`]
    : [`http://${host}:*`, `https://${host}:*`, `http://${host}`, `https://${host}`];
  return ["'self'", ...sources].join(' ');
}
