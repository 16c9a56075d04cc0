import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { pickServingCampaign, type ServingCandidate } from './serving.js';

// CMP-3: which campaign serves a page is deterministic.
const t0 = Date.parse('2026-01-01T00:00:00Z');
const c = (
  id: string,
  o: { enabled?: boolean; all?: boolean; names?: boolean; at?: number } = {},
): ServingCandidate => ({
  id,
  enabled: o.enabled ?? true,
  allWebsites: o.all ?? false,
  namesWebsite: o.names ?? false,
  createdAt: new Date(t0 + (o.at ?? 0) * 1000),
});

describe('pickServingCampaign', () => {
  it.each<[string, ServingCandidate[], string | undefined]>([
    ['no campaigns', [], undefined],
    ['one all-websites campaign', [c('a', { all: true })], 'a'],
    ['one campaign naming the website', [c('a', { names: true })], 'a'],
    ['a campaign for other websites only', [c('a')], undefined],
    ['a disabled all-websites campaign', [c('a', { all: true, enabled: false })], undefined],
    ['a disabled specific campaign', [c('a', { names: true, enabled: false })], undefined],
    [
      'specific beats all-websites, even when younger',
      [c('old', { all: true, at: 0 }), c('new', { names: true, at: 100 })],
      'new',
    ],
    [
      'a disabled specific one leaves the all-websites one',
      [c('all', { all: true }), c('spec', { names: true, enabled: false })],
      'all',
    ],
    [
      'oldest of two all-websites campaigns',
      [c('b', { all: true, at: 5 }), c('a', { all: true, at: 9 })],
      'b',
    ],
    [
      'oldest of two specific campaigns',
      [c('y', { names: true, at: 20 }), c('x', { names: true, at: 10 })],
      'x',
    ],
    ['same age: smallest id', [c('b', { names: true, at: 1 }), c('a', { names: true, at: 1 })], 'a'],
    [
      'a remembered list under "all websites" counts as all websites',
      [c('all-listed', { all: true, names: true, at: 0 }), c('spec', { names: true, at: 50 })],
      'spec',
    ],
    [
      'a campaign for other websites does not serve, however old',
      [c('other', { at: -100 }), c('all', { all: true, at: 0 })],
      'all',
    ],
  ])('%s', (_name, candidates, expected) => {
    expect(pickServingCampaign(candidates)?.id).toBe(expected);
  });

  const candidate = fc.record({
    id: fc.uuid(),
    enabled: fc.boolean(),
    allWebsites: fc.boolean(),
    namesWebsite: fc.boolean(),
    // Few distinct times, so that ties are common.
    createdAt: fc.integer({ min: 0, max: 5 }).map((s) => new Date(t0 + s * 1000)),
  });
  const candidates = fc.uniqueArray(candidate, { selector: (x) => x.id, maxLength: 12 });
  const specific = (x: ServingCandidate) => !x.allWebsites && x.namesWebsite;

  it('picks an enabled campaign that covers the website, if there is one', () => {
    fc.assert(
      fc.property(candidates, (cs) => {
        const picked = pickServingCampaign(cs);
        const eligible = cs.filter((x) => x.enabled && (x.allWebsites || x.namesWebsite));
        if (eligible.length === 0) expect(picked).toBeUndefined();
        else {
          expect(picked?.enabled).toBe(true);
          expect(picked!.allWebsites || picked!.namesWebsite).toBe(true);
        }
      }),
    );
  });

  it('lets a campaign naming the website beat every all-websites one', () => {
    fc.assert(
      fc.property(candidates, (cs) => {
        const picked = pickServingCampaign(cs);
        if (cs.some((x) => x.enabled && specific(x))) expect(specific(picked!)).toBe(true);
      }),
    );
  });

  it('picks the oldest among equals', () => {
    fc.assert(
      fc.property(candidates, (cs) => {
        const picked = pickServingCampaign(cs);
        if (!picked) return;
        for (const x of cs) {
          if (x.enabled && specific(x) === specific(picked) && (x.allWebsites || x.namesWebsite))
            expect(picked.createdAt.getTime()).toBeLessThanOrEqual(x.createdAt.getTime());
        }
      }),
    );
  });

  it('does not depend on the order of its input', () => {
    fc.assert(
      fc.property(
        candidates.chain((cs) =>
          fc.tuple(fc.constant(cs), fc.shuffledSubarray(cs, { minLength: cs.length })),
        ),
        ([cs, shuffled]) => {
          expect(pickServingCampaign(shuffled)).toBe(pickServingCampaign(cs));
        },
      ),
    );
  });
});
