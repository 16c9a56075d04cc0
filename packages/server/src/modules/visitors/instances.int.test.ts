import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BeaconResponse, HandInviteResult, LiveVisitorList, WebsiteList } from '@parley/protocol';
import { ADMIN, TestClient } from '../../../test/harness.js';
import { sharedDatabase, startInstance, stopInstance, type Instance } from '../../../test/instances.js';
import { cid } from '../../../test/ws-client.js';

// TLS-6 / INV-6 across instances (PostgreSQL + Redis; CI's second pass): a page view recorded on one instance and
// heartbeats on the other (unknown there: checked in the database once, then known), and a hand invite made on
// one instance reaching heartbeats answered from another's memory (through the bus).
const enabled = Boolean(process.env.DATABASE_URL && process.env.REDIS_URL);

describe.runIf(enabled)('visitor monitoring on two instances', () => {
  let db: Awaited<ReturnType<typeof sharedDatabase>>;
  let a: Instance;
  let b: Instance;
  let siteId: string;

  beforeAll(async () => {
    db = await sharedDatabase();
    const env = { DATABASE_URL: db.url, REDIS_URL: process.env.REDIS_URL!, REDIS_PREFIX: `test:${cid()}:` };
    a = await startInstance(env);
    b = await startInstance(env);
    const admin = await TestClient.login(a.url, ADMIN.email, ADMIN.password);
    siteId = (await admin.get<WebsiteList>('/api/websites')).body.items[0]!.id;
  }, 120_000);

  afterAll(async () => {
    if (a) await stopInstance(a);
    if (b) await stopInstance(b);
    await db?.drop();
  });

  const beacon = async (i: Instance, body: object) => {
    const res = await fetch(`${i.url}/widget/beacon`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: 'http://localhost:8080' },
      body: JSON.stringify({ site: siteId, ...body }),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as BeaconResponse;
  };

  it('heartbeats on either instance; an invite made on one is answered by the other', async () => {
    const page = await beacon(a, { url: 'http://localhost:8080/two', title: 'Two' });
    const hb = { token: page.token, view: page.view };
    expect(await beacon(b, hb)).toEqual({}); // unknown on b: checked in the database, known from now on
    const admin = await TestClient.login(b.url, ADMIN.email, ADMIN.password);
    const row = (await admin.get<LiveVisitorList>('/api/visitors/live')).body.items.find((i) =>
      i.currentUrl.endsWith('/two'),
    )!;
    const invited = await admin.post<HandInviteResult>(`/api/visitors/${row.visitorId}/invite`);
    expect(invited.status).toBe(201);
    // Both know the page view in memory now: the invite, made on b, reached both over the bus.
    await expect.poll(async () => (await beacon(b, hb)).invite?.id, { timeout: 5000 }).toBe(invited.body.id);
    await expect.poll(async () => (await beacon(a, hb)).invite?.id, { timeout: 5000 }).toBe(invited.body.id);
    // Shown (told to a): neither instance delivers it again.
    const shown = await fetch(
      `${a.url}/widget/invite-events?${new URLSearchParams({ site: siteId, invite: invited.body.id, event: 'shown', token: page.token! })}`,
      { method: 'POST' },
    );
    expect(shown.status).toBe(204);
    await expect.poll(async () => (await beacon(b, hb)).invite, { timeout: 5000 }).toBeUndefined();
    expect((await beacon(a, hb)).invite).toBeUndefined();
  });
});
