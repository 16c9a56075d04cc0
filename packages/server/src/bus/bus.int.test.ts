import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Bus } from './bus.js';
import { createMemoryBus } from './memory.js';
import { createRedisBus } from './redis.js';

// The bus under the realtime fan-out (CON-2, DESIGN "several instances"): own handlers are reached directly and
// in publish order, after the publisher's tick; other instances through Redis; an instance never gets its own
// message twice.
const open: Bus[] = [];
afterEach(async () => {
  for (const b of open.splice(0)) await b.close();
});

const tick = () => new Promise((r) => setImmediate(r));
async function until(pred: () => boolean) {
  for (let i = 0; i < 200 && !pred(); i++) await new Promise((r) => setTimeout(r, 10));
}

function checksOneInstance(make: () => Promise<Bus>) {
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
    await new Promise((r) => setTimeout(r, 50)); // and not again later (through Redis)
    expect(got).toEqual([{ i: 0 }, { i: 1 }, { i: 2 }, { i: 3 }, { i: 4 }, ['b', { i: 'x' }]]);
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
  checksOneInstance(async () => {
    const bus = createMemoryBus();
    open.push(bus);
    return bus;
  });
});

const redisUrl = process.env.REDIS_URL;
describe.skipIf(!redisUrl)('Redis bus (two instances)', () => {
  const prefix = `test:${randomUUID()}:`;
  const make = async () => {
    const bus = await createRedisBus(redisUrl!, prefix, () => {});
    open.push(bus);
    return bus;
  };
  checksOneInstance(make);

  it("reaches the other instance's handlers through Redis, each publisher's messages in order", async () => {
    const one = await make();
    const two = await make();
    const atOne: unknown[] = [];
    const atTwo: unknown[] = [];
    await one.subscribe('chat:x', (m) => atOne.push(m));
    await two.subscribe('chat:x', (m) => atTwo.push(m));
    for (let i = 0; i < 20; i++) await one.publish('chat:x', { i, text: `<b>${i}</b> ü` });
    await two.publish('chat:x', { from: 'two' });
    await until(() => atOne.length >= 21 && atTwo.length >= 21);
    await new Promise((r) => setTimeout(r, 50));
    const sent = Array.from({ length: 20 }, (_, i) => ({ i, text: `<b>${i}</b> ü` }));
    // Each publisher's messages in its order; between instances there is no order (receivers read the
    // database for that), so the other instance's message may come anywhere.
    for (const got of [atOne, atTwo]) {
      expect(got.filter((m) => 'i' in (m as object))).toEqual(sent);
      expect(got.filter((m) => 'from' in (m as object))).toEqual([{ from: 'two' }]);
    }
  });
});
