// TLS-6 visitor monitoring and INV-6 hand invites, through the real routes: the loader's beacon (page views,
// heartbeats), what is stored (device, source, IP only with the account's opt-in, country from a trusted proxy
// header), the Visitors list and its live updates on the agent socket, account isolation, and an agent's invite
// reaching the visitor in a heartbeat's answer and turning into a proactive chat with that agent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AgentServerFrame,
  BeaconResponse,
  HandInviteResult,
  LiveVisitorList,
  VisitorServerFrame,
  WebsiteList,
} from '@parley/protocol';
import { createAccount } from '../../bootstrap.js';
import { startTestApp, TestClient, type TestApp } from '../../../test/harness.js';
import { cid, WsClient, wsUrl } from '../../../test/ws-client.js';

const CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36';
const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1';
const origin = 'http://localhost:8080';

let t: TestApp;
let siteId: string;
let other: { siteId: string; client: TestClient };
beforeAll(async () => {
  t = await startTestApp({ VISITOR_COUNTRY_HEADER: 'CF-IPCountry' });
  siteId = (await t.admin.get<WebsiteList>('/api/websites')).body.items.find(
    (s) => s.host === 'localhost',
  )!.id;
  const created = await createAccount(db(), {
    name: 'Other Co',
    host: 'www.other.example',
    manager: { email: 'boss@other.example', password: 'other-password', firstName: 'O', lastName: 'Boss' },
  });
  other = {
    siteId: created.website.id,
    client: await TestClient.login(t.url, 'boss@other.example', 'other-password'),
  };
});
afterAll(() => t?.close());

const db = () => t.runtime.app.db;

async function beacon(
  body: Record<string, unknown> | string,
  headers: Record<string, string> = {},
): Promise<{
  status: number;
  body: BeaconResponse & { error?: { code: string; fields?: Record<string, string> } };
}> {
  const res = await fetch(`${t.url}/widget/beacon`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain;charset=UTF-8', origin, 'user-agent': CHROME, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as never };
}

const pageView = (page: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  beacon(
    { site: siteId, url: `http://localhost:8080${page}`, title: `Title ${page}`, referrer: '', ...extra },
    headers,
  );

describe('TLS-6: the beacon records page views and heartbeats', () => {
  it('a new visitor: a token, a visit with device, browser and source, the page view; then the click path', async () => {
    const first = await pageView('/shop?utm_source=newsletter&utm_medium=email&x=1', {
      referrer: 'https://www.google.com/search?q=parley',
    });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ view: expect.any(Number), token: expect.any(String) });
    const token = first.body.token!;
    // The token is stored hashed, never as it is.
    const visitor = await db()
      .selectFrom('visitors')
      .selectAll()
      .where('token_hash', '!=', token)
      .orderBy('first_seen_at', 'desc')
      .executeTakeFirstOrThrow();
    const visit = await db()
      .selectFrom('visits')
      .selectAll()
      .where('visitor_id', '=', visitor.id)
      .executeTakeFirstOrThrow();
    expect(visit).toMatchObject({
      browser: 'Chrome 130',
      os: 'Windows 10',
      device: 'desktop',
      referrer: 'https://www.google.com/search?q=parley',
      utm: { utm_source: 'newsletter', utm_medium: 'email' },
      ip: null, // not kept: the account did not opt in
      country: '',
      page_views: 1,
    });
    // The next page of the same visitor: the same visit, a second page view.
    const second = await pageView('/shop/cart', { token, referrer: 'http://localhost:8080/shop' });
    expect(second.body.token).toBeUndefined();
    expect(second.body.view).toBeGreaterThan(first.body.view!);
    const views = await db()
      .selectFrom('page_views')
      .select(['url', 'title', 'last_seen_at'])
      .where('visit_id', '=', visit.id)
      .orderBy('id')
      .execute();
    expect(views.map((v) => v.url)).toEqual([
      'http://localhost:8080/shop?utm_source=newsletter&utm_medium=email&x=1',
      'http://localhost:8080/shop/cart',
    ]);
    expect(views[1]!.last_seen_at).toBeNull();

    // A heartbeat: the page's last sign and the visit's last seen move on.
    const before = (
      await db()
        .selectFrom('visits')
        .select('last_seen_at')
        .where('id', '=', visit.id)
        .executeTakeFirstOrThrow()
    ).last_seen_at;
    await new Promise((r) => setTimeout(r, 20));
    const hb = await beacon({ site: siteId, token, view: second.body.view });
    expect(hb).toEqual({ status: 200, body: {} });
    // Written with the next batch (every 0.5 s), not by the heartbeat itself.
    const after = () =>
      db()
        .selectFrom('visits')
        .select(['last_seen_at', 'page_views'])
        .where('id', '=', visit.id)
        .executeTakeFirstOrThrow();
    await expect.poll(async () => +(await after()).last_seen_at, { timeout: 6000 }).toBeGreaterThan(+before);
    expect((await after()).page_views).toBe(2);
    const seen = await db()
      .selectFrom('page_views')
      .select('last_seen_at')
      .where('id', '=', second.body.view!)
      .executeTakeFirstOrThrow();
    expect(seen.last_seen_at).not.toBeNull();
    // The page is left: the last heartbeat, the same answer.
    expect((await beacon({ site: siteId, token, view: second.body.view, end: true })).status).toBe(200);
  });

  it('a heartbeat of a page view that is not the token’s, or of a visit that ended, asks for the page view again', async () => {
    const a = await pageView('/a');
    const b = await pageView('/b');
    // b's token with a's page view: nothing is written.
    expect((await beacon({ site: siteId, token: b.body.token, view: a.body.view })).body).toEqual({
      again: true,
    });
    expect((await beacon({ site: siteId, token: a.body.token, view: 999_999_999 })).body).toEqual({
      again: true,
    });
    // A visit idle for more than 30 minutes has ended: its heartbeat does not bring it back — whether the page view
    // is known in memory (a clock 31 minutes on) or read from the database (another instance's memory).
    const { Heartbeats } = await import('./heartbeats.js');
    let clock = Date.now();
    const log = { warn: () => undefined };
    const memory = new Heartbeats(db(), t.runtime.app.bus, log, { flushMs: 1e9, now: () => clock });
    const visitId = (
      await db()
        .selectFrom('page_views')
        .select('visit_id')
        .where('id', '=', a.body.view!)
        .executeTakeFirstOrThrow()
    ).visit_id;
    const visitorId = (
      await db().selectFrom('visits').select('visitor_id').where('id', '=', visitId).executeTakeFirstOrThrow()
    ).visitor_id;
    memory.remember(a.body.view!, { token: a.body.token!, websiteId: siteId, visitId, visitorId });
    expect(await memory.beat(siteId, a.body.token!, a.body.view!)).toEqual({ again: false, invite: null });
    clock += 31 * 60_000;
    expect(await memory.beat(siteId, a.body.token!, a.body.view!)).toEqual({ again: true });
    await memory.close();
    await db()
      .updateTable('visits')
      .set({ last_seen_at: new Date(Date.now() - 31 * 60_000) })
      .where('id', '=', visitId)
      .execute();
    const fresh = new Heartbeats(db(), t.runtime.app.bus, log, { flushMs: 1e9 });
    expect(await fresh.beat(siteId, a.body.token!, a.body.view!)).toEqual({ again: true });
    await fresh.close();
    // Its next page view starts a new visit.
    const again = await pageView('/a2', { token: a.body.token });
    const visits = await db()
      .selectFrom('visits')
      .innerJoin('page_views', 'page_views.visit_id', 'visits.id')
      .select('visits.id')
      .where('page_views.id', 'in', [a.body.view!, again.body.view!])
      .execute();
    expect(new Set(visits.map((v) => v.id)).size).toBe(2);
  });

  it('keeps the IP address only when the account opts in, and the country only from the trusted header', async () => {
    const off = await pageView('/ip-off', {}, { 'cf-ipcountry': 'nl' });
    const visitOf = async (view: number) =>
      db()
        .selectFrom('visits')
        .innerJoin('page_views', 'page_views.visit_id', 'visits.id')
        .select(['visits.ip', 'visits.country'])
        .where('page_views.id', '=', view)
        .executeTakeFirstOrThrow();
    expect(await visitOf(off.body.view!)).toEqual({ ip: null, country: 'NL' });
    const on = await t.admin.patch<{ storeVisitorIp: boolean }>('/api/account', { storeVisitorIp: true });
    expect(on.body.storeVisitorIp).toBe(true);
    try {
      const kept = await pageView('/ip-on', {}, { 'cf-ipcountry': 'XX' });
      expect(await visitOf(kept.body.view!)).toEqual({ ip: '127.0.0.1', country: '' });
    } finally {
      await t.admin.patch('/api/account', { storeVisitorIp: false });
    }
    expect((await t.admin.get<{ storeVisitorIp: boolean }>('/api/account')).body.storeVisitorIp).toBe(false);
  });

  it('refuses bad input with 400 naming the field, an unknown site with 404, a foreign page with 403', async () => {
    const bad = await beacon('{"site":');
    expect(bad.status).toBe(400);
    expect((await beacon({ site: 'nope', url: 'x' })).body.error?.fields).toHaveProperty('site');
    expect((await beacon({ site: siteId })).body.error?.fields).toHaveProperty('url');
    expect((await beacon({ site: siteId, view: 1 })).body.error?.fields).toHaveProperty('token');
    expect((await beacon({ site: siteId, url: 'http://x/\u0000' })).status).toBe(400);
    expect((await beacon({ site: siteId, token: 'x', view: -1 })).status).toBe(400);
    expect((await beacon({ site: '00000000-0000-4000-8000-000000000000', url: 'http://x/' })).status).toBe(
      404,
    );
    expect((await pageView('/', {}, { origin: 'https://evil.example' })).status).toBe(403);
    // Nothing of the refused ones was stored.
    const stored = await db().selectFrom('page_views').select('id').where('url', '=', 'http://x/').execute();
    expect(stored).toEqual([]);
  });

  it('limits beacons per visitor', async () => {
    const t2 = await startTestApp({ BEACONS_PER_VISITOR_PER_MINUTE: '3' });
    try {
      const site = (await t2.admin.get<WebsiteList>('/api/websites')).body.items[0]!.id;
      const send = (body: object) =>
        fetch(`${t2.url}/widget/beacon`, {
          method: 'POST',
          headers: { 'content-type': 'text/plain', origin },
          body: JSON.stringify(body),
        });
      const first = (await (await send({ site, url: 'http://localhost:8080/' })).json()) as BeaconResponse;
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++)
        statuses.push((await send({ site, token: first.token, view: first.view })).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
    } finally {
      await t2.close();
    }
  });
});

describe('TLS-6: the Visitors list', () => {
  it('lists the visitors seen in the last minute with page, source and device, per account only', async () => {
    const v = await pageView('/pricing?utm_source=ads&utm_campaign=spring', {}, { 'user-agent': IPHONE });
    const list = await t.admin.get<LiveVisitorList>('/api/visitors/live');
    expect(list.status).toBe(200);
    const row = list.body.items.find((i) =>
      i.currentUrl.endsWith('/pricing?utm_source=ads&utm_campaign=spring'),
    );
    expect(row).toMatchObject({
      host: 'localhost',
      currentTitle: 'Title /pricing?utm_source=ads&utm_campaign=spring',
      pageViews: 1,
      source: { kind: 'campaign', name: 'ads' },
      browser: 'Mobile Safari 17',
      os: 'iOS 17.0',
      device: 'mobile',
      chat: null,
      invite: null,
    });
    expect(v.status).toBe(200);
    // Another account sees none of them, and its own visitor is not in ours.
    const theirs = await fetch(`${t.url}/widget/beacon`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: 'https://www.other.example' },
      body: JSON.stringify({ site: other.siteId, url: 'https://www.other.example/secret' }),
    });
    expect(theirs.status).toBe(200);
    const otherList = await other.client.get<LiveVisitorList>('/api/visitors/live');
    expect(otherList.body.items.map((i) => i.currentUrl)).toEqual(['https://www.other.example/secret']);
    const ours = await t.admin.get<LiveVisitorList>('/api/visitors/live');
    expect(ours.body.items.some((i) => i.currentUrl.includes('other.example'))).toBe(false);
    // A visitor of our account cannot be invited by the other account.
    const cross = await other.client.post(`/api/visitors/${row!.visitorId}/invite`);
    expect(cross.status).toBe(404);
  });

  it('sends watching agents each page view live, and the agent of a chat a visitor.moved', async () => {
    const agent = await WsClient.open<AgentServerFrame>(wsUrl(t.url, '/ws/agent'), {
      headers: { cookie: t.admin.cookie, origin: t.url },
    });
    try {
      await agent.next('welcome');
      agent.send({ type: 'presence.set', status: 'available' });
      await agent.next('presence');
      agent.send({ type: 'visitors.watch', watch: true });
      // The subscription is in place once a later frame is answered.
      agent.send({ type: 'presence.set', status: 'available' });
      await agent.next('presence', undefined);
      const first = await pageView('/live-1');
      const up = await agent.next('visitor.upsert', (f) => f.visitor.currentUrl.endsWith('/live-1'));
      expect(up.visitor.pageViews).toBe(1);
      // The visitor starts a chat (the manager, available, gets it), then moves on: the chat's agent is told.
      const v = await WsClient.open<VisitorServerFrame>(wsUrl(t.url, `/ws/visitor?site=${siteId}`), {
        headers: { origin },
      });
      v.send({ type: 'hello', token: first.body.token, page: { url: 'http://localhost:8080/live-1' } });
      await v.next('welcome');
      const c = cid();
      v.send({ type: 'chat.start', cid: c, text: 'Hi' });
      const chatId = (await v.next('ack', (f) => f.cid === c)).chatId;
      await agent.next('chat.upsert', (f) => f.chat.id === chatId && f.chat.status === 'active');
      // The list shows at once that the visitor is in a chat, and with whom (no wait for its re-read).
      const inChat = await agent.next('visitor.upsert', (f) => f.visitor.chat?.id === chatId);
      expect(inChat.visitor.chat).toBeTruthy();
      await agent.next('visitor.upsert', (f) => f.visitor.chat?.id === chatId && !!f.visitor.chat.agentName);
      // One page view for /live-1: the frame's hello joined the beacon's.
      const views = await db()
        .selectFrom('page_views')
        .innerJoin('visits', 'visits.id', 'page_views.visit_id')
        .innerJoin('chats', 'chats.visit_id', 'visits.id')
        .select('page_views.url')
        .where('chats.id', '=', chatId)
        .execute();
      expect(views.map((p) => p.url)).toEqual(['http://localhost:8080/live-1']);
      await pageView('/live-2', { token: first.body.token });
      expect(await agent.next('visitor.moved', (f) => f.chatId === chatId)).toBeTruthy();
      const moved = await agent.next('visitor.upsert', (f) => f.visitor.currentUrl.endsWith('/live-2'));
      expect(moved.visitor).toMatchObject({ pageViews: 2, chat: { id: chatId } });
      // Not watching any more: no rows.
      agent.send({ type: 'visitors.watch', watch: false });
      agent.send({ type: 'presence.set', status: 'available' });
      await agent.next('presence', (f) => agent.frames.indexOf(f) > agent.frames.indexOf(moved));
      const count = agent.frames.length;
      await pageView('/live-3', { token: first.body.token });
      await agent.next('visitor.moved', (f) => agent.frames.indexOf(f) >= count);
      expect(agent.frames.slice(count).some((f) => f.type === 'visitor.upsert')).toBe(false);
      v.send({ type: 'chat.close', chatId });
      v.close();
    } finally {
      agent.close();
    }
  });
});

describe('INV-6: an agent invites a visitor from the Visitors list', () => {
  it('the invite comes with the next heartbeat, is recorded, and accepting starts a proactive chat with that agent', async () => {
    const agent = await WsClient.open<AgentServerFrame>(wsUrl(t.url, '/ws/agent'), {
      headers: { cookie: t.admin.cookie, origin: t.url },
    });
    try {
      await agent.next('welcome');
      agent.send({ type: 'presence.set', status: 'available' });
      await agent.next('presence');
      const page = await pageView('/invite-me');
      const token = page.body.token!;
      const visitorId = (await t.admin.get<LiveVisitorList>('/api/visitors/live')).body.items.find((i) =>
        i.currentUrl.endsWith('/invite-me'),
      )!.visitorId;
      // Before an invite, heartbeats carry nothing.
      expect((await beacon({ site: siteId, token, view: page.body.view })).body).toEqual({});
      const invited = await t.admin.post<HandInviteResult>(`/api/visitors/${visitorId}/invite`);
      expect(invited.status).toBe(201);
      expect(invited.body.status).toBe('pending');
      const hb = await beacon({ site: siteId, token, view: page.body.view });
      expect(hb.body.invite).toMatchObject({
        id: invited.body.id,
        kind: 'yes_no',
        title: 'Demo would like to chat with you',
        acceptText: 'Start chat',
        declineText: 'No, thanks',
      });
      const list = async () =>
        (await t.admin.get<LiveVisitorList>('/api/visitors/live')).body.items.find(
          (i) => i.visitorId === visitorId,
        )!;
      expect((await list()).invite).toEqual({ status: 'pending', agentName: 'Demo' });
      // The page shows it (the same route as automatic greetings) and it is not delivered again.
      const record = (event: string) =>
        fetch(
          `${t.url}/widget/invite-events?${new URLSearchParams({ site: siteId, invite: invited.body.id, event, url: 'http://localhost:8080/invite-me', token })}`,
          { method: 'POST' },
        );
      expect((await record('shown')).status).toBe(204);
      expect((await beacon({ site: siteId, token, view: page.body.view })).body).toEqual({});
      expect((await record('accepted')).status).toBe(204);
      expect((await record('accepted')).status).toBe(204); // twice: recorded once
      // Without the visitor's token, a hand invite is nobody's.
      expect(
        (
          await fetch(
            `${t.url}/widget/invite-events?${new URLSearchParams({ site: siteId, invite: invited.body.id, event: 'shown' })}`,
            { method: 'POST' },
          )
        ).status,
      ).toBe(404);
      const events = await db()
        .selectFrom('invite_events')
        .select(['event', 'user_id', 'visitor_id', 'visit_id'])
        .where('invite_id', '=', invited.body.id)
        .orderBy('id')
        .execute();
      expect(events.map((e) => e.event)).toEqual(['shown', 'accepted']);
      expect(events[0]).toMatchObject({
        user_id: t.admin.me!.user.id,
        visitor_id: visitorId,
        visit_id: expect.any(String),
      });

      // The chat frame starts the chat with the invite's id: proactive, with the inviting agent.
      const v = await WsClient.open<VisitorServerFrame>(wsUrl(t.url, `/ws/visitor?site=${siteId}`), {
        headers: { origin },
      });
      v.send({ type: 'hello', token, page: { url: 'http://localhost:8080/invite-me' } });
      await v.next('welcome');
      const c = cid();
      v.send({ type: 'chat.start', cid: c, inviteId: invited.body.id });
      const chatId = (await v.next('ack', (f) => f.cid === c)).chatId;
      const up = await agent.next('chat.upsert', (f) => f.chat.id === chatId && f.chat.status === 'active');
      expect(up.chat.agentId).toBe(t.admin.me!.user.id);
      const chat = await db()
        .selectFrom('chats')
        .select(['proactive', 'agent_id'])
        .where('id', '=', chatId)
        .executeTakeFirstOrThrow();
      expect(chat).toEqual({ proactive: true, agent_id: t.admin.me!.user.id });
      expect((await list()).chat).toEqual({ id: chatId, agentName: 'Demo' });
      // In a chat: not invited again.
      expect((await t.admin.post(`/api/visitors/${visitorId}/invite`)).status).toBe(409);
      v.send({ type: 'chat.close', chatId });
      v.close();
    } finally {
      agent.close();
    }
  });

  it('a declined invite is recorded; a visitor who is not on the site cannot be invited', async () => {
    const page = await pageView('/decline');
    const visitorId = (await t.admin.get<LiveVisitorList>('/api/visitors/live')).body.items.find((i) =>
      i.currentUrl.endsWith('/decline'),
    )!.visitorId;
    const invited = await t.admin.post<HandInviteResult>(`/api/visitors/${visitorId}/invite`);
    const q = (event: string) =>
      new URLSearchParams({
        site: siteId,
        invite: invited.body.id,
        event,
        token: page.body.token!,
      }).toString();
    expect((await fetch(`${t.url}/widget/invite-events?${q('declined')}`, { method: 'POST' })).status).toBe(
      204,
    );
    const row = await db()
      .selectFrom('visitor_invites')
      .select('status')
      .where('id', '=', invited.body.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('declined');
    // Gone for more than a minute: not on the site any more.
    await db()
      .updateTable('visits')
      .set({ last_seen_at: new Date(Date.now() - 5 * 60_000) })
      .where('visitor_id', '=', visitorId)
      .execute();
    expect((await t.admin.post(`/api/visitors/${visitorId}/invite`)).status).toBe(404);
    expect((await t.admin.post('/api/visitors/not-a-uuid/invite')).status).toBe(400);
  });
});
