import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  pageRule,
  urlMatches,
  wildcardMatches,
  wildcardRegex,
  type LoaderButton,
  type LoaderConfig,
  type UrlMatch,
} from '@parley/protocol';
import { onPage, pickFooter, showCustom } from './buttons';

// INV-8/INV-9: which button the loader shows on a page. The server turns each address rule into a comparison
// ahead of time (pageRule); here the loader's decision is checked against the moment matcher itself.

/** The page the loader runs on. */
const at = (url: string) => vi.stubGlobal('location', new URL(url));
afterEach(() => {
  vi.unstubAllGlobals();
});
const rules = (...r: [UrlMatch, string][]) => r.map(([m, u]) => pageRule(m, u));

const config = (buttons: LoaderButton[]): LoaderConfig =>
  ({
    buttons,
    color: '#1971c2',
    button: { position: 'right', text: 'Chat with us' },
  }) as unknown as LoaderConfig;

describe('the footer button for the page', () => {
  /** A footer button named by its text (footer buttons carry no id in the config). */
  const footer = (text: string, rest: Partial<LoaderButton> = {}): LoaderButton => ({
    f: 1,
    o: { button: { position: 'right', text } },
    ...rest,
  });
  const pricing = footer('p', { u: rules(['contains', '/pricing']) });
  const shop = footer('s', { s: 1, u: rules(['wildcard', '/shop/*']) });
  const everywhere = footer('a');
  const custom: LoaderButton = { i: 'c', s: 1, u: rules(['exact', '/contact']) };
  const cases: [string, LoaderButton[], string | undefined][] = [
    ['https://shop.example/pricing', [pricing, shop, everywhere, custom], 'p'],
    ['https://shop.example/pricing?plan=pro', [pricing, shop, everywhere, custom], 'p'],
    ['https://shop.example/shop/shoes', [pricing, shop, everywhere, custom], 's'],
    ['https://shop.example/shop', [pricing, shop, everywhere, custom], 'a'],
    ['https://shop.example/#/pricing', [pricing, shop, everywhere, custom], 'a'],
    ['https://shop.example/', [pricing, shop, everywhere, custom], 'a'],
    // Only buttons for certain pages: none on other pages.
    ['https://shop.example/about', [pricing, shop, custom], undefined],
    ['https://shop.example/shop/hats', [pricing, shop, custom], 's'],
    // A custom button is never the footer button.
    ['https://shop.example/contact', [custom], undefined],
    ['https://shop.example/', [], undefined],
  ];
  it.each(cases)('%s → %s', (url, buttons, want) => {
    at(url);
    expect(pickFooter(config(buttons))?.o?.button?.text).toBe(want);
  });

  it('puts the picked button’s side, text and colour in the config; the campaign’s stay otherwise', () => {
    const left = { button: { position: 'left' as const, text: 'Prices?' }, color: '#aa0000' };
    const c = config([{ f: 1, o: left, u: rules(['contains', 'pricing']) }, { f: 1 }]);
    at('https://x.example/pricing');
    pickFooter(c);
    expect([c.button, c.color]).toEqual([left.button, '#aa0000']);
    const d = config([{ f: 1, o: left, u: rules(['contains', 'pricing']) }, { f: 1 }]);
    at('https://x.example/');
    expect(pickFooter(d)).toEqual({ f: 1 });
    expect([d.button, d.color]).toEqual([{ position: 'right', text: 'Chat with us' }, '#1971c2']);
  });
});

describe('the custom buttons on the page', () => {
  /** Elements as the snippet makes them: hidden, naming their button. */
  const elements = (...ids: string[]) =>
    ids.map((id) => ({
      dataset: { parleyButton: id },
      style: { display: 'none' },
      onclick: null as null | (() => void),
    }));
  const buttons: LoaderButton[] = [
    { f: 1 },
    { i: 'any', s: 1 },
    { i: 'contact', u: rules(['exact', '/contact']) },
  ];
  const run = (url: string, on: boolean, ...ids: string[]) => {
    at(url);
    const els = elements(...ids);
    vi.stubGlobal('document', { querySelectorAll: () => els });
    const opened: LoaderButton[] = [];
    showCustom(config(buttons), on, (b) => opened.push(b));
    for (const el of els) el.onclick?.();
    return { shown: els.map((el) => el.style.display !== 'none'), opened: opened.map((b) => b.i) };
  };

  it('shows (and binds) the ones whose button is enabled and meant for the page; hides the others', () => {
    // `gone`: a deleted or disabled button (not in the config); `undefined`: a footer button's (none).
    expect(run('https://x.example/', true, 'any', 'contact', 'gone')).toEqual({
      shown: [true, false, false],
      opened: ['any'],
    });
    expect(run('https://x.example/contact?x=1', true, 'contact', 'any')).toEqual({
      shown: [true, true],
      opened: ['contact', 'any'],
    });
  });

  it('hides them all while the campaign’s availability says no (INV-1)', () => {
    expect(run('https://x.example/contact', false, 'contact', 'any').shown).toEqual([false, false]);
  });
});

describe('the loader’s comparison is the moment matcher’s', () => {
  const loaderSays = (match: UrlMatch, pattern: string, url: string) => {
    at(url);
    return onPage({ u: [pageRule(match, pattern)] });
  };

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
          const href = new URL(url).href;
          expect(loaderSays(m, p, href)).toBe(urlMatches(m, p, href));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('a wildcard’s regular expression is the two-pointer matcher, and stays fast on long addresses', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[ab*]{0,8}$/), fc.stringMatching(/^[ab]{0,12}$/), (p, text) => {
        expect(RegExp(`^${wildcardRegex(p)}$`).test(text)).toBe(wildcardMatches(p, text));
      }),
      { numRuns: 3000 },
    );
    const long = `/${'a'.repeat(20_000)}`;
    const started = performance.now();
    expect(RegExp(`^${wildcardRegex('/*a*a*a*a*a*a*a*b')}$`).test(long)).toBe(false);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
