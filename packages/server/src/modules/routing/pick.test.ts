import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { RoutingMethod } from '@parley/protocol';
import { hasRoom, pickOrder, planPlacements, type Candidate, type PlanLevel } from './pick.js';

const agent = (userId: string, o: Partial<Candidate> = {}): Candidate => ({
  userId,
  liveChats: 0,
  nrtChats: 0,
  liveLimit: null,
  nrtLimit: null,
  lastAssignedAt: null,
  ...o,
});
const live = { mode: 'live' as const };
const at = (ms: number) => new Date(ms);

describe('pickOrder: eligibility (RTE-3)', () => {
  it.each<RoutingMethod>(['random', 'least_chats', 'most_space', 'sequential', 'most_chats'])(
    '%s skips full agents',
    (method) => {
      const order = pickOrder(
        [agent('full', { liveChats: 2, liveLimit: 2 }), agent('room', { liveChats: 1, liveLimit: 2 })],
        method,
        live,
      );
      expect(order).toEqual(['room']);
    },
  );

  it('counts NRT chats against the NRT limit only', () => {
    const agents = [
      agent('a', { liveChats: 5, liveLimit: 5, nrtLimit: 1 }),
      agent('b', { nrtChats: 1, nrtLimit: 1 }),
    ];
    expect(pickOrder(agents, 'least_chats', { mode: 'nrt' })).toEqual(['a']);
    expect(pickOrder(agents, 'least_chats', live)).toEqual(['b']);
  });

  it('treats an unticked limit as unlimited', () => {
    expect(pickOrder([agent('u', { liveChats: 500 })], 'least_chats', live)).toEqual(['u']);
  });
});

describe('pickOrder: methods (RTE-2)', () => {
  const team = [
    agent('a', { liveChats: 3, liveLimit: 10 }),
    agent('b', { liveChats: 1, liveLimit: 2 }),
    agent('c', { liveChats: 2 }),
    agent('d', { liveChats: 0, liveLimit: 1 }),
  ];

  it('with least chats: fewest active chats first', () => {
    expect(pickOrder(team, 'least_chats', live)).toEqual(['d', 'b', 'c', 'a']);
  });

  it('with most space: most free slots first, unlimited counts as most', () => {
    // free: a 7, b 1, c ∞, d 1
    expect(pickOrder(team, 'most_space', live)).toEqual(['c', 'a', 'b', 'd']);
  });

  it('with most chats: the busiest agent with room first (fills one up before the next)', () => {
    expect(pickOrder(team, 'most_chats', live)).toEqual(['a', 'c', 'b', 'd']);
  });

  it('sequentially: round robin in the level order, after the previous agent', () => {
    expect(pickOrder(team, 'sequential', { ...live, lastUserId: 'b' })).toEqual(['c', 'd', 'a', 'b']);
    expect(pickOrder(team, 'sequential', { ...live, lastUserId: 'd' })).toEqual(['a', 'b', 'c', 'd']);
    expect(pickOrder(team, 'sequential', { ...live, lastUserId: null })).toEqual(['a', 'b', 'c', 'd']);
    expect(pickOrder(team, 'sequential', { ...live, lastUserId: 'gone' })).toEqual(['a', 'b', 'c', 'd']);
  });

  it('sequentially: skips full agents but keeps the rotation', () => {
    const agents = [agent('a'), agent('b', { liveChats: 1, liveLimit: 1 }), agent('c')];
    expect(pickOrder(agents, 'sequential', { ...live, lastUserId: 'a' })).toEqual(['c', 'a']);
  });

  it('random: a permutation driven by the random source', () => {
    const order = pickOrder(team, 'random', { ...live, random: () => 0 });
    expect([...order].sort()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('random: every eligible agent is first about equally often', () => {
    const counts: Record<string, number> = { a: 0, b: 0, c: 0 };
    let seed = 1;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    for (let i = 0; i < 3000; i++)
      counts[pickOrder([agent('a'), agent('b'), agent('c')], 'random', { ...live, random })[0]!]!++;
    for (const n of Object.values(counts)) expect(n).toBeGreaterThan(850);
  });

  it.each<RoutingMethod>(['least_chats', 'most_space', 'most_chats'])(
    '%s: ties go to who waited longest since their last chat',
    (method) => {
      const tied = [
        agent('recent', { lastAssignedAt: at(3000) }),
        agent('never'),
        agent('earlier', { lastAssignedAt: at(1000) }),
      ];
      expect(pickOrder(tied, method, live)).toEqual(['never', 'earlier', 'recent']);
    },
  );
});

describe('pickOrder: properties', () => {
  const candidate = fc.record({
    userId: fc.uuid(),
    liveChats: fc.nat(12),
    nrtChats: fc.nat(12),
    liveLimit: fc.option(fc.integer({ min: 1, max: 10 }), { nil: null }),
    nrtLimit: fc.option(fc.integer({ min: 1, max: 10 }), { nil: null }),
    lastAssignedAt: fc.option(fc.date({ min: at(0), max: at(1e12), noInvalidDate: true }), { nil: null }),
  });
  const team = fc.uniqueArray(candidate, { maxLength: 25, selector: (c) => c.userId });
  const method = fc.constantFrom<RoutingMethod>(
    'random',
    'least_chats',
    'most_space',
    'sequential',
    'most_chats',
  );
  const mode = fc.constantFrom<'live' | 'nrt'>('live', 'nrt');

  it('offers exactly the agents with room, each once, never a full one', () => {
    fc.assert(
      fc.property(team, method, mode, fc.option(fc.uuid(), { nil: null }), (agents, m, md, lastUserId) => {
        const order = pickOrder(agents, m, { mode: md, lastUserId });
        expect(order.length).toBe(new Set(order).size);
        expect(new Set(order)).toEqual(new Set(agents.filter((a) => hasRoom(a, md)).map((a) => a.userId)));
      }),
    );
  });

  it('least chats: the first offered agent has no more chats than any other eligible one', () => {
    fc.assert(
      fc.property(team, mode, (agents, md) => {
        const [first] = pickOrder(agents, 'least_chats', { mode: md });
        if (!first) return;
        const loadOf = (id: string) => {
          const a = agents.find((x) => x.userId === id)!;
          return md === 'live' ? a.liveChats : a.nrtChats;
        };
        for (const a of agents.filter((x) => hasRoom(x, md)))
          expect(loadOf(first)).toBeLessThanOrEqual(loadOf(a.userId));
      }),
    );
  });

  it('sequential: the first offered agent is the next one with room after the previous agent', () => {
    fc.assert(
      fc.property(team, fc.nat(30), (agents, k) => {
        if (agents.length === 0) return;
        const last = agents[k % agents.length]!.userId;
        const [first] = pickOrder(agents, 'sequential', { mode: 'live', lastUserId: last });
        const start = agents.findIndex((a) => a.userId === last);
        for (let step = 1; step <= agents.length; step++) {
          const a = agents[(start + step) % agents.length]!;
          if (hasRoom(a, 'live')) {
            expect(first).toBe(a.userId);
            return;
          }
        }
        expect(first).toBeUndefined();
      }),
    );
  });
});

describe('planPlacements: a burst of waiting chats routed at once (RTE-1…3, RTE-5)', () => {
  const now = at(1_000_000);
  const chat = (id: string, levels: PlanLevel[] = [], mode: 'live' | 'nrt' = 'live') => ({
    id,
    mode,
    levels,
  });
  const level = (
    id: string,
    method: RoutingMethod,
    userIds: string[],
    o: Partial<PlanLevel> = {},
  ): PlanLevel => ({
    id,
    index: 0,
    method,
    lastUserId: null,
    userIds,
    ...o,
  });
  const placed = (r: ReturnType<typeof planPlacements>) =>
    r.placements.map((p) => `${p.chatId}>${p.agentId}`);

  it('without levels spreads chats by least chats, counting the ones it just placed', () => {
    const r = planPlacements(
      ['1', '2', '3', '4'].map((id) => chat(id)),
      [agent('a', { liveChats: 1 }), agent('b'), agent('c', { liveChats: 2 })],
      now,
    );
    // 4: all three have two chats; c has never been given one, so c has waited longest.
    expect(placed(r)).toEqual(['1>b', '2>a', '3>b', '4>c']);
    expect(r.agents.get('a')!.liveChats).toBe(2);
  });

  it('stops giving an agent chats at their limit and leaves the rest queued', () => {
    const r = planPlacements(
      ['1', '2', '3', '4'].map((id) => chat(id)),
      [agent('a', { liveLimit: 1 }), agent('b', { liveLimit: 2 })],
      now,
    );
    expect(placed(r)).toEqual(['1>a', '2>b', '3>b']);
  });

  it('sequential levels go round robin from the remembered agent and report where they stopped', () => {
    const seq = level('L', 'sequential', ['a', 'b', 'c'], { lastUserId: 'a' });
    const r = planPlacements(
      ['1', '2', '3', '4'].map((id) => chat(id, [seq])),
      [agent('a'), agent('b'), agent('c')],
      now,
    );
    expect(placed(r)).toEqual(['1>b', '2>c', '3>a', '4>b']);
    expect(r.lastUsers.get('L')).toBe('b');
  });

  it('falls back to the next level once the first is full', () => {
    const first = level('L1', 'least_chats', ['a']);
    const second = level('L2', 'most_chats', ['b', 'c'], { index: 1 });
    const r = planPlacements(
      ['1', '2', '3'].map((id) => chat(id, [first, second])),
      [
        agent('a', { liveLimit: 1 }),
        agent('b', { liveLimit: 5 }),
        agent('c', { liveChats: 1, liveLimit: 5 }),
      ],
      now,
    );
    expect(placed(r)).toEqual(['1>a', '2>c', '3>c']);
    expect(r.placements.map((p) => p.level?.id)).toEqual(['L1', 'L2', 'L2']);
  });

  it('breaks ties by who waited longest, including the assignments of this batch', () => {
    const r = planPlacements(
      ['1', '2', '3'].map((id) => chat(id, [level('L', 'most_space', ['a', 'b'])])),
      [agent('a', { lastAssignedAt: at(5) }), agent('b', { lastAssignedAt: at(1) })],
      now,
    );
    expect(placed(r)).toEqual(['1>b', '2>a', '3>b']);
    expect(r.agents.get('b')!.lastAssignedAt!.getTime()).toBeGreaterThan(
      r.agents.get('a')!.lastAssignedAt!.getTime(),
    );
  });

  it('counts NRT chats against the NRT limit', () => {
    const r = planPlacements(
      [chat('1', [], 'nrt'), chat('2', [], 'nrt'), chat('3')],
      [agent('a', { nrtLimit: 1, liveLimit: 1 })],
      now,
    );
    expect(placed(r)).toEqual(['1>a', '3>a']);
  });

  it('never places a chat twice, never on an unavailable agent, never over a limit', () => {
    const candidate = fc.record({
      userId: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
      liveChats: fc.nat(4),
      nrtChats: fc.nat(4),
      liveLimit: fc.option(fc.integer({ min: 1, max: 6 }), { nil: null }),
      nrtLimit: fc.option(fc.integer({ min: 1, max: 6 }), { nil: null }),
      lastAssignedAt: fc.constant(null),
    });
    const method = fc.constantFrom<RoutingMethod>(
      'random',
      'least_chats',
      'most_space',
      'sequential',
      'most_chats',
    );
    const lvl = fc.record({
      id: fc.constantFrom('L1', 'L2'),
      index: fc.nat(2),
      method,
      lastUserId: fc.constant(null),
      userIds: fc.subarray(['a', 'b', 'c', 'd', 'e', 'x']),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(candidate, { selector: (c) => c.userId }),
        fc.array(
          fc.record({
            mode: fc.constantFrom<'live' | 'nrt'>('live', 'nrt'),
            levels: fc.array(lvl, { maxLength: 2 }),
          }),
          {
            maxLength: 40,
          },
        ),
        (agents, chats) => {
          const r = planPlacements(
            chats.map((c, i) => ({ id: String(i), ...c })),
            agents,
            now,
          );
          expect(new Set(r.placements.map((p) => p.chatId)).size).toBe(r.placements.length);
          const count = new Map<string, { live: number; nrt: number }>();
          for (const p of r.placements) {
            const c = chats[Number(p.chatId)]!;
            const base = agents.find((a) => a.userId === p.agentId);
            expect(base).toBeDefined();
            if (p.level) expect(p.level.userIds).toContain(p.agentId);
            const n = count.get(p.agentId) ?? { live: base!.liveChats, nrt: base!.nrtChats };
            n[c.mode]++;
            count.set(p.agentId, n);
            const limit = c.mode === 'live' ? base!.liveLimit : base!.nrtLimit;
            if (limit !== null)
              expect(n[c.mode]).toBeLessThanOrEqual(
                Math.max(limit, c.mode === 'live' ? base!.liveChats : base!.nrtChats),
              );
          }
        },
      ),
    );
  });
});
