import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  pageRule,
  urlMatches,
  wildcardMatches,
  wildcardRegex,
  type LoaderButton,
  type LoaderConfig,
  type UrlMatch,
} from '@parley/protocol';
import { customOf, onPage, pickFooter } from './buttons';

// INV-8/INV-9: which button the loader shows on a page. The server turns each address rule into a comparison
// ahead of time (pageRule); here the loader's decision is checked against the moment matcher itself.

const at = (url: string) => new URL(url);
const rules = (...r: [UrlMatch, string][]) => r.map(([m, u]) => pageRule(m, u));

const config = (buttons: LoaderButton[]): LoaderConfig =>
  ({
    buttons,
    color: '#1971c2',
    button: { position: 'right', text: 'Chat with us' },
  }) as unknown as LoaderConfig;

describe('the footer button for the page', () => {
  const pricing: LoaderButton = {
    i: 'p',
    f: 1,
    l: 1,
    t: 'Questions about prices?',
    c: '#aa0000',
    u: rules(['contains', '/pricing']),
  };
  const shop: LoaderButton = { i: 's', f: 1, s: 1, u: rules(['wildcard', '/shop/*']) };
  const everywhere: LoaderButton = { i: 'a', f: 1 };
  const custom: LoaderButton = { i: 'c', s: 1, u: rules(['exact', '/contact']) };
  const cases: [string, LoaderButton[], string | undefined][] = [
    ['https://shop.example/pricing', [pricing, shop, everywhere, custom], 'p'],
    ['https://shop.example/pricing?plan=pro', [pricing, shop, everywhere, custom], 'p'],
    ['https://shop.example/shop/shoes', [pricing, shop, everywhere, custom], 's'],
    ['https://shop.example/shop', [pricing, shop, everywhere, custom], 'a'],
    ['https://shop.example/', [pricing, shop, everywhere, custom], 'a'],
    // Only buttons for certain pages: none on other pages.
    ['https://shop.example/about', [pricing, shop, custom], undefined],
    ['https://shop.example/shop/hats', [pricing, shop, custom], 's'],
    // A custom button is never the footer button.
    ['https://shop.example/contact', [custom], undefined],
    ['https://shop.example/', [], undefined],
  ];
  it.each(cases)('%s → %s', (url, buttons, want) => {
    expect(pickFooter(config(buttons), at(url))?.i ?? undefined).toBe(want);
  });

  it('puts the picked button’s side, text and colour in the config; the campaign’s stay otherwise', () => {
    const c = config([
      { i: 'p', f: 1, l: 1, t: 'Prices?', c: '#aa0000', u: rules(['contains', 'pricing']) },
      { i: 'a', f: 1 },
    ]);
    pickFooter(c, at('https://x.example/pricing'));
    expect([c.button, c.color]).toEqual([{ position: 'left', text: 'Prices?' }, '#aa0000']);
    const d = config([
      { i: 'p', f: 1, l: 1, u: rules(['contains', 'pricing']) },
      { i: 'a', f: 1 },
    ]);
    pickFooter(d, at('https://x.example/'));
    expect([d.button, d.color]).toEqual([{ position: 'right', text: 'Chat with us' }, '#1971c2']);
  });
});

describe('a custom button on the page', () => {
  const element = (id: string | null) => ({
    closest: () => (id === null ? null : { getAttribute: () => id }),
  });
  const buttons: LoaderButton[] = [
    { i: 'foot', f: 1 },
    { i: 'any', s: 1 },
    { i: 'contact', u: rules(['exact', '/contact']) },
  ];
  it('is the button its element names, when it is meant for the page', () => {
    const c = config(buttons);
    const home = at('https://x.example/');
    expect(customOf(c, element('any') as never, home)?.i).toBe('any');
    expect(customOf(c, element('contact') as never, home)).toBeUndefined();
    expect(customOf(c, element('contact') as never, at('https://x.example/contact'))?.i).toBe('contact');
    // A footer button's id, an unknown (deleted or disabled) button, no button element at all: nothing.
    expect(customOf(c, element('foot') as never, home)).toBeUndefined();
    expect(customOf(c, element('gone') as never, home)).toBeUndefined();
    expect(customOf(c, element(null) as never, home)).toBeUndefined();
  });
});

describe('the loader’s comparison is the moment matcher’s', () => {
  const loaderSays = (match: UrlMatch, pattern: string, url: string) =>
    onPage({ i: 'b', u: [pageRule(match, pattern)] }, at(url));

  const table: [UrlMatch, string, string, boolean][] = [
    ['exact', '/shop', 'https://x.example/shop?utm_source=mail', true],
    ['exact', '/shop?a=1', 'https://x.example/shop?a=1', true],
    ['exact', '/shop?a=1', 'https://x.example/shop?a=2', false],
    ['exact', 'x.example', 'https://x.example/', true],
    ['exact', 'X.Example/Shop', 'https://x.example/Shop', true],
    ['exact', 'X.Example/Shop', 'https://x.example/shop', false],
    ['exact', 'https://x.example/a', 'http://x.example/a', false],
    ['exact', '/a.b', 'https://x.example/aXb', false],
    ['exact', '/a*', 'https://x.example/a*', true],
    ['exact', '/a*', 'https://x.example/ab', false],
    ['wildcard', '*checkout*', 'https://x.example/cart/checkout/step-1', true],
    ['wildcard', '/shop/*', 'https://x.example/shop/', true],
    ['wildcard', '/shop/*', 'https://x.example/shop', false],
    ['wildcard', '*.example.com*', 'https://www.example.com/', true],
    ['wildcard', '/p/(1)+[2]', 'https://x.example/p/(1)+[2]', true],
    ['wildcard', 'ab*ba', 'https://x.example/', false],
    ['contains', 'pricing', 'https://x.example/en/pricing?x=1', true],
    ['contains', '?plan=pro', 'https://x.example/pricing?plan=pro', true],
    ['contains', '#top', 'https://x.example/#top', false],
    ['contains', 'Pricing', 'https://x.example/pricing', false],
  ];
  it.each(table)('%s %s on %s: %s', (match, pattern, url, want) => {
    expect(urlMatches(match, pattern, url)).toBe(want);
    expect(loaderSays(match, pattern, url)).toBe(want);
  });

  // Addresses and patterns from a small alphabet, so that they often match (and often nearly).
  const piece = fc.stringMatching(/^[ab*/?.=]{0,6}$/);
  const address = fc
    .tuple(
      fc.constantFrom('http', 'https'),
      fc.constantFrom('x.example', 'a.example:8080'),
      fc.stringMatching(/^(\/[ab.]{0,3}){0,3}$/),
      fc.option(fc.stringMatching(/^[ab=&]{1,4}$/), { nil: undefined }),
    )
    .map(([scheme, host, path, query]) => `${scheme}://${host}${path || '/'}${query ? `?${query}` : ''}`);
  const pattern = fc.oneof(
    piece,
    piece.map((p) => `/${p}`),
    piece.map((p) => `x.example${p}`),
    piece.map((p) => `https://x.example/${p}`),
    piece.map((p) => `*${p}*`),
  );

  it('for any rule and address (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<UrlMatch>('exact', 'contains', 'wildcard'),
        pattern,
        address,
        (m, p, url) => {
          // As the browser has it (`/./` and the like resolved), which is what both see on a page.
          const href = at(url).href;
          expect(loaderSays(m, p, href)).toBe(urlMatches(m, p, href));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('a wildcard’s regular expression is the two-pointer matcher, and stays fast on long addresses', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[ab*]{0,8}$/), fc.stringMatching(/^[ab]{0,12}$/), (p, text) => {
        expect(RegExp(wildcardRegex(p)).test(text)).toBe(wildcardMatches(p, text));
      }),
      { numRuns: 3000 },
    );
    const long = `/${'a'.repeat(20_000)}`;
    const started = performance.now();
    expect(RegExp(wildcardRegex('/*a*a*a*a*a*a*a*b')).test(long)).toBe(false);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
