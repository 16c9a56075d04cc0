/**
 * Whether a browser Origin may open a socket: our own origin, or (for visitor sockets) the website's host on
 * http or https. A website host without a port matches any port of that host name (localhost:3000 for
 * "localhost"); with a port, only that port. Sockets without an Origin header come from non-browser clients,
 * which could send any Origin anyway.
 */
export function originAllowed(origin: string | undefined, own: string[], siteHosts: string[] = []): boolean {
  if (!origin) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (own.includes(url.origin)) return true;
  return siteHosts.some((host) => {
    const [name, port] = host.split(':');
    return url.hostname === name && (!port || url.port === port || (!url.port && defaultPort(url) === port));
  });
}

const defaultPort = (u: URL) => (u.protocol === 'https:' ? '443' : '80');

/** Our own origins: PUBLIC_URL when set, else what the request was addressed to. */
export function ownOrigins(
  publicUrl: string | undefined,
  hostHeader: string | undefined,
  secure: boolean,
): string[] {
  const out: string[] = [];
  if (publicUrl) out.push(new URL(publicUrl).origin);
  if (hostHeader) out.push(`${secure ? 'https' : 'http'}://${hostHeader}`);
  return out;
}
