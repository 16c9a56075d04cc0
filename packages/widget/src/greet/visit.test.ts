import { describe, expect, it } from 'vitest';
import { declinedIds, enterPage, nextGreeting, rememberDeclined, visitNow, type Store } from './visit';

const store = (): Store & { map: Map<string, string> } => {
  const map = new Map<string, string>();
  return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v) };
};
const P = 'parley:site:';
const A = 'https://shop.example/a';
const B = 'https://shop.example/b';

describe('the visit (time on the website, previous page)', () => {
  it.each([
    // [pages seen in order, expected previous page of the last]
    [[A], null],
    [[A, B], A],
    [[A, B, B], A], // a reload keeps the previous page
    [[A, B, A], B],
  ] as const)('%j → previous %s', (pages, previous) => {
    const s = store();
    let v = enterPage(() => s, P, pages[0], 1000);
    for (const [i, url] of pages.slice(1).entries()) v = enterPage(() => s, P, url, 2000 + i);
    expect(v.previousUrl).toBe(previous);
    expect(v.startedAt).toBe(1000); // the visit started with its first page
  });

  it.each(['{not json', 'null', '5', '"x"', '[]', '{"startedAt":9000,"url":7}', '{"startedAt":"1"}'])(
    'what is stored is %s: a new visit',
    (stored) => {
      const s = store();
      s.map.set(`${P}visit`, stored);
      expect(enterPage(() => s, P, A, 5000)).toEqual({ startedAt: 5000, url: A, previousUrl: null });
      expect(JSON.parse(s.map.get(`${P}visit`)!)).toEqual({ startedAt: 5000, url: A, previousUrl: null });
    },
  );

  it('storage disabled (it throws): the visit is this page', () => {
    const broken = (): Store => {
      throw new DOMException('denied', 'SecurityError');
    };
    expect(enterPage(broken, P, A, 5000)).toEqual({ startedAt: 5000, url: A, previousUrl: null });
  });

  it('time on the page and on the website in whole seconds', () => {
    const now = visitNow({ startedAt: 0, url: A, previousUrl: null }, 60_000, 125_999);
    expect(now).toMatchObject({ secondsOnPage: 65, secondsOnWebsite: 125 });
  });
});

describe('declined greetings (not shown again in the visit)', () => {
  it('are remembered once each', () => {
    const s = store();
    expect(declinedIds(s, P)).toEqual([]);
    rememberDeclined(s, P, 'g1');
    rememberDeclined(s, P, 'g1');
    rememberDeclined(s, P, 'g2');
    expect(declinedIds(s, P)).toEqual(['g1', 'g2']);
  });
  it('survive garbage in storage', () => {
    const s = store();
    s.map.set(`${P}declined`, '{"a":1}');
    expect(declinedIds(s, P)).toEqual([]);
  });
});

describe('the next greeting and when (one check, no polling)', () => {
  const at = (minutes: number) => ({
    criteria: [{ kind: 'time_on_page' as const, operator: '>=' as const, minutes }],
  });
  const onB = { criteria: [{ kind: 'current_page' as const, match: 'exact' as const, url: B }] };
  const here = { url: A, previousUrl: null, secondsOnPage: 30, secondsOnWebsite: 30 };
  const g = (id: string, ...moments: { criteria: never[] | object[] }[]) => ({
    id,
    moments: moments as never,
  });

  it.each([
    { name: 'none', greetings: [], skip: [], want: null },
    { name: 'matches now', greetings: [g('x', at(0))], skip: [], want: ['x', 0] },
    { name: 'in 90 s', greetings: [g('x', at(2))], skip: [], want: ['x', 90] },
    { name: 'the soonest wins', greetings: [g('x', at(2)), g('y', at(1))], skip: [], want: ['y', 30] },
    {
      name: 'list order between equals',
      greetings: [g('x', at(0)), g('y', at(0))],
      skip: [],
      want: ['x', 0],
    },
    { name: 'declined is skipped', greetings: [g('x', at(0)), g('y', at(1))], skip: ['x'], want: ['y', 30] },
    { name: 'not on this page', greetings: [g('x', onB)], skip: [], want: null },
    { name: 'no moments never', greetings: [g('x')], skip: [], want: null },
  ])('$name', ({ greetings, skip, want }) => {
    const next = nextGreeting(greetings, here, skip);
    expect(next && [next.greeting.id, next.inSeconds]).toEqual(want);
  });
});
