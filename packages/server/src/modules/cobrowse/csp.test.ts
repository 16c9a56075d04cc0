import { describe, expect, it } from 'vitest';
import { replayCsp } from './csp.js';

// TLS-5: the replay document's CSP: the visitor's site and the campaign's extra domains may serve stylesheets,
// images, fonts and media; scripts only from us; nothing connects; only our console frames it.
describe('replayCsp', () => {
  const directive = (csp: string, name: string) =>
    csp
      .split('; ')
      .find((d) => d.startsWith(`${name} `))
      ?.split(' ')
      .slice(1);

  it('allows the site (any port, both schemes) and the extra domains for what a page loads', () => {
    const csp = replayCsp('shop.example', ['cdn.example.net', 'https://fonts.example.com']);
    for (const name of ['style-src', 'img-src', 'font-src', 'media-src'])
      expect(directive(csp, name)).toEqual(
        expect.arrayContaining([
          "'self'",
          'https://shop.example',
          'https://shop.example:*',
          'http://shop.example',
          'cdn.example.net',
          'https://fonts.example.com',
        ]),
      );
    expect(directive(csp, 'script-src')).toEqual(["'self'"]);
    expect(directive(csp, 'connect-src')).toEqual(["'none'"]);
    expect(directive(csp, 'frame-ancestors')).toEqual(["'self'"]);
    expect(directive(csp, 'default-src')).toEqual(["'none'"]);
  });

  it('names a host with a port as it is, and leaves out what could break the policy', () => {
    const csp = replayCsp('localhost:8080', [
      "evil.example; script-src 'unsafe-inline'",
      'a b',
      'ok.example',
    ]);
    expect(directive(csp, 'img-src')).toEqual(
      expect.arrayContaining(['http://localhost:8080', 'https://localhost:8080', 'ok.example']),
    );
    expect(csp).not.toContain('evil');
    expect(csp).not.toContain("unsafe-inline' ok");
    expect(csp.split('; ').filter((d) => d.startsWith('script-src'))).toEqual(["script-src 'self'"]);
    expect(replayCsp(null, [])).toContain("img-src data: blob: 'self'");
  });
});
