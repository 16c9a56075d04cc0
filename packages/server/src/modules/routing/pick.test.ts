import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { pickOrder } from './pick.js';
import type { AgentLoad } from './repo.js';

const agent = (userId: string, o: Partial<AgentLoad> = {}): AgentLoad => ({
  userId,
  liveChats: 0,
  nrtChats: 0,
  liveLimit: null,
  nrtLimit: null,
  lastAssignedAt: null,
  ...o,
});

describe('pickOrder (RTE-3 basics)', () => {
  it('skips agents at their live limit, offers the least busy first', () => {
    const order = pickOrder(
      [
        agent('a', { liveChats: 2, liveLimit: 2 }),
        agent('b', { liveChats: 1 }),
        agent('c', { liveChats: 0, liveLimit: 3 }),
      ],
      'live',
    );
    expect(order).toEqual(['c', 'b']);
  });

  it('counts NRT chats against the NRT limit only', () => {
    const agents = [
      agent('a', { liveChats: 5, liveLimit: 5, nrtChats: 0, nrtLimit: 1 }),
      agent('b', { nrtChats: 1, nrtLimit: 1 }),
    ];
    expect(pickOrder(agents, 'nrt')).toEqual(['a']);
    expect(pickOrder(agents, 'live')).toEqual(['b']);
  });

  it('breaks ties by who has waited longest since their last chat', () => {
    const order = pickOrder(
      [
        agent('a', { lastAssignedAt: new Date(2000) }),
        agent('b', { lastAssignedAt: new Date(1000) }),
        agent('c'),
      ],
      'live',
    );
    expect(order).toEqual(['c', 'b', 'a']);
  });

  it('never offers a full agent, and offers every agent with room', () => {
    const arb = fc.uniqueArray(
      fc.record({
        userId: fc.uuid(),
        liveChats: fc.nat(10),
        nrtChats: fc.nat(10),
        liveLimit: fc.option(fc.integer({ min: 1, max: 10 }), { nil: null }),
        nrtLimit: fc.option(fc.integer({ min: 1, max: 10 }), { nil: null }),
        lastAssignedAt: fc.option(fc.date({ noInvalidDate: true }), { nil: null }),
      }),
      { maxLength: 20, selector: (a) => a.userId },
    );
    fc.assert(
      fc.property(arb, fc.constantFrom('live' as const, 'nrt' as const), (agents, mode) => {
        const order = pickOrder(agents, mode);
        const room = agents.filter((a) => {
          const [load, limit] = mode === 'live' ? [a.liveChats, a.liveLimit] : [a.nrtChats, a.nrtLimit];
          return limit === null || load < limit;
        });
        expect(new Set(order)).toEqual(new Set(room.map((a) => a.userId)));
      }),
    );
  });
});
