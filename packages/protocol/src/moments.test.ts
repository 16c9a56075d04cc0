// INV-5: moment matching (the one function the widget and the server share) and its schema.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  Criterion,
  Moment,
  Moments,
  anyMomentMatches,
  greetingMatchesIn,
  hintsDueIn,
  momentHint,
  momentHints,
  momentMatches,
  momentMatchesIn,
  urlHint,
  urlMatches,
  wildcardMatches,
  type Criterion as CriterionShape,
  type MomentHint,
  type TimeCriterion,
  type UrlMatch,
  type VisitNow,
} from './moments.js';

const at = (over: Partial<VisitNow> = {}): VisitNow => ({
  url: 'https://www.example.com/shop/shoes?size=42#reviews',
  previousUrl: 'https://www.example.com/',
  secondsOnPage: 0,
  secondsOnWebsite: 0,
  ...over,
});

describe('page addresses', () => {
  const page = 'https://www.example.com/shop/shoes?size=42#reviews';
  it.each<[UrlMatch, string, string, boolean]>([
    // exact
    ['exact', 'https://www.example.com/shop/shoes', page, true],
    ['exact', 'https://www.example.com/shop/shoes?size=42', page, true],
    ['exact', 'https://www.example.com/shop/shoes?size=41', page, false],
    ['exact', 'www.example.com/shop/shoes', page, true],
    ['exact', '/shop/shoes', page, true],
    ['exact', '/shop/shoes?size=42', page, true],
    ['exact', '/shop/shoes/', page, false],
    ['exact', '/shop', page, false],
    ['exact', 'HTTPS://WWW.Example.COM/shop/shoes', page, true],
    ['exact', 'https://www.example.com/Shop/Shoes', page, false],
    ['exact', 'http://www.example.com/shop/shoes', page, false],
    ['exact', 'www.example.com', 'https://www.example.com', true],
    ['exact', 'www.example.com', 'https://www.example.com/', true],
    ['exact', 'www.example.com/', 'https://WWW.EXAMPLE.COM', true],
    ['exact', 'www.example.com', 'https://www.example.com/shop', false],
    ['exact', '/', 'https://www.example.com/?q=1', true],
    ['exact', '/shop/shoes#reviews', page, true],
    ['exact', '  /shop/shoes  ', page, true],
    // contains: anywhere in the whole address, path case-sensitive
    ['contains', 'shoes', page, true],
    ['contains', 'size=42', page, true],
    ['contains', 'example.com/shop', page, true],
    ['contains', 'https://', page, true],
    ['contains', 'Shoes', page, false],
    ['contains', 'reviews', page, false],
    ['contains', 'boots', page, false],
    // wildcard
    ['wildcard', '*', page, true],
    ['wildcard', '**', page, true],
    ['wildcard', '/shop/*', page, true],
    ['wildcard', '/shop*', page, true],
    ['wildcard', '/shop/*/', page, false],
    ['wildcard', '*shoes', page, true],
    ['wildcard', '*shoes*', page, true],
    ['wildcard', '*boots*', page, false],
    ['wildcard', '*.example.com/shop/*', page, true],
    ['wildcard', 'https://*.example.com/*', page, true],
    ['wildcard', 'www.example.com*', page, true],
    ['wildcard', '/sh*s', page, true],
    ['wildcard', '/sh**es', page, true],
    ['wildcard', '/shop/shoes*', page, true],
    ['wildcard', '/shop/shoes?size=4*', page, true],
    ['wildcard', '/shop/shoes?size=5*', page, false],
    ['wildcard', '/SHOP/*', page, false],
    ['wildcard', '*/checkout', 'https://a.example/checkout', true],
    ['wildcard', '*/checkout', 'https://a.example/checkout/step-2', false],
    // regular-expression characters are themselves
    ['wildcard', '/a.c', 'https://x.example/abc', false],
    ['wildcard', '/a.c', 'https://x.example/a.c', true],
    ['exact', '/a+b', 'https://x.example/a+b', true],
    ['wildcard', '/(x)[y]{2}$^|\\*', 'https://x.example/(x)[y]{2}$^|\\anything', true],
    ['wildcard', '/page?', 'https://x.example/pages', false],
    ['contains', '.*', 'https://x.example/abc', false],
  ])('%s %j on %s → %s', (match, pattern, url, expected) => {
    expect(urlMatches(match, pattern, url)).toBe(expected);
  });
});

const time = (kind: TimeCriterion['kind'], operator: TimeCriterion['operator'], minutes: number) =>
  ({ kind, operator, minutes }) as TimeCriterion;

describe('time criteria at their boundaries', () => {
  it.each<[TimeCriterion['operator'], number, number, boolean]>([
    ['>=', 2, 119, false],
    ['>=', 2, 120, true],
    ['>=', 2, 121, true],
    ['>=', 0, 0, true],
    ['<=', 2, 119, true],
    ['<=', 2, 120, true],
    ['<=', 2, 121, false],
    ['<=', 0, 0, true],
    ['<=', 0, 1, false],
    ['=', 2, 119, false],
    ['=', 2, 120, true],
    ['=', 2, 179, true],
    ['=', 2, 180, false],
    ['=', 0, 59, true],
    ['>=', 2, 120.9, true],
    ['>=', 2, 119.9, false],
    ['<=', 2, 120.9, true],
  ])('time on page %s %d min at %d s → %s', (operator, minutes, seconds, expected) => {
    const moment = { criteria: [time('time_on_page', operator, minutes)] };
    expect(momentMatches(moment, at({ secondsOnPage: seconds, secondsOnWebsite: 10_000 }))).toBe(expected);
    const onSite = { criteria: [time('time_on_website', operator, minutes)] };
    expect(momentMatches(onSite, at({ secondsOnWebsite: seconds, secondsOnPage: 10_000 }))).toBe(expected);
  });
});

describe('moments and greetings', () => {
  it('a moment with no criteria matches at once; a greeting with no moments never shows', () => {
    expect(momentMatches({ criteria: [] }, at())).toBe(true);
    expect(momentMatchesIn({ criteria: [] }, at())).toBe(0);
    expect(anyMomentMatches([], at())).toBe(false);
    expect(greetingMatchesIn([], at())).toBeNull();
  });

  it('needs all criteria of a moment, and any moment of a greeting', () => {
    const shop = { kind: 'current_page', match: 'contains', url: '/shop' } as const;
    const cart = { kind: 'current_page', match: 'contains', url: '/cart' } as const;
    const twoMinutes = time('time_on_page', '>=', 2);
    expect(momentMatches({ criteria: [shop, twoMinutes] }, at({ secondsOnPage: 119 }))).toBe(false);
    expect(momentMatches({ criteria: [shop, twoMinutes] }, at({ secondsOnPage: 120 }))).toBe(true);
    expect(momentMatches({ criteria: [cart, twoMinutes] }, at({ secondsOnPage: 500 }))).toBe(false);
    const moments = [{ criteria: [cart] }, { criteria: [shop, twoMinutes] }];
    expect(anyMomentMatches(moments, at({ secondsOnPage: 30 }))).toBe(false);
    expect(greetingMatchesIn(moments, at({ secondsOnPage: 30 }))).toBe(90);
    expect(anyMomentMatches(moments, at({ url: 'https://www.example.com/cart' }))).toBe(true);
  });

  it('on the first page view there is no previous page: a previous-page criterion does not match', () => {
    for (const match of ['exact', 'contains', 'wildcard'] as const) {
      const moment = { criteria: [{ kind: 'previous_page', match, url: '*' } as const] };
      expect(momentMatches(moment, at({ previousUrl: null }))).toBe(false);
      expect(momentMatchesIn(moment, at({ previousUrl: null }))).toBeNull();
    }
    const fromHome = { criteria: [{ kind: 'previous_page', match: 'exact', url: '/' } as const] };
    expect(momentMatches(fromHome, at())).toBe(true);
    expect(momentMatches(fromHome, at({ previousUrl: 'https://www.example.com/shop' }))).toBe(false);
  });

  it.each<[TimeCriterion[], number, number, number | null]>([
    [[time('time_on_page', '>=', 2)], 30, 30, 90],
    [[time('time_on_page', '>=', 2)], 200, 200, 0],
    [[time('time_on_page', '<=', 1)], 61, 61, null],
    [[time('time_on_page', '=', 1)], 0, 0, 60],
    [[time('time_on_page', '=', 1)], 120, 120, null],
    // On the site 5 minutes, on the page 1: site >= 6 comes in 60 s, page >= 3 in 120 s.
    [[time('time_on_website', '>=', 6), time('time_on_page', '>=', 3)], 60, 300, 120],
    // The windows never overlap: page <= 1 ends before site >= 10 begins.
    [[time('time_on_page', '<=', 1), time('time_on_website', '>=', 10)], 0, 60, null],
    [[time('time_on_page', '>=', 1), time('time_on_page', '<=', 1)], 0, 0, 60],
  ])('%j on the page %d s, the site %d s → matches in %s s', (criteria, page, site, expected) => {
    expect(momentMatchesIn({ criteria }, at({ secondsOnPage: page, secondsOnWebsite: site }))).toBe(expected);
  });
});

// ------------------------------------------------------------------------------------------- properties

const minutes = fc.integer({ min: 0, max: 30 });
const timeCriterion: fc.Arbitrary<TimeCriterion> = fc.record({
  kind: fc.constantFrom('time_on_page' as const, 'time_on_website' as const),
  operator: fc.constantFrom('>=' as const, '<=' as const, '=' as const),
  minutes,
});
const seconds = fc.integer({ min: 0, max: 2400 });

/** The visit `t` seconds later on the same page. */
const later = (now: VisitNow, t: number): VisitNow => ({
  ...now,
  secondsOnPage: now.secondsOnPage + t,
  secondsOnWebsite: now.secondsOnWebsite + t,
});

describe('properties', () => {
  it('a time criterion holds exactly as its operator says', () => {
    fc.assert(
      fc.property(timeCriterion, seconds, (c, s) => {
        const now = at({ secondsOnPage: s, secondsOnWebsite: s });
        const expected =
          c.operator === '>='
            ? s >= c.minutes * 60
            : c.operator === '<='
              ? s <= c.minutes * 60
              : Math.floor(s / 60) === c.minutes;
        expect(momentMatches({ criteria: [c] }, now)).toBe(expected);
      }),
    );
  });

  it('"matches in n seconds" is right: not before n, at n it matches', () => {
    fc.assert(
      fc.property(
        fc.array(timeCriterion, { maxLength: 4 }),
        seconds,
        fc.integer({ min: 0, max: 2400 }),
        (criteria, page, extra) => {
          const now = at({ secondsOnPage: page, secondsOnWebsite: page + extra });
          const n = momentMatchesIn({ criteria }, now);
          expect(n === 0).toBe(momentMatches({ criteria }, now));
          if (n === null) {
            // Never again on this page: check a spread of later moments.
            for (const t of [1, 59, 60, 61, 600, 3600, 100_000]) {
              expect(momentMatches({ criteria }, later(now, t))).toBe(false);
            }
          } else {
            expect(momentMatches({ criteria }, later(now, n))).toBe(true);
            for (const t of [0, Math.floor(n / 2), n - 1].filter((t) => t >= 0 && t < n)) {
              expect(momentMatches({ criteria }, later(now, t))).toBe(false);
            }
          }
        },
      ),
    );
  });

  it('a greeting matches in the soonest of its moments', () => {
    fc.assert(
      fc.property(fc.array(fc.array(timeCriterion, { maxLength: 3 }), { maxLength: 4 }), seconds, (ms, s) => {
        const moments = ms.map((criteria) => ({ criteria }));
        const now = at({ secondsOnPage: s, secondsOnWebsite: s });
        const each = moments.map((m) => momentMatchesIn(m, now)).filter((n): n is number => n !== null);
        expect(greetingMatchesIn(moments, now)).toBe(each.length ? Math.min(...each) : null);
        expect(anyMomentMatches(moments, now)).toBe(each.includes(0));
      }),
    );
  });

  // Addresses and patterns from a small alphabet full of special characters, so collisions happen often.
  const piece = fc.string({
    unit: fc.constantFrom('a', 'b', '/', '.', '?', '+', '(', '[', '$', '^', '\\', '|'),
    maxLength: 12,
  });

  it('wildcard: a pattern without `*` is an exact match; `*` and `**` match anything', () => {
    fc.assert(
      fc.property(piece, piece, (p, text) => {
        expect(wildcardMatches(p, text)).toBe(p === text);
        expect(wildcardMatches('*', text)).toBe(true);
        expect(wildcardMatches('**', text)).toBe(true);
        expect(wildcardMatches(`*${p}*`, text)).toBe(text.includes(p));
        expect(wildcardMatches(`${p}*`, text)).toBe(text.startsWith(p));
        expect(wildcardMatches(`*${p}`, text)).toBe(text.endsWith(p));
        expect(wildcardMatches(`${p}**`, text)).toBe(wildcardMatches(`${p}*`, text));
      }),
    );
  });

  it('wildcard agrees with a reference regular expression built from escaped pieces', () => {
    const withStars = fc.string({ unit: fc.constantFrom('a', 'b', '*', '.', '?', '('), maxLength: 8 });
    const text = fc.string({ unit: fc.constantFrom('a', 'b', '.', '?', '('), maxLength: 10 });
    fc.assert(
      fc.property(withStars, text, (p, t) => {
        const source = p
          .split('*')
          .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
          .join('[\\s\\S]*');
        expect(wildcardMatches(p, t)).toBe(new RegExp(`^${source}$`).test(t));
      }),
    );
  });

  it('the host is compared without regard to case, the path with it', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'B', 'c', 'D'), minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(word, word, (host, path) => {
        const url = `https://${host}.example/${path}`;
        for (const match of ['exact', 'wildcard'] as const) {
          expect(urlMatches(match, `https://${host.toUpperCase()}.EXAMPLE/${path}`, url)).toBe(true);
          expect(urlMatches(match, `${host.toLowerCase()}.example/${path}`, url)).toBe(true);
          const otherPath = path.toUpperCase() === path ? path.toLowerCase() : path.toUpperCase();
          expect(urlMatches(match, `/${otherPath}`, url)).toBe(otherPath === path);
        }
      }),
    );
  });

  it('a wildcard pattern that is the page itself always matches, and matches like exact', () => {
    const url = fc.webUrl({ withQueryParameters: true, withFragments: true });
    fc.assert(
      fc.property(url, (u) => {
        expect(urlMatches('exact', u, u)).toBe(true);
        expect(urlMatches('wildcard', u.replaceAll('*', ''), u.replaceAll('*', ''))).toBe(true);
        expect(urlMatches('contains', u.split('#')[0]!.toLowerCase().slice(0, 8), u)).toBe(true);
      }),
    );
  });
});

// ------------------------------------------------------------------------------------------- the loader's hints

describe("the loader's hints (it waits for the soonest moment without the matcher)", () => {
  it.each<[UrlMatch, string, string]>([
    ['exact', '/shop/Shoes', '/shop/shoes'],
    ['exact', 'www.Example.com', 'www.example.com/'],
    ['exact', 'HTTPS://www.example.com/a?b=1#top', 'https://www.example.com/a?b=1'],
    ['contains', ' Checkout#x ', 'checkout'],
    ['wildcard', '/shop/*/size-*', '/shop/'],
    ['wildcard', '*.example.com/checkout*', '.example.com/checkout'],
    ['wildcard', '*', ''],
    ['wildcard', '**', ''],
  ])('%s %j: every matching address contains %j', (match, pattern, hint) => {
    expect(urlHint(match, pattern)).toBe(hint);
  });

  const page = (match: UrlMatch, url: string): CriterionShape => ({ kind: 'current_page', match, url });
  it.each<[CriterionShape[], MomentHint]>([
    [[], [0, 0]],
    [[time('time_on_page', '>=', 1)], [60, 0]],
    [
      [time('time_on_page', '=', 2), time('time_on_page', '>=', 1)],
      [120, 0],
    ],
    [[time('time_on_page', '<=', 5)], [0, 0]],
    [
      [time('time_on_website', '>=', 3), time('time_on_page', '>=', 1)],
      [60, 180],
    ],
    [
      [page('contains', 'cart'), page('exact', '/checkout/pay')],
      [0, 0, '/checkout/pay'],
    ],
    // The previous page is not checked by the loader: it loads the greetings a little more often.
    [
      [{ kind: 'previous_page', match: 'exact', url: '/cart' }, time('time_on_page', '>=', 1)],
      [60, 0],
    ],
  ])('moment %j → %j', (criteria, hint) => {
    expect(momentHint({ criteria })).toEqual(hint);
  });

  it('leaves out hints another covers, soonest first', () => {
    const g = (...moments: CriterionShape[][]) => ({ moments: moments.map((criteria) => ({ criteria })) });
    expect(
      momentHints([
        g([time('time_on_page', '>=', 2)], [time('time_on_page', '>=', 1), page('contains', 'cart')]),
        g([time('time_on_page', '>=', 1)], [time('time_on_page', '>=', 3)]),
        g([time('time_on_page', '>=', 1)], [page('contains', 'shop')]),
      ]),
    ).toEqual([
      [0, 0, 'shop'],
      [60, 0],
    ]);
    expect(momentHints([])).toEqual([]);
    expect(momentHints([g()])).toEqual([]);
  });

  it.each<[MomentHint[], string, number, number, number | null]>([
    [[], 'https://a.example/', 0, 0, null],
    [[[60, 0]], 'https://a.example/', 0, 0, 60],
    [[[60, 0]], 'https://a.example/', 0, 500, 60],
    [[[0, 300]], 'https://a.example/', 0, 240, 60],
    [[[0, 300]], 'https://a.example/', 0, 400, 0],
    [[[60, 300]], 'https://a.example/', 10, 100, 200],
    [[[0, 0, '/cart']], 'https://a.example/Cart', 0, 0, 0],
    [[[0, 0, '/cart']], 'https://a.example/shop', 0, 0, null],
    [
      [
        [0, 0, '/cart'],
        [120, 0],
      ],
      'https://a.example/shop',
      0,
      0,
      120,
    ],
  ])('%j on %s, %d s on the page, %d s on the site → due in %s s', (hints, url, onPage, onSite, due) => {
    expect(hintsDueIn(hints, url, onPage, onSite)).toBe(due);
  });

  // Addresses as the browser gives them (WHATWG URL: lower-case scheme and host, a path), patterns made from
  // their pieces, in another case, with `*` put in.
  const browserUrl = fc
    .webUrl({ withQueryParameters: true, withFragments: true })
    .map((u) => new URL(u).href);
  const patternOf = (url: string) =>
    fc
      .tuple(
        fc.nat(url.length),
        fc.nat(url.length),
        fc.constantFrom('as is', 'upper', 'lower'),
        fc.array(fc.nat(40), { maxLength: 3 }),
        fc.boolean(),
        fc.boolean(),
      )
      .map(([a, b, kase, stars, pathOnly, whole]) => {
        const base = pathOnly ? new URL(url).pathname + new URL(url).search : url;
        let p = whole ? base : base.slice(Math.min(a, b) % (base.length + 1), Math.max(a, b) + 1);
        for (const at of stars) p = `${p.slice(0, at % (p.length + 1))}*${p.slice(at % (p.length + 1))}`;
        return kase === 'upper' ? p.toUpperCase() : kase === 'lower' ? p.toLowerCase() : p;
      });
  const match = fc.constantFrom<UrlMatch>('exact', 'contains', 'wildcard');

  it('a page a pattern matches contains its hint', () => {
    const matched = { exact: 0, contains: 0, wildcard: 0 };
    fc.assert(
      fc.property(
        browserUrl.chain((u) => fc.tuple(fc.constant(u), patternOf(u), match)),
        ([url, pattern, m]) => {
          if (!urlMatches(m, pattern, url)) return;
          matched[m]++;
          expect(url.toLowerCase()).toContain(urlHint(m, pattern));
        },
      ),
      { numRuns: 3000 },
    );
    // The patterns match often enough, in every kind, for the property to say something.
    for (const n of Object.values(matched)) expect(n).toBeGreaterThan(20);
  });

  it('a moment never matches sooner than its hint says, and leaving out covered hints changes nothing', () => {
    const criterion = (url: string): fc.Arbitrary<CriterionShape> =>
      fc.oneof(
        timeCriterion,
        fc.record({
          kind: fc.constantFrom('current_page' as const, 'previous_page' as const),
          match,
          url: fc.oneof(patternOf(url), fc.constantFrom('/', '*', 'checkout', '/shop*')),
        }),
      );
    fc.assert(
      fc.property(
        browserUrl.chain((u) =>
          fc.tuple(
            fc.constant(u),
            fc.array(fc.array(fc.array(criterion(u), { maxLength: 3 }), { maxLength: 3 }), { maxLength: 3 }),
            seconds,
            fc.integer({ min: 0, max: 2400 }),
          ),
        ),
        ([url, greetings, page, extra]) => {
          const now = at({ url, secondsOnPage: page, secondsOnWebsite: page + extra });
          const gs = greetings.map((ms) => ({ moments: ms.map((criteria) => ({ criteria })) }));
          for (const m of gs.flatMap((g) => g.moments)) {
            const n = momentMatchesIn(m, now);
            if (n === null) continue;
            const due = hintsDueIn([momentHint(m)], url, now.secondsOnPage, now.secondsOnWebsite);
            expect(due).not.toBeNull();
            expect(due!).toBeLessThanOrEqual(n);
          }
          const all = gs.flatMap((g) => g.moments.map(momentHint));
          const dueIn = (hints: MomentHint[]) => hintsDueIn(hints, url, page, page + extra);
          expect(dueIn(momentHints(gs))).toBe(dueIn(all));
        },
      ),
      { numRuns: 1000 },
    );
  });
});

// ------------------------------------------------------------------------------------------- schemas

describe('the moment schema names the field at fault', () => {
  const issues = (
    schema: {
      safeParse: (v: unknown) => {
        success: boolean;
        error?: { issues: { path: PropertyKey[]; message: string }[] };
      };
    },
    value: unknown,
  ) =>
    Object.fromEntries(
      (schema.safeParse(value).error?.issues ?? []).map((i) => [i.path.join('.'), i.message]),
    );

  it.each<[string, unknown, Record<string, string>]>([
    ['a good page criterion', { kind: 'current_page', match: 'exact', url: '/shop' }, {}],
    [
      'an empty address',
      { kind: 'current_page', match: 'exact', url: '  ' },
      { url: 'Enter an address or a part of one' },
    ],
    [
      'a too long address',
      { kind: 'previous_page', match: 'contains', url: 'x'.repeat(2001) },
      { url: 'At most 2,000 characters' },
    ],
    [
      'an unknown match',
      { kind: 'current_page', match: 'regex', url: '/x' },
      { match: 'Choose exact, contains or wildcard' },
    ],
    [
      'fractional minutes',
      { kind: 'time_on_page', operator: '>=', minutes: 1.5 },
      { minutes: 'Whole minutes' },
    ],
    [
      'negative minutes',
      { kind: 'time_on_page', operator: '>=', minutes: -1 },
      { minutes: 'At least 0 minutes' },
    ],
    [
      'more than a day',
      { kind: 'time_on_website', operator: '<=', minutes: 1441 },
      { minutes: 'At most 1,440 minutes (a day)' },
    ],
    ['a day exactly', { kind: 'time_on_website', operator: '=', minutes: 1440 }, {}],
    [
      'minutes as text',
      { kind: 'time_on_page', operator: '>=', minutes: '2' },
      { minutes: 'Enter a whole number' },
    ],
    [
      'an unknown operator',
      { kind: 'time_on_page', operator: '>', minutes: 2 },
      { operator: 'Choose >=, <= or =' },
    ],
    ['an unknown criterion', { kind: 'referrer', url: 'x' }, { kind: 'Choose a criterion' }],
  ])('%s', (_name, value, expected) => {
    expect(issues(Criterion, value)).toEqual(expected);
  });

  it('moments: a name, at most 20 criteria, at most 20 moments', () => {
    expect(issues(Moment, { name: ' ', criteria: [] })).toEqual({ name: 'Enter a name' });
    const c = { kind: 'time_on_page', operator: '>=', minutes: 1 };
    expect(issues(Moment, { name: 'Lingers', criteria: Array(21).fill(c) })).toEqual({
      criteria: 'At most 20 criteria',
    });
    expect(issues(Moments, Array(21).fill({ name: 'm', criteria: [] }))).toEqual({
      '': 'At most 20 moments',
    });
    expect(Moment.parse({ name: '  Lingers  ', criteria: [{ ...c, extra: 1 }] })).toEqual({
      name: 'Lingers',
      criteria: [c],
    });
  });
});
