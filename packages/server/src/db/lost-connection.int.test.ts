import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { WebsiteList } from '@parley/protocol';
import { ADMIN, TestClient } from '../../test/harness.js';
import { exitOf, sharedDatabase, startInstance, stopInstance, type Instance } from '../../test/instances.js';
import { deliveredOnce, ResilientClient } from '../../test/resilient-client.js';
import { TcpProxy } from '../../test/tcp-proxy.js';
import { wsUrl } from '../../test/ws-client.js';

// Issue 10.1: a lost PostgreSQL connection fails the statement, never the process. The instance is a real server
// process (as `npm start` runs it) on its own copy of the template database; the clients behave like the widget
// and the console (they resend what was not acknowledged). PostgreSQL only: PGlite has no connection to lose.
const enabled = Boolean(process.env.DATABASE_URL);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const alive = (i: Instance) => i.proc.exitCode === null && i.proc.signalCode === null;

async function readyStatus(i: Instance): Promise<number> {
  try {
    return (await fetch(`${i.url}/readyz`)).status;
  } catch (err) {
    throw new Error(`/readyz failed; the instance said: ${i.output.join('').slice(-4000)}`, { cause: err });
  }
}

async function until(what: string, pred: () => Promise<boolean> | boolean, timeoutMs: number) {
  const end = Date.now() + timeoutMs;
  while (!(await pred())) {
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await sleep(100);
  }
}

/** An agent (the Demo manager) and `n` visitors, each visitor in a chat with the agent. */
async function conversations(i: Instance, n: number) {
  const admin = await TestClient.login(i.url, ADMIN.email, ADMIN.password);
  const siteId = (await admin.get<WebsiteList>('/api/websites')).body.items[0]!.id;
  const agent = ResilientClient.agent(
    () => wsUrl(i.url, '/ws/agent'),
    admin.cookie,
    () => i.url,
  );
  await agent.start();
  const visitors = Array.from({ length: n }, () =>
    ResilientClient.visitor(() => wsUrl(i.url, `/ws/visitor?site=${siteId}`)),
  );
  const chats: string[] = [];
  for (const [k, v] of visitors.entries()) {
    await v.start();
    chats.push(await v.startChat(`v${k} starts`));
  }
  for (const chatId of chats) await agent.untilTranscript(chatId, (e) => e.length > 0);
  return { admin, agent, visitors, chats, clients: [agent, ...visitors] };
}

function expectDeliveredOnce(c: Awaited<ReturnType<typeof conversations>>) {
  const problems: string[] = [];
  for (const [k, v] of c.visitors.entries()) {
    const chatId = c.chats[k]!;
    problems.push(...deliveredOnce(v, [c.agent, v], chatId, 'visitor'));
    problems.push(...deliveredOnce(c.agent, [v, c.agent], chatId, 'agent'));
  }
  for (const client of c.clients) problems.push(...client.problems);
  expect(problems).toEqual([]);
}

describe.runIf(enabled)(
  'a lost database connection (needs DATABASE_URL: PGlite has no connection to lose)',
  () => {
    const cleanup: (() => Promise<void> | void)[] = [];
    afterEach(async () => {
      for (const f of cleanup.splice(0).reverse()) await f();
    });

    it('pg_terminate_backend under chat traffic: the instance stays up, every message is stored and delivered once', async () => {
      const db = await sharedDatabase();
      cleanup.push(() => db.drop());
      // One instance with the in-process bus: this is about the database.
      const i = await startInstance({ DATABASE_URL: db.url, REDIS_URL: undefined });
      cleanup.push(() => stopInstance(i));
      const c = await conversations(i, 5);
      cleanup.push(() => c.clients.forEach((x) => x.stop()));

      let terminated = 0;
      for (let round = 0; round < 30; round++) {
        for (const [k, v] of c.visitors.entries()) {
          v.send(c.chats[k]!, `v${k}-${round}`);
          c.agent.send(c.chats[k]!, `a${k}-${round}`);
        }
        // Mid-traffic, twice: every server connection of this test's database (and only of this one).
        if (round === 8 || round === 20) terminated += await db.terminateBackends();
        // Not a synchronisation: the traffic's pace, so that the terminations land while statements are in
        // flight. What follows waits for every ack and transcript.
        await sleep(60);
      }
      const exited = exitOf([i]);
      exited.catch(() => {});
      await Promise.race([
        (async () => {
          for (const client of c.clients) await client.allAcked();
          for (const [k, v] of c.visitors.entries()) {
            await c.agent.untilTranscript(
              c.chats[k]!,
              () => c.agent.texts(c.chats[k]!, 'visitor').length >= 31,
            );
            await v.untilTranscript(c.chats[k]!, () => v.texts(c.chats[k]!, 'agent').length >= 30);
          }
        })(),
        exited,
      ]);
      expect(terminated).toBeGreaterThan(0);
      expect(alive(i)).toBe(true);
      expect(await readyStatus(i)).toBe(200);
      expectDeliveredOnce(c);
      expect(i.output.join('')).not.toMatch(/Unhandled 'error' event|uncaught/i);
      console.log(
        `terminated ${terminated} backends; messages refused and sent again: ${c.clients.reduce((n, x) => n + x.retried, 0)}`,
      );
    }, 120_000);

    describe('a 15 s network cut between the instance and PostgreSQL', () => {
      let db: Awaited<ReturnType<typeof sharedDatabase>>;
      let proxy: TcpProxy;
      let i: Instance;
      beforeAll(async () => {
        db = await sharedDatabase();
        const target = new URL(db.url);
        proxy = await new TcpProxy(target.hostname, Number(target.port || 5432)).listen();
        const viaProxy = new URL(db.url);
        viaProxy.host = `127.0.0.1:${proxy.port}`;
        i = await startInstance({ DATABASE_URL: viaProxy.toString(), REDIS_URL: undefined });
      }, 120_000);
      afterAll(async () => {
        if (i) await stopInstance(i);
        await proxy?.close();
        await db?.drop();
      });

      it('/readyz is 503 during the cut and 200 soon after; REST says 503; messages sent meanwhile arrive after', async () => {
        const c = await conversations(i, 2);
        cleanup.push(() => c.clients.forEach((x) => x.stop()));
        for (const [k, v] of c.visitors.entries()) v.send(c.chats[k]!, `v${k}-before`);
        for (const client of c.clients) await client.allAcked();

        proxy.cut();
        const cutAt = Date.now();
        await until('/readyz says 503', async () => (await readyStatus(i)) === 503, 30_000);
        const me = await c.admin.get<{ error: { code: string; message: string } }>('/api/me');
        expect(me.status).toBe(503);
        expect(me.body.error.code).toBe('unavailable');
        expect(me.body.error.message).toMatch(/database/);
        // Messages sent during the cut: refused as `unavailable` (not acked), sent again by the clients.
        for (const [k, v] of c.visitors.entries()) {
          v.send(c.chats[k]!, `v${k}-during`);
          c.agent.send(c.chats[k]!, `a${k}-during`);
        }
        // The scenario is a cut of 15 s (a real duration, not a wait for something): /readyz is sampled all
        // along it, and must say 503 every time while the process stays up.
        const statuses = new Set<number>();
        while (Date.now() - cutAt < 15_000) {
          statuses.add(await readyStatus(i));
          await sleep(500);
        }
        expect([...statuses]).toEqual([503]);
        expect(c.clients.every((x) => x.unacked > 0)).toBe(true);
        expect(alive(i)).toBe(true);

        proxy.restore();
        const restoredAt = Date.now();
        await until('/readyz says 200 again', async () => (await readyStatus(i)) === 200, 30_000);
        const readyAfterMs = Date.now() - restoredAt;
        for (const client of c.clients) await client.allAcked(30_000);
        for (const [k, v] of c.visitors.entries()) {
          await c.agent.untilTranscript(c.chats[k]!, () => c.agent.texts(c.chats[k]!, 'visitor').length >= 3);
          await v.untilTranscript(c.chats[k]!, () => v.texts(c.chats[k]!, 'agent').length >= 1);
        }
        expect((await c.admin.get('/api/me')).status).toBe(200);
        expect(alive(i)).toBe(true);
        expectDeliveredOnce(c);
        console.log(
          `ready again ${readyAfterMs} ms after the network came back; refusals sent again: ${c.clients.reduce((n, x) => n + x.retried, 0)}`,
        );
      }, 90_000);
    });
  },
);
