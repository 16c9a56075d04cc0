import type { FramingReason } from '@parley/protocol';

// TLS-1: may the console show a site in a frame? A page cannot see why a cross-origin frame stayed empty, so the
// server fetches the tab's address and decides from the answer's headers as a browser would (HTML "check a
// navigation response's adherence to X-Frame-Options", CSP Level 3 `frame-ancestors`). Pure: no I/O here.

export type FramingInput = {
  /** Every `X-Frame-Options` header value of the final answer (after redirects). */
  xFrameOptions: readonly string[];
  /** Every enforced `Content-Security-Policy` header value (report-only ones do not block). */
  csp: readonly string[];
  /** The address that answered (the last of the redirects). */
  url: string;
  /** The console's origin, which would be the frame's only ancestor: `https://parley.example.com`. */
  consoleOrigin: string;
};

export type FramingDecision = { allowed: true } | { allowed: false; reason: FramingReason };

type Origin = { scheme: string; host: string; port: string };

function originOf(url: string): Origin | null {
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return {
      scheme: u.protocol.slice(0, -1),
      host: u.hostname.toLowerCase(),
      port: u.port || defaultPort(u.protocol.slice(0, -1)),
    };
  } catch {
    return null;
  }
}

const defaultPort = (scheme: string) => (scheme === 'https' ? '443' : scheme === 'http' ? '80' : '');
const sameOrigin = (a: Origin, b: Origin) => a.scheme === b.scheme && a.host === b.host && a.port === b.port;

/** HTTP's "split on commas" of header values, trimmed and ASCII-lowercased; empty members kept out. */
const commaList = (values: readonly string[]) =>
  values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim().toLowerCase())
    .filter(Boolean);

/**
 * The `frame-ancestors` source list of each policy that has one (several policies: each header value, and
 * comma-separated policies within one). Of duplicate directives in a policy the first counts.
 */
export function frameAncestorLists(csp: readonly string[]): string[][] {
  const lists: string[][] = [];
  for (const policy of csp.flatMap((v) => v.split(','))) {
    for (const directive of policy.split(';')) {
      const tokens = directive
        .trim()
        .split(/[\t\n\f\r ]+/)
        .filter(Boolean);
      if (tokens[0]?.toLowerCase() !== 'frame-ancestors') continue;
      lists.push(tokens.slice(1));
      break;
    }
  }
  return lists;
}

/** CSP3 "scheme-part match": `http` also admits `https` (the upgrade); so does `ws` `wss`. */
function schemeMatches(expression: string, scheme: string): boolean {
  if (expression === scheme) return true;
  return expression === 'http' && scheme === 'https';
}

/** CSP3 "port-part match": none written means the scheme's default (80 also admits 443 for an upgrade). */
function portMatches(expression: string | undefined, port: string, scheme: string): boolean {
  if (expression === '*') return true;
  if (expression === undefined || expression === '') {
    if (port === defaultPort(scheme)) return true;
    return false;
  }
  if (expression === port) return true;
  return expression === '80' && port === '443' && scheme === 'https';
}

/** CSP3 "host-part match": `*.example.com` is any subdomain of example.com (not example.com itself). */
function hostMatches(expression: string, host: string): boolean {
  if (expression.startsWith('*.')) return host.endsWith(expression.slice(1));
  return expression === host;
}

const HOST_SOURCE =
  /^(?:([a-z][a-z0-9+.-]*):\/\/)?(\*|(?:\*\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::(\d{1,5}|\*))?(\/[^?#]*)?$/i;

/** Does one source expression admit the ancestor (the console), the protected page being `self`? */
function sourceMatches(token: string, ancestor: Origin, self: Origin): boolean {
  const t = token.toLowerCase();
  if (t === "'self'") {
    if (sameOrigin(ancestor, self)) return true;
    // CSP3: 'self' also admits the https version of an http page's own origin.
    return (
      self.scheme === 'http' &&
      ancestor.scheme === 'https' &&
      ancestor.host === self.host &&
      (ancestor.port === self.port || (self.port === '80' && ancestor.port === '443'))
    );
  }
  if (t === '*') return ancestor.scheme === 'http' || ancestor.scheme === 'https';
  if (t.startsWith("'")) return false; // 'none', 'unsafe-inline', nonces, hashes: never an ancestor
  // scheme-source: `https:`
  const scheme = /^([a-z][a-z0-9+.-]*):$/.exec(t);
  if (scheme) return schemeMatches(scheme[1]!, ancestor.scheme);
  const m = HOST_SOURCE.exec(t);
  if (!m) return false;
  const [, sch, host, port, path] = m;
  if (sch) {
    if (!schemeMatches(sch, ancestor.scheme)) return false;
  } else if (!schemeMatches(self.scheme, ancestor.scheme)) return false;
  if (host !== '*' && !hostMatches(host!, ancestor.host)) return false;
  if (!portMatches(port, ancestor.port, ancestor.scheme)) return false;
  // An ancestor is an origin: its path is "/", which only an empty path or "/" admits.
  return path === undefined || path === '/';
}

/** Whether one `frame-ancestors` source list admits the console. */
export function ancestorsAllow(list: readonly string[], ancestor: Origin, self: Origin): boolean {
  // 'none' counts only alone; with other sources it is ignored (browsers warn and do so).
  return list.some((token) => sourceMatches(token, ancestor, self));
}

/**
 * The decision: an https console cannot show an http page (mixed content); else CSP `frame-ancestors` of every
 * enforced policy must admit the console, and when no policy has that directive, X-Frame-Options decides (DENY
 * refuses; SAMEORIGIN refuses another origin; conflicting values refuse; a value browsers do not know — ALLOW-FROM,
 * ALLOWALL, garbage — admits).
 */
export function framingDecision(input: FramingInput): FramingDecision {
  const ancestor = originOf(input.consoleOrigin);
  const self = originOf(input.url);
  if (!ancestor || !self) return { allowed: false, reason: 'insecure' };
  if (ancestor.scheme === 'https' && self.scheme === 'http') return { allowed: false, reason: 'insecure' };

  const lists = frameAncestorLists(input.csp);
  if (lists.length > 0) {
    return lists.every((list) => ancestorsAllow(list, ancestor, self))
      ? { allowed: true }
      : { allowed: false, reason: 'frame-ancestors' };
  }

  const xfo = [...new Set(commaList(input.xFrameOptions))];
  const refused = { allowed: false, reason: 'x-frame-options' } as const;
  if (xfo.length > 1) {
    return xfo.some((v) => v === 'deny' || v === 'sameorigin' || v === 'allowall')
      ? refused
      : { allowed: true };
  }
  if (xfo[0] === 'deny') return refused;
  if (xfo[0] === 'sameorigin') return sameOrigin(ancestor, self) ? { allowed: true } : refused;
  return { allowed: true };
}
