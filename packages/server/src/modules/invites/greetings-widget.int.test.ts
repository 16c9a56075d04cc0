// The widget side of greetings (INV-3, INV-4, INV-10): what a page gets, what it records, and a chat started
// from a greeting being proactive only when the greeting is the site's campaign's own and enabled.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AgentServerFrame,
  Invite,
  LoaderConfig,
  VisitorServerFrame,
  WebsiteList,
  WidgetGreetings,
} from '@parley/protocol';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { cid, WsClient, wsUrl } from '../../../test/ws-client.js';

let t: TestApp;
let siteId: string;
let campaignId: string;
beforeAll(async () => {
  t = await startTestApp();
  siteId = (await t.admin.get<WebsiteList>('/api/websites')).body.items.find(
    (s) => s.host === 'localhost',
  )!.id;
  campaignId = ((await (await fetch(`${t.url}/widget/config?site=${siteId}`)).json()) as LoaderConfig)
    .campaignId!;
});
afterAll(() => t?.close());

const db = () => t.runtime.app.db;
const atOnce = [{ name: 'At once', criteria: [{ kind: 'time_on_page', operator: '>=', minutes: 0 }] }];
const add = async (body: Record<string, unknown>) => {
  const res = await t.admin.post<Invite>(`/api/campaigns/${campaignId}/invites`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
};
const loaderConfig = async () =>
  (await (await fetch(`${t.url}/widget/config?site=${siteId}`)).json()) as LoaderConfig;
const record = (q: Record<string, string>) =>
  fetch(`${t.url}/widget/invite-events?${new URLSearchParams({ site: siteId, ...q }).toString()}`, {
    method: 'POST',
  });

let yesNo: Invite;
let noMoments: Invite;
let disabled: Invite;

describe('the greetings a page gets', () => {
  it('gives the loader the hints of enabled greetings with moments, and lists them, in order', async () => {
    expect((await loaderConfig()).greetingHints).toEqual([]);
    yesNo = await add({
      kind: 'yes_no',
      title: 'Need help?',
      text: 'Ask us.',
      acceptText: 'Yes',
      declineText: 'No',
      moments: atOnce,
    });
    noMoments = await add({ kind: 'chat_window', title: 'Later', text: 'No moments yet' });
    disabled = await add({ kind: 'chat_window', title: 'Off', text: 'Off', enabled: false, moments: atOnce });
    // An edit reaches the config at once (no minute of cache).
    expect((await loaderConfig()).greetingHints).toEqual([[0, 0]]);
    const res = await fetch(`${t.url}/widget/greetings?site=${siteId}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as WidgetGreetings;
    expect(body.items.map((g) => g.id)).toEqual([yesNo.id]);
    expect(body.items[0]).toMatchObject({ kind: 'yes_no', title: 'Need help?', acceptText: 'Yes' });
    // Revalidated with the ETag.
    const again = await fetch(`${t.url}/widget/greetings?site=${siteId}`, {
      headers: { 'if-none-match': res.headers.get('etag')! },
    });
    expect(again.status).toBe(304);
  });
});

describe("the loader's hints (it loads greet.js only when a moment is about to match)", () => {
  it('carries per moment the seconds on the page and on the site before it can match, and a text of the page', async () => {
    const later = await add({
      kind: 'chat_window',
      title: 'Still looking?',
      text: 'We are here.',
      moments: [
        {
          name: 'A minute on checkout',
          criteria: [
            { kind: 'current_page', match: 'wildcard', url: '*/Checkout/*' },
            { kind: 'time_on_page', operator: '>=', minutes: 1 },
          ],
        },
        {
          name: 'Five minutes on the site',
          criteria: [{ kind: 'time_on_website', operator: '>=', minutes: 5 }],
        },
      ],
    });
    // Covered by the greeting that may show at once: the config says nothing more.
    expect((await loaderConfig()).greetingHints).toEqual([[0, 0]]);
    expect(
      (await t.admin.patch(`/api/campaigns/${campaignId}/invites/${yesNo.id}`, { enabled: false })).status,
    ).toBe(200);
    expect((await loaderConfig()).greetingHints).toEqual([
      [60, 0, '/checkout/'],
      [0, 300],
    ]);
    await t.admin.patch(`/api/campaigns/${campaignId}/invites/${yesNo.id}`, { enabled: true });
    await t.admin.delete(`/api/campaigns/${campaignId}/invites/${later.id}`);
    expect((await loaderConfig()).greetingHints).toEqual([[0, 0]]);
  });
});

describe('INV-10 recording', () => {
  it('records shown / accepted / declined / not shown for want of an agent; refuses strangers', async () => {
    for (const event of ['shown', 'declined', 'not_shown_unavailable', 'accepted'])
      expect((await record({ invite: yesNo.id, event, url: 'http://localhost/shop' })).status).toBe(204);
    const rows = await db()
      .selectFrom('invite_events')
      .selectAll()
      .where('invite_id', '=', yesNo.id)
      .orderBy('at')
      .orderBy('id')
      .execute();
    expect(rows.map((r) => r.event).sort()).toEqual(
      ['accepted', 'declined', 'not_shown_unavailable', 'shown'].sort(),
    );
    expect(rows.every((r) => r.campaign_id === campaignId && r.url === 'http://localhost/shop')).toBe(true);
    // A disabled greeting, an unknown one, an unknown event: nothing is written.
    expect((await record({ invite: disabled.id, event: 'shown' })).status).toBe(404);
    expect((await record({ invite: cid(), event: 'shown' })).status).toBe(404);
    expect((await record({ invite: yesNo.id, event: 'clicked' })).status).toBe(400);
    const count = await db()
      .selectFrom('invite_events')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(4);
  });
});

describe('a chat started from a greeting', () => {
  // Somebody can take it (INV-2: else the start is refused and the visitor leaves an offline message).
  let agent: WsClient<AgentServerFrame>;
  beforeAll(async () => {
    agent = await WsClient.open<AgentServerFrame>(wsUrl(t.url, '/ws/agent'), {
      headers: { cookie: t.admin.cookie, origin: t.url },
    });
    await agent.next('welcome');
    agent.send({ type: 'presence.set', status: 'available' });
    await agent.next('presence', (f) => f.status === 'available');
  });
  afterAll(() => agent?.close());

  const start = async (inviteId: string | undefined) => {
    const v = await WsClient.open<VisitorServerFrame>(wsUrl(t.url, `/ws/visitor?site=${siteId}`), {
      headers: { origin: 'http://localhost' },
    });
    v.send({ type: 'hello', chats: [], page: { url: 'http://localhost/shop', title: 'Shop' } });
    await v.next('welcome');
    const c = cid();
    v.send({ type: 'chat.start', cid: c, text: 'Hello', ...(inviteId ? { inviteId } : {}) });
    const { chatId } = await v.next('ack', (f) => f.cid === c);
    const row = await db()
      .selectFrom('chats')
      .select('proactive')
      .where('id', '=', chatId)
      .executeTakeFirstOrThrow();
    v.close();
    return row.proactive;
  };

  it.each([
    ['the campaign’s enabled greeting', () => yesNo.id, true],
    ['an enabled greeting without moments', () => noMoments.id, true],
    ['a disabled greeting', () => disabled.id, false],
    ['an unknown id', () => cid(), false],
    ['no greeting', () => undefined, false],
  ])('%s → proactive %s', async (_name, id, proactive) => {
    expect(await start(id())).toBe(proactive);
  });
});
