import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AgentServerFrame,
  ButtonAvailability,
  ButtonSettings,
  Campaign,
  ChatListItem,
  User,
  VisitorServerFrame,
  WidgetConfig,
  Website,
} from '@parley/protocol';
import { startTestApp, TestClient, type TestApp } from '../../../test/harness.js';
import { eventually } from '../../../test/wait.js';
import { cid, WsClient, wsUrl } from '../../../test/ws-client.js';
import { createAccount } from '../../bootstrap.js';

// INV-1 (the button's availability per campaign: its routing levels' agents) and INV-2 (the offline message)
// through the real widget config route, sockets and router. Each test has an account of its own.
let t: TestApp;
const sockets: { close(): void }[] = [];

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await t?.close();
});

const db = () => t.runtime.database.db;

/** An account with two websites, each served by its own campaign, and one agent in each campaign's routing. */
async function account() {
  const key = randomUUID().slice(0, 8);
  const host = `buttons-${key}.example`;
  const email = `manager-${key}@buttons.example`;
  const created = await createAccount(db(), {
    name: `Buttons ${key}`,
    host,
    manager: { email, password: 'manager-password', firstName: 'Mo', lastName: 'Manager' },
  });
  const manager = await TestClient.login(t.url, email, 'manager-password');
  const otherSite = (await manager.post<Website>('/api/websites', { host: `other-${host}` })).body;
  const other = await manager.post<Campaign>('/api/campaigns', {
    title: 'Other',
    allWebsites: false,
    websiteIds: [otherSite.id],
  });
  expect(other.status).toBe(201);

  async function agent(name: string) {
    const agentEmail = `${name.toLowerCase()}-${key}@buttons.example`;
    const res = await manager.post<User>('/api/users', {
      email: agentEmail,
      password: 'agent-password',
      firstName: name,
      lastName: 'Agent',
      rights: 'agent',
    });
    expect(res.status).toBe(201);
    let ws: WsClient<AgentServerFrame> | undefined;
    return {
      user: res.body,
      async connect() {
        const client = await TestClient.login(t.url, agentEmail, 'agent-password');
        ws = await WsClient.open<AgentServerFrame>(wsUrl(t.url, '/ws/agent'), {
          headers: { cookie: client.cookie, origin: t.url },
        });
        sockets.push(ws);
        await ws.next('welcome');
        return ws;
      },
      async status(status: 'available' | 'away') {
        const before = ws!.frames.length;
        ws!.send({ type: 'presence.set', status });
        await ws!.next('presence', (f) => f.status === status && ws!.frames.indexOf(f) >= before);
      },
      get ws() {
        return ws!;
      },
    };
  }
  const ann = await agent('Ann');
  const bob = await agent('Bob');
  const route = async (campaignId: string, userId: string) => {
    const res = await manager.request('PUT', `/api/campaigns/${campaignId}/routing`, {
      levels: [{ title: 'First', method: 'least_chats', members: [{ type: 'user', id: userId }] }],
      forwarding: { enabled: false, members: [] },
    });
    expect(res.status).toBe(200);
  };
  await route(created.campaign.id, ann.user.id);
  await route(other.body.id, bob.user.id);

  const settingsPath = `/api/campaigns/${created.campaign.id}/buttons/settings`;
  return {
    host,
    manager,
    siteId: created.website.id,
    campaignId: created.campaign.id,
    ann,
    bob,
    settingsPath,
    async setAvailability(availability: ButtonAvailability, offlineText = '') {
      const res = await manager.request<ButtonSettings>('PUT', settingsPath, { availability, offlineText });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ availability, offlineText });
    },
    /** The widget config of the campaign's site, once it shows `want` (presence is kept two seconds). */
    async config(want: Partial<WidgetConfig>) {
      return eventually(`widget config ${JSON.stringify(want)}`, async () => {
        const res = await fetch(`${t.url}/widget/config?site=${created.website.id}&view=frame`);
        const c = (await res.json()) as WidgetConfig;
        return Object.entries(want).every(([k, v]) => c[k as keyof WidgetConfig] === v) && c;
      });
    },
  };
}

const offline = { agentsAvailable: false, buttonAvailable: true };

describe('INV-1 the chat button’s availability, per campaign', () => {
  it('follows the three settings and only this campaign’s agents', async () => {
    const a = await account();
    // Nobody logged in.
    expect(await a.config(offline)).toMatchObject({ greetingsAvailable: true, refreshSeconds: 30 });
    await a.setAvailability('agents_logged_in');
    await a.config({ agentsAvailable: false, buttonAvailable: false });
    await a.setAvailability('agents_available');
    await a.config({ agentsAvailable: false, buttonAvailable: false });

    // The other campaign's agent, available: nothing changes here.
    await a.bob.connect();
    for (const availability of ['always', 'agents_logged_in', 'agents_available'] as const) {
      await a.setAvailability(availability);
      await a.config(
        availability === 'always' ? offline : { agentsAvailable: false, buttonAvailable: false },
      );
    }
    // …while that campaign's own site says available.
    const otherSite = (await a.manager.get<{ items: Website[] }>('/api/websites')).body.items.find((w) =>
      w.host.startsWith('other-'),
    )!;
    await eventually('the other campaign available', async () => {
      const c = (await (await fetch(`${t.url}/widget/config?site=${otherSite.id}`)).json()) as WidgetConfig;
      return c.agentsAvailable && c.buttonAvailable;
    });

    // This campaign's agent logged in but away.
    await a.ann.connect();
    await a.ann.status('away');
    await a.setAvailability('always');
    await a.config({ agentsAvailable: false, buttonAvailable: true });
    await a.setAvailability('agents_logged_in');
    await a.config({ agentsAvailable: true, buttonAvailable: true });
    await a.setAvailability('agents_available');
    await a.config({ agentsAvailable: false, buttonAvailable: false });

    // …and available.
    await a.ann.status('available');
    await a.config({ agentsAvailable: true, buttonAvailable: true });
    await a.setAvailability('always');
    await a.config({ agentsAvailable: true, buttonAvailable: true });
  });

  it('is a manager’s setting of the account’s own campaign', async () => {
    const a = await account();
    expect((await a.manager.get<ButtonSettings>(a.settingsPath)).body).toEqual({
      availability: 'always',
      offlineText: '',
    });
    const bad = await a.manager.request('PUT', a.settingsPath, {
      availability: 'sometimes',
      offlineText: '',
    });
    expect(bad.status).toBe(400);
    const long = await a.manager.request('PUT', a.settingsPath, {
      availability: 'always',
      offlineText: 'x'.repeat(2001),
    });
    expect(long.status).toBe(400);
    const b = await account();
    expect((await b.manager.get(a.settingsPath)).status).toBe(404);
    expect(
      (await b.manager.request('PUT', a.settingsPath, { availability: 'always', offlineText: '' })).status,
    ).toBe(404);
    const saved = await a.manager.request<ButtonSettings>('PUT', a.settingsPath, {
      availability: 'agents_available',
      offlineText: '  Leave us a note.  ',
    });
    expect(saved.body).toEqual({ availability: 'agents_available', offlineText: 'Leave us a note.' });
    expect(await a.config({ buttonAvailable: false })).toMatchObject({ offlineText: 'Leave us a note.' });
    // A page view carries only what the button needs (the frame asks for the rest).
    const loader = (await (await fetch(`${t.url}/widget/config?site=${a.siteId}`)).json()) as object;
    expect(loader).not.toHaveProperty('offlineText');
    expect(loader).toHaveProperty('buttonAvailable', false);
    // Greetings have their own setting, shown at once too.
    const greetings = await a.manager.request('PUT', `/api/campaigns/${a.campaignId}/invites/availability`, {
      availability: 'agents_available',
    });
    expect(greetings.status).toBe(200);
    await a.config({ greetingsAvailable: false, buttonAvailable: false });
  });
});

describe('INV-2 the offline message', () => {
  it('refuses a bad form and changes nothing; a good one becomes an NRT offline-message chat, never queued', async () => {
    const a = await account();
    const v = await WsClient.open<VisitorServerFrame>(wsUrl(t.url, `/ws/visitor?site=${a.siteId}`), {
      headers: { origin: `http://${a.host}` },
    });
    sockets.push(v);
    v.send({ type: 'hello', chats: [], page: { url: `http://${a.host}/contact`, title: 'Contact' } });
    const welcome = await v.next('welcome');
    const chatsOfAccount = async () =>
      db()
        .selectFrom('chats')
        .selectAll()
        .where('account_id', '=', (await a.manager.get<{ id: string }>('/api/account')).body.id)
        .execute();

    const bad = cid();
    v.send({ type: 'offline.send', cid: bad, name: 'Vera', email: 'vera@', message: '   ' });
    const refused = await v.next('error', (f) => f.cid === bad);
    expect(refused).toMatchObject({
      code: 'bad_frame',
      fields: { email: 'offlineEmailInvalid', message: 'offlineMessageRequired' },
    });
    const tooLong = cid();
    v.send({ type: 'offline.send', cid: tooLong, name: 'n'.repeat(101), email: '', message: 'Hi' });
    expect(await v.next('error', (f) => f.cid === tooLong)).toMatchObject({
      fields: { name: 'offlineTooLong' },
    });
    expect(await chatsOfAccount()).toEqual([]);
    const visitorRow = await db()
      .selectFrom('visitors')
      .select(['name', 'email'])
      .where('id', '=', welcome.visitorId)
      .executeTakeFirst();
    expect(visitorRow?.email ?? '').toBe('');

    const good = cid();
    v.send({
      type: 'offline.send',
      cid: good,
      name: ' Vera ',
      email: 'vera@example.com',
      message: 'Please call me back about my order.',
    });
    const ack = await v.next('ack', (f) => f.cid === good);
    const state = await v.next('chat.state', (f) => f.chat.id === ack.chatId);
    expect(state.chat).toMatchObject({
      status: 'queued',
      mode: 'nrt',
      offlineMessage: true,
      queuePosition: null,
    });
    const [chat] = await chatsOfAccount();
    expect(chat).toMatchObject({ id: ack.chatId, mode: 'nrt', offline_message: true, status: 'queued' });
    expect(
      await db()
        .selectFrom('visitors')
        .select(['name', 'email'])
        .where('id', '=', welcome.visitorId)
        .executeTakeFirst(),
    ).toEqual({ name: 'Vera', email: 'vera@example.com' });

    // A resend (same cid) makes no second chat.
    v.send({
      type: 'offline.send',
      cid: good,
      name: 'Vera',
      email: 'vera@example.com',
      message: 'Please call me back about my order.',
    });
    await v.next('ack', (f) => f.cid === good && v.frames.filter((x) => x.type === 'ack').length === 2);
    expect(await chatsOfAccount()).toHaveLength(1);

    // The campaign's agent comes: the message is theirs, as an NRT chat with the visitor's words.
    const ws = await a.ann.connect();
    const upsert = await ws.next('chat.upsert', (f) => f.chat.id === ack.chatId);
    expect(upsert.chat).toMatchObject({ mode: 'nrt', status: 'active', agentId: a.ann.user.id });
    ws.send({ type: 'sync', chatId: ack.chatId, afterSeq: 0 });
    await ws.untilTranscript(ack.chatId, (e) =>
      e.some((x) => x.author === 'visitor' && x.text === 'Please call me back about my order.'),
    );

    // The Chats list says "offline message".
    const day = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);
    const list = await a.manager.get<{ items: ChatListItem[] }>(
      `/api/chats?from=${day(-1)}&to=${day(1)}&type=offline`,
    );
    expect(list.body.items.map((i) => [i.id, i.type])).toEqual([[ack.chatId, 'offline']]);

    // Never a place in the queue for the visitor.
    for (const f of v.frames)
      if (f.type === 'chat.state' && f.chat.id === ack.chatId) expect(f.chat.queuePosition).toBeNull();
  });

  it('gives an offline message no place in the queue and takes none from live chats', async () => {
    const a = await account();
    // A live chat may wait in the queue: the campaign's agent is logged in (away), which this setting counts.
    await a.setAvailability('agents_logged_in');
    await a.ann.connect();
    await a.ann.status('away');
    const open = async () => {
      const v = await WsClient.open<VisitorServerFrame>(wsUrl(t.url, `/ws/visitor?site=${a.siteId}`), {
        headers: { origin: `http://${a.host}` },
      });
      sockets.push(v);
      v.send({ type: 'hello', chats: [] });
      await v.next('welcome');
      return v;
    };
    const first = await open();
    const c1 = cid();
    first.send({ type: 'offline.send', cid: c1, name: '', email: '', message: 'Left a note' });
    await first.next('ack', (f) => f.cid === c1);
    const second = await open();
    const c2 = cid();
    second.send({ type: 'chat.start', cid: c2, text: 'Anyone?' });
    const ack = await second.next('ack', (f) => f.cid === c2);
    const queued = await second.next(
      'chat.state',
      (f) => f.chat.id === ack.chatId && f.chat.status === 'queued',
    );
    expect(queued.chat.queuePosition).toBe(1);
    expect(first.frames.some((f) => f.type === 'chat.state' && f.chat.queuePosition !== null)).toBe(false);
  });
});

describe('INV-2 the server keeps the truth: no live chat when nobody can take it', () => {
  async function visitor(a: Awaited<ReturnType<typeof account>>) {
    const v = await WsClient.open<VisitorServerFrame>(wsUrl(t.url, `/ws/visitor?site=${a.siteId}`), {
      headers: { origin: `http://${a.host}` },
    });
    sockets.push(v);
    v.send({ type: 'hello', chats: [] });
    await v.next('welcome');
    return v;
  }
  const chatsOf = (siteId: string) =>
    db().selectFrom('chats').select(['id', 'offline_message']).where('website_id', '=', siteId).execute();

  it('refuses a live start while nobody of the campaign can take it (nothing written); the offline form still goes', async () => {
    const a = await account();
    // The other campaign's agent is available: not this campaign's.
    await a.bob.connect();
    const v = await visitor(a);
    const c = cid();
    v.send({ type: 'chat.start', cid: c, text: 'Hello?' });
    expect(await v.next('error', (f) => f.cid === c)).toMatchObject({
      code: 'nobody_available',
      message: 'Nobody can take a chat right now; leave a message instead',
    });
    expect(await chatsOf(a.siteId)).toEqual([]);
    const o = cid();
    v.send({ type: 'offline.send', cid: o, name: '', email: '', message: 'Hello?' });
    await v.next('ack', (f) => f.cid === o);
    expect(await chatsOf(a.siteId)).toMatchObject([{ offline_message: true }]);
  });

  it.each<[ButtonAvailability, 'away' | 'available', boolean]>([
    ['always', 'away', false],
    ['always', 'available', true],
    ['agents_logged_in', 'away', true],
    ['agents_available', 'away', false],
    ['agents_available', 'available', true],
  ])('button availability %s, the agent %s: live start %s', async (availability, status, live) => {
    const a = await account();
    await a.setAvailability(availability);
    await a.ann.connect();
    await a.ann.status(status);
    const v = await visitor(a);
    const c = cid();
    v.send({ type: 'chat.start', cid: c, text: 'Hi' });
    const answer = await eventually('the answer to the start', async () =>
      v.frames.find((f) => (f.type === 'ack' || f.type === 'error') && f.cid === c),
    );
    expect(answer.type === 'ack' ? 'ack' : answer.type === 'error' && answer.code).toBe(
      live ? 'ack' : 'nobody_available',
    );
  });

  it('an agent who goes away after the page asked: the start is refused; a start already made is not', async () => {
    const a = await account();
    await a.ann.connect();
    await a.ann.status('available');
    // The page learns that somebody is there…
    await a.config({ agentsAvailable: true });
    const v = await visitor(a);
    const first = cid();
    v.send({ type: 'chat.start', cid: first, text: 'First question' });
    const ack = await v.next('ack', (f) => f.cid === first);
    await a.ann.ws.next('chat.upsert', (f) => f.chat.id === ack.chatId);
    // …the agent leaves before a second visitor, who saw the same config, starts.
    a.ann.ws.close();
    await eventually('the agent gone', async () => !(await liveNow(a)));
    const other = await visitor(a);
    const late = cid();
    other.send({ type: 'chat.start', cid: late, text: 'Still there?' });
    expect(await other.next('error', (f) => f.cid === late)).toMatchObject({ code: 'nobody_available' });
    // The first visitor's start, sent again after a reconnect (same cid), is the chat that exists.
    v.send({ type: 'chat.start', cid: first, text: 'First question' });
    const again = await v.next('ack', (f) => f.cid === first && f !== ack);
    expect(again.chatId).toBe(ack.chatId);
    expect(await chatsOf(a.siteId)).toEqual([{ id: ack.chatId, offline_message: false }]);
  });

  async function liveNow(a: Awaited<ReturnType<typeof account>>) {
    const res = await fetch(`${t.url}/widget/config?site=${a.siteId}&view=frame`);
    return ((await res.json()) as WidgetConfig).agentsAvailable;
  }
});
