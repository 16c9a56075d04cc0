/** A Host header fit to name in a policy (anything else could inject directives). */
const HOST = /^[a-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$/i;

/**
 * Our own WebSocket origins for CSP `connect-src` (issue 10.12): from PUBLIC_URL when set (wss for https),
 * else the host the request was addressed to, on ws and wss (behind a proxy the scheme is not known here).
 * Only this server, never `ws:`/`wss:` to any host.
 */
export function ownSocketSources(publicUrl: string | undefined, hostHeader: string | undefined): string[] {
  if (publicUrl) {
    const url = new URL(publicUrl);
    return [`${url.protocol === 'https:' ? 'wss' : 'ws'}://${url.host}`];
  }
  if (!hostHeader || !HOST.test(hostHeader)) return [];
  return [`ws://${hostHeader}`, `wss://${hostHeader}`];
}

/**
 * The console's `frame-src` (TLS-1): a WebTab shows another site in a frame. Any https site rather than the
 * account's tab hosts: the policy is sent with the console's page, before anyone is signed in, and would go
 * stale when a manager adds a tab while agents work; the console renders no HTML of others (React, text only)
 * and its `script-src` stays 'self', so a narrower frame-src would guard little. Plain http only while the
 * console itself is not on https (a browser blocks an http frame in an https page anyway). docs/tools.md.
 */
export function frameSources(publicUrl: string | undefined): string[] {
  return publicUrl?.startsWith('https://') ? ["'self'", 'https:'] : ["'self'", 'https:', 'http:'];
}
