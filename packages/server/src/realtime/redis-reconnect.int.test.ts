import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebsiteList } from '@parley/protocol';
import { ADMIN, TestClient } from '../../test/harness.js';
import {
  killRedisConnections,
  sharedDatabase,
  startInstance,
  stopInstance,
  type Instance,
} from '../../test/instances.js';
import { deliveredOnce, ResilientClient } from '../../test/resilient-client.js';
import { cid, wsUrl } from '../../test/ws-client.js';

// Issue 10.2: Redis pub/sub loses what is published while a connection is down. An instance whose Redis
// connections come back (and every instance, when one's publisher comes back) catches its sockets up from the
// database, so a stored message reaches the other side within seconds without any later event.
const enabled = Boolean(process.env.DATABASE_URL && process.env.REDIS_URL);

describe.runIf(enabled)('Redis connections killed (two instances; needs DATABASE_URL and REDIS_URL)', () => {
  const prefix = `test:${cid()}:`;
  let db: Awaited<ReturnType<typeof sharedDatabase>>;
  let a: Instance;
  let b: Instance;
  const clients: ResilientClient[] = [];

  beforeAll(async () => {
    db = await sharedDatabase();
    const env = { DATABASE_URL: db.url, REDIS_URL: process.env.REDIS_URL!, REDIS_PREFIX: prefix };
    a = await startInstance(env);
    b = await startInstance(env);
  }, 120_000);

  afterAll(async () => {
    for (const c of clients) c.stop();
    if (a) await stopInstance(a);
    if (b) await stopInstance(b);
    await db?.drop();
  });

  it('what is sent in the first milliseconds after the kill reaches the other instance’s socket, with no later event', async () => {
    const admin = await TestClient.login(b.url, ADMIN.email, ADMIN.password);
    const siteId = (await admin.get<WebsiteList>('/api/websites')).body.items[0]!.id;
    const agent = ResilientClient.agent(
      () => wsUrl(b.url, '/ws/agent'),
      admin.cookie,
      () => b.url,
    );
    const visitor = ResilientClient.visitor(() => wsUrl(a.url, `/ws/visitor?site=${siteId}`));
    clients.push(agent, visitor);
    await agent.start();
    await visitor.start();
    const chatId = await visitor.startChat('hello from A');
    await agent.untilTranscript(chatId, () => agent.texts(chatId, 'visitor').includes('hello from A'));

    for (const [victim, name] of [
      [a, 'A'],
      [b, 'B'],
    ] as const) {
      const killed = await killRedisConnections(prefix, victim.proc.pid!);
      expect(killed.some((n) => n.includes('bus-sub'))).toBe(true);
      expect(killed.some((n) => n.includes('bus-pub'))).toBe(true);
      // At once: B's agent and A's visitor each send one message, and then nothing happens in the chat.
      const toVisitor = `B → A right after ${name}'s connections were killed`;
      const toAgent = `A → B right after ${name}'s connections were killed`;
      agent.send(chatId, toVisitor);
      visitor.send(chatId, toAgent);
      await visitor.untilTranscript(chatId, () => visitor.texts(chatId, 'agent').includes(toVisitor), 10_000);
      await agent.untilTranscript(chatId, () => agent.texts(chatId, 'visitor').includes(toAgent), 10_000);
    }
    expect(a.proc.exitCode).toBeNull();
    expect(b.proc.exitCode).toBeNull();
    expect([
      ...deliveredOnce(visitor, [agent, visitor], chatId, 'visitor'),
      ...deliveredOnce(agent, [visitor, agent], chatId, 'agent'),
      ...agent.problems,
      ...visitor.problems,
    ]).toEqual([]);
  }, 60_000);
});
