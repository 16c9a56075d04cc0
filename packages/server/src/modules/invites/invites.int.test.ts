// The Automatic Invites tab's API (INV-1, INV-3…INV-6) and the event writer (INV-10).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Campaign, Invite, InviteInput, InviteList } from '@parley/protocol';
import { startTestApp, TestClient, type TestApp } from '../../../test/harness.js';
import { recordInviteEvent } from './index.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

type Fields = { error: { code: string; message: string; fields?: Record<string, string> } };

let n = 0;
const addCampaign = async () => {
  const res = await t.admin.post<Campaign>('/api/campaigns', { title: `Invites ${++n}` });
  expect(res.status).toBe(201);
  return res.body.id;
};
const path = (campaignId: string, rest = '') => `/api/campaigns/${campaignId}/invites${rest}`;

const yesNo: InviteInput = {
  kind: 'yes_no',
  title: '  Need help?  ',
  text: 'Can we help you find the right size?',
  acceptText: 'Yes please',
  declineText: 'No thanks',
  moments: [
    {
      name: 'Lingers on a shoe',
      criteria: [
        { kind: 'current_page', match: 'wildcard', url: '/shop/shoes/*' },
        { kind: 'time_on_page', operator: '>=', minutes: 2 },
      ],
    },
  ],
};
const chatWindow: InviteInput = { kind: 'chat_window', title: 'Questions?', text: 'Type to ask us.' };

const add = async (campaignId: string, body: InviteInput) => {
  const res = await t.admin.post<Invite>(path(campaignId), body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
};

describe('greetings of a campaign', () => {
  it('starts empty, always available; adds both kinds at the end of the list', async () => {
    const c = await addCampaign();
    expect((await t.admin.get<InviteList>(path(c))).body).toEqual({ availability: 'always', items: [] });
    const a = await add(c, yesNo);
    expect(a).toMatchObject({
      campaignId: c,
      kind: 'yes_no',
      enabled: true,
      position: 0,
      title: 'Need help?',
      acceptText: 'Yes please',
      declineText: 'No thanks',
      moments: yesNo.moments,
    });
    const b = await add(c, chatWindow);
    expect(b).toMatchObject({
      kind: 'chat_window',
      position: 1,
      acceptText: '',
      declineText: '',
      moments: [],
    });
    const list = (await t.admin.get<InviteList>(path(c))).body;
    expect(list.items.map((i) => i.id)).toEqual([a.id, b.id]);
    expect((await t.admin.get<Invite>(path(c, `/${a.id}`))).body).toEqual(a);
  });

  it('edits, toggles, reorders and deletes', async () => {
    const c = await addCampaign();
    const a = await add(c, yesNo);
    const b = await add(c, chatWindow);
    const d = await add(c, { ...chatWindow, title: 'Third' });

    const edited = await t.admin.put<Invite>(path(c, `/${a.id}`), {
      ...yesNo,
      title: 'Edited',
      moments: [
        { name: 'From the cart', criteria: [{ kind: 'previous_page', match: 'contains', url: '/cart' }] },
      ],
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ title: 'Edited', position: 0, moments: [{ name: 'From the cart' }] });
    // A greeting may change kind; a Chatwindow greeting keeps no button names.
    const changed = await t.admin.put<Invite>(path(c, `/${a.id}`), { ...chatWindow, title: 'Now a window' });
    expect(changed.body).toMatchObject({ kind: 'chat_window', acceptText: '', declineText: '' });

    const off = await t.admin.patch<Invite>(path(c, `/${b.id}`), { enabled: false });
    expect([off.status, off.body.enabled]).toEqual([200, false]);

    const order = await t.admin.put<InviteList>(path(c, '/order'), { ids: [d.id, a.id, b.id] });
    expect(order.status).toBe(200);
    expect(order.body.items.map((i) => [i.id, i.position])).toEqual([
      [d.id, 0],
      [a.id, 1],
      [b.id, 2],
    ]);

    expect((await t.admin.delete(path(c, `/${a.id}`))).status).toBe(204);
    expect((await t.admin.delete(path(c, `/${a.id}`))).status).toBe(404);
    const left = (await t.admin.get<InviteList>(path(c))).body.items;
    expect(left.map((i) => [i.id, i.enabled])).toEqual([
      [d.id, true],
      [b.id, false],
    ]);
    // Added after a delete: still at the end.
    expect((await add(c, chatWindow)).position).toBe(3);
  });

  it('refuses an order that does not list every greeting once, changing nothing', async () => {
    const c = await addCampaign();
    const a = await add(c, yesNo);
    const b = await add(c, chatWindow);
    const other = await add(await addCampaign(), chatWindow);
    for (const ids of [[a.id], [a.id, a.id], [a.id, b.id, other.id], [b.id, other.id]]) {
      const res = await t.admin.put<Fields>(path(c, '/order'), { ids });
      expect(res.status, JSON.stringify(ids)).toBe(400);
      expect(res.body.error.fields).toEqual({ ids: 'List every greeting of the campaign once' });
    }
    const items = (await t.admin.get<InviteList>(path(c))).body.items;
    expect(items.map((i) => i.id)).toEqual([a.id, b.id]);
  });

  it('sets when greetings may show (INV-1)', async () => {
    const c = await addCampaign();
    for (const availability of ['agents_logged_in', 'agents_available', 'always'] as const) {
      const res = await t.admin.put<InviteList>(path(c, '/availability'), { availability });
      expect([res.status, res.body.availability]).toEqual([200, availability]);
      expect((await t.admin.get<InviteList>(path(c))).body.availability).toBe(availability);
    }
    const bad = await t.admin.put<Fields>(path(c, '/availability'), { availability: 'sometimes' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual({ availability: 'Choose when greetings may show' });
  });

  it('names each field at fault, down to a criterion of a moment', async () => {
    const c = await addCampaign();
    const res = await t.admin.post<Fields>(path(c), {
      ...yesNo,
      title: ' ',
      acceptText: '',
      moments: [
        { name: 'ok', criteria: [] },
        {
          name: '',
          criteria: [
            { kind: 'current_page', match: 'exact', url: 'x'.repeat(2001) },
            { kind: 'time_on_website', operator: '>=', minutes: 2.5 },
          ],
        },
      ],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual({
      title: 'Enter a title',
      acceptText: 'Enter the button text',
      'moments.1.name': 'Enter a name',
      'moments.1.criteria.0.url': 'At most 2,000 characters',
      'moments.1.criteria.1.minutes': 'Whole minutes',
    });
    const kind = await t.admin.post<Fields>(path(c), { ...chatWindow, kind: 'popup' });
    expect([kind.status, kind.body.error.fields]).toEqual([
      400,
      { kind: 'Choose a Yes/No greeting or a Chatwindow greeting' },
    ]);
    expect((await t.admin.get<InviteList>(path(c))).body.items).toEqual([]);
  });

  it('holds at most 100 greetings per campaign', async () => {
    const c = await addCampaign();
    for (let i = 0; i < 100; i++) await add(c, { ...chatWindow, title: `Greeting ${i}` });
    const res = await t.admin.post<Fields>(path(c), chatWindow);
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe('A campaign has at most 100 greetings');
    const items = (await t.admin.get<InviteList>(path(c))).body.items;
    expect(items.map((i) => i.position)).toEqual([...Array(100).keys()]);
  });

  it('keeps a greeting of one campaign out of another campaign’s routes', async () => {
    const c1 = await addCampaign();
    const c2 = await addCampaign();
    const a = await add(c1, yesNo);
    expect((await t.admin.get(path(c2, `/${a.id}`))).status).toBe(404);
    expect((await t.admin.put(path(c2, `/${a.id}`), chatWindow)).status).toBe(404);
    expect((await t.admin.patch(path(c2, `/${a.id}`), { enabled: false })).status).toBe(404);
    expect((await t.admin.delete(path(c2, `/${a.id}`))).status).toBe(404);
    expect((await t.admin.get<Invite>(path(c1, `/${a.id}`))).body).toEqual(a);
  });

  it('goes with its campaign when the campaign is deleted', async () => {
    const c = await addCampaign();
    await add(c, yesNo);
    expect((await t.admin.delete(`/api/campaigns/${c}`)).status).toBe(204);
    expect((await t.admin.get(path(c))).status).toBe(404);
  });

  it('refuses agents with 403', async () => {
    const c = await addCampaign();
    const a = await add(c, yesNo);
    const email = `agent-${Date.now()}@example.com`;
    await t.admin.post('/api/users', {
      email,
      password: 'long-enough-pw',
      firstName: 'A',
      lastName: 'Gent',
      rights: 'agent',
    });
    const agent = await TestClient.login(t.url, email, 'long-enough-pw');
    const attempts: [string, string, unknown?][] = [
      ['GET', path(c)],
      ['POST', path(c), chatWindow],
      ['PUT', path(c, '/availability'), { availability: 'always' }],
      ['PUT', path(c, '/order'), { ids: [a.id] }],
      ['GET', path(c, `/${a.id}`)],
      ['PUT', path(c, `/${a.id}`), chatWindow],
      ['PATCH', path(c, `/${a.id}`), { enabled: false }],
      ['DELETE', path(c, `/${a.id}`)],
    ];
    for (const [method, p, body] of attempts) {
      expect((await agent.request(method, p, body)).status, `${method} ${p}`).toBe(403);
    }
  });
});

describe('INV-10 greeting events', () => {
  it('records shown, accepted, declined and not shown for lack of agents; they outlive the greeting', async () => {
    const c = await addCampaign();
    const a = await add(c, yesNo);
    const db = t.runtime.database.db;
    const { id: accountId } = await db
      .selectFrom('campaigns')
      .select('account_id as id')
      .where('id', '=', c)
      .executeTakeFirstOrThrow();
    for (const event of ['shown', 'accepted', 'declined', 'not_shown_unavailable'] as const) {
      await recordInviteEvent(db, {
        accountId,
        campaignId: c,
        inviteId: a.id,
        visitorId: null,
        visitId: null,
        websiteId: null,
        event,
        url: 'https://www.example.com/shop/shoes/1',
      });
    }
    await t.admin.delete(path(c, `/${a.id}`));
    const rows = await db
      .selectFrom('invite_events')
      .select(['event', 'url'])
      .where('invite_id', '=', a.id)
      .orderBy('id')
      .execute();
    expect(rows.map((r) => r.event)).toEqual(['shown', 'accepted', 'declined', 'not_shown_unavailable']);
  });
});
