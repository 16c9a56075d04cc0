import { describe, expect, it } from 'vitest';
import type { Goal, VisitNow } from '@parley/protocol';
import { goalsReachedOnPage, reachedValue } from './sales-rules.js';

// GOL-3: which goals a page view reaches; GOL-4: the value a reached goal is stored with.
const page = (url: string, previousUrl: string | null = null, secondsOnWebsite = 0): VisitNow => ({
  url,
  previousUrl,
  secondsOnPage: 0,
  secondsOnWebsite,
});
const goal = (title: string, moments: Goal['moments']) => ({ title, moments });
const thanks = goal('Thanks', [
  { name: 'Thank-you page', criteria: [{ kind: 'current_page', match: 'contains', url: '/thanks' }] },
]);
const fromCart = goal('From the cart', [
  { name: 'After the cart', criteria: [{ kind: 'previous_page', match: 'wildcard', url: '*/cart*' }] },
]);
const longVisit = goal('Long visit', [
  { name: 'Ten minutes', criteria: [{ kind: 'time_on_website', operator: '>=', minutes: 10 }] },
]);
const onPageAMinute = goal('A minute on a page', [
  { name: 'One minute', criteria: [{ kind: 'time_on_page', operator: '>=', minutes: 1 }] },
]);
const snippetOnly = goal('Snippet only', []);
const everyPage = goal('Every page', [{ name: 'At once', criteria: [] }]);
const all = [thanks, fromCart, longVisit, onPageAMinute, snippetOnly, everyPage];

describe('goalsReachedOnPage', () => {
  it.each([
    ['a plain first page', page('https://shop.example/'), ['Every page']],
    ['the thank-you page', page('https://shop.example/thanks?o=1'), ['Thanks', 'Every page']],
    [
      'after the cart, ten minutes in',
      page('https://shop.example/pay', 'https://shop.example/cart', 600),
      ['From the cart', 'Long visit', 'Every page'],
    ],
    ['nine minutes in', page('https://shop.example/pay', null, 599), ['Every page']],
  ])('%s', (_, now, titles) => {
    expect(goalsReachedOnPage(all, now).map((g) => g.title)).toEqual(titles);
  });
});

describe('reachedValue', () => {
  it.each([
    [{ valueKind: 'none', value: '' }, '12', { ok: true, value: null }],
    [{ valueKind: 'fixed', value: '49.95' }, undefined, { ok: true, value: '49.95' }],
    [{ valueKind: 'fixed', value: '49.95' }, '1', { ok: true, value: '49.95' }],
    [{ valueKind: 'changing', value: '' }, '1299,95', { ok: true, value: '1299.95' }],
    [{ valueKind: 'changing', value: '' }, 0.1, { ok: true, value: '0.1' }],
    [{ valueKind: 'changing', value: '' }, undefined, { ok: true, value: null }],
    [{ valueKind: 'changing', value: '' }, '', { ok: true, value: null }],
    [
      { valueKind: 'changing', value: '' },
      'EXAMPLE_VALUE',
      { ok: false, message: 'The value must be a number or a quoted text of digits, such as 49.95' },
    ],
  ] as const)('%j given %j', (g, given, expected) => {
    expect(reachedValue(g, given)).toEqual(expected);
  });
});
