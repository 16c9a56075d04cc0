import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Bus } from './bus.js';
import { createMemoryBus } from './memory.js';
import { createRedisBus } from './redis.js';
import { eventually } from '../../test/wait.js';

// The bus under the realtime fan-out (CON-2, DESIGN "several instances"): own handlers are reached directly and
// in publish order, after the publisher's tick; other instances through Redis; an instance never gets its own
// message twice.
const open: Bus[] = [];
afterEach(async () => {
  for (const b of open.splice(0)) await b.close();
});

const tick = () => new Promise((r) => setImmediate(r));
const until = (what: string, pred: () => boolean) => eventually(what, pred, { everyMs: 5 });
const isFence = (m: unknown) => typeof m === 'object' && m !== null && 'fence' in m;

/**
 * Waits until everything published on `channel` before now has reached `got`, however it travels: a fence
 * message published after it arrives after it (own handlers in publish order; Redis delivers in the order it
 * received the publishes).
 */
type Fence = (bus: Bus, channel: string, got: unknown[]) => Promise<void>;

function checksOneInstance(make: () => Promise<Bus>, fence: Fence) {
  it('delivers to own handlers after the current tick, in publish order, each message once', async () => {
    const bus = await make();
    const got: unknown[] = [];
    await bus.subscribe('chat:a', (m) => got.push(m));
    await bus.subscribe('chat:b', (m) => got.push(['b', m]));
    for (let i = 0; i < 5; i++) void bus.publish('chat:a', { i });
    void bus.publish('chat:b', { i: 'x' });
    void bus.publish('chat:nobody', { i: 'y' });
    expect(got).toEqual([]); // not inside the publisher's own code
    await tick();
    expect(got).toEqual([{ i: 0 }, { i: 1 }, { i: 2 }, { i: 3 }, { i: 4 }, ['b', { i: 'x' }]]);
    // And not again later (through Redis).
    await fence(bus, 'chat:a', got);
    expect(got.filter((m) => !isFence(m))).toEqual([
      { i: 0 },
      { i: 1 },
      { i: 2 },
      { i: 3 },
      { i: 4 },
      ['b', { i: 'x' }],
    ]);
  });

  it('stops delivering after unsubscribing; a throwing handler does not stop the others', async () => {
    const bus = await make();
    const got: string[] = [];
    const off = await bus.subscribe('c', () => got.push('first'));
    await bus.subscribe('c', () => {
      throw new Error('handler bug');
    });
    await bus.subscribe('c', () => got.push('third'));
    await bus.publish('c', {});
    await tick();
    expect(got).toEqual(['first', 'third']);
    await off();
    await bus.publish('c', {});
    await tick();
    expect(got).toEqual(['first', 'third', 'third']);
  });
}

describe('memory bus', () => {
  checksOneInstance(
    async () => {
      const bus = createMemoryBus();
      open.push(bus);
      return bus;
    },
    // One process: its own publish is the only way in.
    async (bus, channel, got) => {
      const id = randomUUID();
      await bus.publish(channel, { fence: id });
      await until('the fence', () => got.some((m) => isFence(m) && (m as { fence: string }).fence === id));
    },
  );
});

const redisUrl = process.env.REDIS_URL;
describe.skipIf(!redisUrl)('Redis bus (two instances)', () => {
  const prefix = `test:${randomUUID()}:`;
  const make = async () => {
    const bus = await createRedisBus(redisUrl!, prefix, () => {});
    open.push(bus);
    return bus;
  };
  // Another instance publishes the fence: it reaches this one through Redis, after any echo of its own.
  const fence: Fence = async (_bus, channel, got) => {
    const other = await make();
    const id = randomUUID();
    await other.publish(channel, { fence: id });
    await until('the fence', () => got.some((m) => isFence(m) && (m as { fence: string }).fence === id));
  };
  checksOneInstance(make, fence);

  it("reaches the other instance's handlers through Redis, each publisher's messages in order", async () => {
    const one = await make();
    const two = await make();
    const atOne: unknown[] = [];
    const atTwo: unknown[] = [];
    await one.subscribe('chat:x', (m) => atOne.push(m));
    await two.subscribe('chat:x', (m) => atTwo.push(m));
    for (let i = 0; i < 20; i++) await one.publish('chat:x', { i, text: `<b>${i}</b> ü` });
    await two.publish('chat:x', { from: 'two' });
    // Fences from both publishers: once both reached both instances, nothing sent before them is still coming.
    await one.publish('chat:x', { fence: 'one' });
    await two.publish('chat:x', { fence: 'two' });
    const fenced = (got: unknown[]) => got.filter(isFence).length === 2;
    await until('both fences at both instances', () => fenced(atOne) && fenced(atTwo));
    for (const got of [atOne, atTwo]) got.splice(0, got.length, ...got.filter((m) => !isFence(m)));
    const sent = Array.from({ length: 20 }, (_, i) => ({ i, text: `<b>${i}</b> ü` }));
    // Each publisher's messages in its order; between instances there is no order (receivers read the
    // database for that), so the other instance's message may come anywhere.
    for (const got of [atOne, atTwo]) {
      expect(got.filter((m) => 'i' in (m as object))).toEqual(sent);
      expect(got.filter((m) => 'from' in (m as object))).toEqual([{ from: 'two' }]);
    }
  });
});
