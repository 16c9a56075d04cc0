import { describe, expect, it } from 'vitest';
import { frameAncestorLists, framingDecision, type FramingDecision } from './framing.js';

// TLS-1: the server decides, as a browser would, whether a WebTab's site lets the console frame it.
const CONSOLE = 'https://parley.example.com';
const SITE = 'https://crm.example.org/find?email=a%40b';

const ok: FramingDecision = { allowed: true };
const xfo: FramingDecision = { allowed: false, reason: 'x-frame-options' };
const fa: FramingDecision = { allowed: false, reason: 'frame-ancestors' };
const insecure: FramingDecision = { allowed: false, reason: 'insecure' };

type Case = [
  name: string,
  headers: { xfo?: string[]; csp?: string[]; url?: string; console?: string },
  expected: FramingDecision,
];

describe('TLS-1 framingDecision', () => {
  it.each<Case>([
    // No header at all
    ['no headers', {}, ok],
    ['empty header values', { xfo: [''], csp: [''] }, ok],
    // X-Frame-Options
    ['XFO DENY', { xfo: ['DENY'] }, xfo],
    ['XFO deny, lower case and spaces', { xfo: ['  deny '] }, xfo],
    ['XFO SAMEORIGIN, another origin', { xfo: ['SAMEORIGIN'] }, xfo],
    ['XFO SAMEORIGIN, the console’s own origin', { xfo: ['SAMEORIGIN'], url: `${CONSOLE}/help` }, ok],
    [
      'XFO SAMEORIGIN, same host other port',
      { xfo: ['SAMEORIGIN'], url: 'https://parley.example.com:8443/' },
      xfo,
    ],
    [
      'XFO SAMEORIGIN, the default port written out',
      { xfo: ['sameorigin'], url: 'http://localhost/', console: 'http://localhost:80' },
      ok,
    ],
    ['XFO ALLOWALL', { xfo: ['ALLOWALL'] }, ok],
    ['XFO ALLOW-FROM (unsupported: ignored)', { xfo: ['ALLOW-FROM https://parley.example.com'] }, ok],
    ['XFO garbage', { xfo: ['nonsense'] }, ok],
    ['XFO DENY twice (one value)', { xfo: ['DENY', 'deny'] }, xfo],
    ['XFO DENY, DENY in one header', { xfo: ['DENY, DENY'] }, xfo],
    ['XFO SAMEORIGIN twice, own origin', { xfo: ['SAMEORIGIN, sameorigin'], url: `${CONSOLE}/` }, ok],
    ['XFO conflicting DENY and SAMEORIGIN', { xfo: ['DENY', 'SAMEORIGIN'], url: `${CONSOLE}/` }, xfo],
    [
      'XFO conflicting SAMEORIGIN and garbage, own origin',
      { xfo: ['SAMEORIGIN, nonsense'], url: `${CONSOLE}/` },
      xfo,
    ],
    ['XFO ALLOWALL with garbage (conflicting)', { xfo: ['ALLOWALL', 'x'] }, xfo],
    ['XFO two garbage values', { xfo: ['foo, bar'] }, ok],
    ['XFO empty members only', { xfo: [', ,'] }, ok],
    // CSP frame-ancestors
    ["frame-ancestors 'none'", { csp: ["frame-ancestors 'none'"] }, fa],
    ["frame-ancestors 'NONE' upper case", { csp: ["FRAME-ANCESTORS 'NONE'"] }, fa],
    ['frame-ancestors with no sources', { csp: ['frame-ancestors;'] }, fa],
    ['frame-ancestors with no sources at the end', { csp: ["default-src 'self'; frame-ancestors"] }, fa],
    ["frame-ancestors 'self', another origin", { csp: ["frame-ancestors 'self'"] }, fa],
    [
      "frame-ancestors 'self', the console’s origin",
      { csp: ["frame-ancestors 'self'"], url: `${CONSOLE}/x` },
      ok,
    ],
    [
      'an http page is refused in an https console before any CSP',
      { csp: ["frame-ancestors 'self'"], url: 'http://parley.example.com/x', console: CONSOLE },
      insecure,
    ],
    [
      "frame-ancestors 'self' of an http page, console on http",
      { csp: ["frame-ancestors 'self'"], url: 'http://localhost:3000/x', console: 'http://localhost:3000' },
      ok,
    ],
    ['frame-ancestors *', { csp: ['frame-ancestors *'] }, ok],
    ['frame-ancestors https:', { csp: ['frame-ancestors https:'] }, ok],
    ['frame-ancestors http: admits https', { csp: ['frame-ancestors http:'] }, ok],
    [
      'frame-ancestors https: refuses an http console',
      { csp: ['frame-ancestors https:'], url: 'http://crm.example.org/', console: 'http://localhost:3000' },
      fa,
    ],
    ['frame-ancestors exact host', { csp: ['frame-ancestors parley.example.com'] }, ok],
    ['frame-ancestors exact host, case', { csp: ['frame-ancestors PARLEY.Example.COM'] }, ok],
    ['frame-ancestors with scheme', { csp: ['frame-ancestors https://parley.example.com'] }, ok],
    ['frame-ancestors with the wrong scheme', { csp: ['frame-ancestors wss://parley.example.com'] }, fa],
    [
      'frame-ancestors http://host admits the https console',
      { csp: ['frame-ancestors http://parley.example.com'] },
      ok,
    ],
    ['frame-ancestors another host', { csp: ['frame-ancestors other.example.com'] }, fa],
    [
      'frame-ancestors a host list',
      { csp: ["frame-ancestors 'self' a.example.com parley.example.com b.example.com"] },
      ok,
    ],
    [
      'frame-ancestors a host list without the console',
      { csp: ["frame-ancestors 'self' a.example.com b.example.com"] },
      fa,
    ],
    ['frame-ancestors wildcard subdomain', { csp: ['frame-ancestors *.example.com'] }, ok],
    [
      'frame-ancestors wildcard does not admit the apex',
      { csp: ['frame-ancestors *.parley.example.com'] },
      fa,
    ],
    ['frame-ancestors wildcard of another domain', { csp: ['frame-ancestors *.example.net'] }, fa],
    ['frame-ancestors suffix is not a subdomain', { csp: ['frame-ancestors *.ley.example.com'] }, fa],
    [
      'frame-ancestors host:port matching',
      { csp: ['frame-ancestors parley.example.com:8443'], console: 'https://parley.example.com:8443' },
      ok,
    ],
    ['frame-ancestors host:port not matching', { csp: ['frame-ancestors parley.example.com:8443'] }, fa],
    [
      'frame-ancestors host:*',
      { csp: ['frame-ancestors parley.example.com:*'], console: 'https://parley.example.com:9999' },
      ok,
    ],
    [
      'frame-ancestors host without port, console on a port',
      { csp: ['frame-ancestors parley.example.com'], console: 'https://parley.example.com:9999' },
      fa,
    ],
    ['frame-ancestors host:443 explicit', { csp: ['frame-ancestors https://parley.example.com:443'] }, ok],
    ['frame-ancestors host/ path', { csp: ['frame-ancestors https://parley.example.com/'] }, ok],
    [
      'frame-ancestors host/path (an ancestor has none)',
      { csp: ['frame-ancestors https://parley.example.com/console'] },
      fa,
    ],
    [
      'frame-ancestors localhost:port',
      {
        csp: ['frame-ancestors localhost:3000'],
        url: 'http://localhost:4000/',
        console: 'http://localhost:3000',
      },
      ok,
    ],
    [
      'frame-ancestors IPv6',
      { csp: ['frame-ancestors [::1]:3000'], url: 'http://[::1]:4000/', console: 'http://[::1]:3000' },
      ok,
    ],
    [
      "frame-ancestors 'none' with a source (the 'none' is ignored)",
      { csp: ["frame-ancestors 'none' parley.example.com"] },
      ok,
    ],
    [
      'frame-ancestors keywords never match',
      { csp: ["frame-ancestors 'unsafe-inline' 'nonce-abc' 'sha256-xyz'"] },
      fa,
    ],
    ['frame-ancestors garbage source', { csp: ['frame-ancestors ht!tp://parley.example.com'] }, fa],
    [
      'frame-ancestors among other directives',
      { csp: ["default-src 'self'; script-src 'self'; frame-ancestors 'none'; img-src *"] },
      fa,
    ],
    [
      'frame-ancestors directive name with tabs around',
      { csp: ["default-src 'self';\tframe-ancestors\t*\t;"] },
      ok,
    ],
    [
      'the first frame-ancestors of a policy counts',
      { csp: ["frame-ancestors *; frame-ancestors 'none'"] },
      ok,
    ],
    [
      'the first frame-ancestors of a policy counts (refusing)',
      { csp: ["frame-ancestors 'none'; frame-ancestors *"] },
      fa,
    ],
    ['a policy without frame-ancestors', { csp: ["default-src 'none'"] }, ok],
    ['unknown directives and garbage', { csp: ['@@@; ;; frame-ancestorsX *; ancestors *'] }, ok],
    // Several policies: each must admit
    ['two headers, both admit', { csp: ['frame-ancestors *', 'frame-ancestors parley.example.com'] }, ok],
    ['two headers, one refuses', { csp: ['frame-ancestors *', "frame-ancestors 'none'"] }, fa],
    [
      'two policies in one header (comma), one refuses',
      { csp: ["frame-ancestors *, frame-ancestors 'self'"] },
      fa,
    ],
    [
      'two policies, only one has frame-ancestors',
      { csp: ["default-src 'self'", 'frame-ancestors *.example.com'] },
      ok,
    ],
    // Both headers: frame-ancestors wins over X-Frame-Options
    [
      'XFO DENY but frame-ancestors admits',
      { xfo: ['DENY'], csp: ['frame-ancestors https://parley.example.com'] },
      ok,
    ],
    ['XFO SAMEORIGIN but frame-ancestors *', { xfo: ['SAMEORIGIN'], csp: ['frame-ancestors *'] }, ok],
    ["XFO ALLOWALL but frame-ancestors 'none'", { xfo: ['ALLOWALL'], csp: ["frame-ancestors 'none'"] }, fa],
    ['XFO DENY and a CSP without frame-ancestors', { xfo: ['DENY'], csp: ["default-src 'self'"] }, xfo],
    // Mixed content and odd addresses
    ['an http site in an https console', { url: 'http://crm.example.org/' }, insecure],
    ['an https site in an http console', { url: SITE, console: 'http://localhost:3000' }, ok],
    ['a console origin that is not an address', { console: 'null' }, insecure],
    ['a site address that is not http(s)', { url: 'ftp://crm.example.org/' }, insecure],
  ])('%s', (_name, h, expected) => {
    expect(
      framingDecision({
        xFrameOptions: h.xfo ?? [],
        csp: h.csp ?? [],
        url: h.url ?? SITE,
        consoleOrigin: h.console ?? CONSOLE,
      }),
    ).toEqual(expected);
  });

  it('reads the frame-ancestors lists of every policy', () => {
    expect(
      frameAncestorLists([
        "default-src 'self'; frame-ancestors 'self' https://a.example",
        "frame-ancestors 'none', script-src 'self'",
        'img-src *',
      ]),
    ).toEqual([["'self'", 'https://a.example'], ["'none'"]]);
  });
});
