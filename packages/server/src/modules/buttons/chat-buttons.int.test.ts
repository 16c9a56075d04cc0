// The campaign's chat buttons (INV-7…INV-9): the list's API (add, edit, toggle, reorder, delete; bad input named
// by field; one account never reaches another's), the default button of new and migrated campaigns, and what
// the loader's config carries.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  Campaign,
  ChatButton,
  ChatButtonInput,
  ChatButtonList,
  LoaderButton,
  LoaderConfig,
  WebsiteList,
} from '@parley/protocol';
import { startTestApp, TestClient, type TestApp } from '../../../test/harness.js';
import { createAccount } from '../../bootstrap.js';
import * as m013 from '../../db/migrations/013_chat_buttons.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

type Fields = { error: { code: string; fields?: Record<string, string> } };
const db = () => t.runtime.database.db;

/** A campaign of its own for one site of its own (the widget config of that site is this campaign's). */
async function campaignWithSite(client = t.admin) {
  const host = `buttons-${randomUUID().slice(0, 8)}.example`;
  const site = await client.post<{ id: string }>('/api/websites', { host });
  expect(site.status).toBe(201);
  const campaign = await client.post<Campaign>('/api/campaigns', {
    title: `Buttons ${host}`,
    allWebsites: false,
    websiteIds: [site.body.id],
  });
  expect(campaign.status).toBe(201);
  return { campaignId: campaign.body.id, siteId: site.body.id };
}
const path = (campaignId: string, rest = '') => `/api/campaigns/${campaignId}/buttons${rest}`;
const list = async (campaignId: string, client = t.admin) =>
  (await client.get<ChatButtonList>(path(campaignId))).body.items;
const add = async (campaignId: string, body: ChatButtonInput) => {
  const res = await t.admin.post<ChatButton>(path(campaignId), body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
};
const loaderConfig = async (siteId: string) =>
  (await (await fetch(`${t.url}/widget/config?site=${siteId}`)).json()) as LoaderConfig;

const pricing: ChatButtonInput = {
  placement: 'footer',
  name: '  Pricing pages  ',
  text: 'Questions about prices?',
  color: '#AA3300',
  side: 'left',
  starts: 'instantly',
  pages: 'certain',
  urls: [
    { match: 'contains', url: '/pricing' },
    { match: 'wildcard', url: '/plans/*' },
  ],
};
const custom: ChatButtonInput = {
  placement: 'custom',
  name: 'Contact page',
  html: '<button type="button" class="talk">Talk to us</button>',
  css: '.talk { background: #0b7285; color: #fff; }',
  pages: 'certain',
  urls: [{ match: 'exact', url: '/contact' }],
};

describe('INV-7 a campaign’s chat buttons', () => {
  it('a new campaign has one: a footer button starting after the first message, the widget’s text and colour', async () => {
    const { campaignId, siteId } = await campaignWithSite();
    const [only, ...rest] = await list(campaignId);
    expect(rest).toEqual([]);
    expect(only).toMatchObject({
      campaignId,
      placement: 'footer',
      starts: 'after_first_message',
      enabled: true,
      position: 0,
      name: 'Chat button',
      pages: 'all',
      urls: [],
      text: '',
      color: '',
      side: 'right',
      html: '',
      css: '',
    });
    const config = await loaderConfig(siteId);
    expect(config.buttons).toEqual([{ f: 1 }]);
    expect(config.button).toEqual({ position: 'right', text: 'Chat with us' });
  });

  it('adds all four types at the end of the list, edits, toggles, reorders and deletes; the loader follows', async () => {
    const { campaignId, siteId } = await campaignWithSite();
    const [first] = await list(campaignId);
    const a = await add(campaignId, pricing);
    expect(a).toMatchObject({
      position: 1,
      name: 'Pricing pages',
      color: '#aa3300',
      side: 'left',
      starts: 'instantly',
      urls: pricing.urls,
      html: '',
    });
    const b = await add(campaignId, custom);
    expect(b).toMatchObject({
      position: 2,
      starts: 'after_first_message',
      text: '',
      color: '',
      side: 'right',
    });
    const c = await add(campaignId, { ...custom, name: 'Anywhere', starts: 'instantly', pages: 'all' });
    expect(c.urls).toEqual([]);
    expect((await list(campaignId)).map((x) => x.id)).toEqual([first!.id, a.id, b.id, c.id]);
    expect((await t.admin.get<ChatButton>(path(campaignId, `/${a.id}`))).body).toEqual(a);

    // The loader: footer buttons for certain pages first, then for all pages, then the custom ones.
    let config = await loaderConfig(siteId);
    expect(config.buttons).toEqual([
      {
        f: 1,
        s: 1,
        o: { button: { position: 'left', text: 'Questions about prices?' }, color: '#aa3300' },
        u: ['/pricing', '^[^:]*://[^/]*/plans/[^?]*(?:\\?[\\s\\S]*)?$'],
      },
      { f: 1 },
      { i: b.id, u: ['^[^:]*://[^/]*/contact(?:\\?[\\s\\S]*)?$'] },
      { i: c.id, s: 1 },
    ]);
    // A page view carries no names and no HTML.
    expect(JSON.stringify(config)).not.toContain('Talk to us');
    expect(JSON.stringify(config)).not.toContain('Pricing pages');

    // Edit: all pages forgets the addresses; the footer type can become a custom one (and back).
    const edited = await t.admin.request<ChatButton>('PUT', path(campaignId, `/${a.id}`), {
      ...pricing,
      pages: 'all',
      starts: 'after_first_message',
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ position: 1, pages: 'all', urls: [], starts: 'after_first_message' });
    const nowCustom = await t.admin.request<ChatButton>('PUT', path(campaignId, `/${a.id}`), custom);
    expect(nowCustom.body).toMatchObject({ placement: 'custom', text: '', color: '', html: custom.html });

    // Toggle: a disabled button is not in the loader's config.
    const off = await t.admin.patch<ChatButton>(path(campaignId, `/${first!.id}`), { enabled: false });
    expect(off.body.enabled).toBe(false);
    config = await loaderConfig(siteId);
    expect(config.buttons.filter((x) => x.f)).toEqual([]);

    // Reorder: every button once, or a 400 naming `ids`.
    const order = [c.id, b.id, a.id, first!.id];
    const moved = await t.admin.request<ChatButtonList>('PUT', path(campaignId, '/order'), { ids: order });
    expect(moved.body.items.map((x) => [x.id, x.position])).toEqual(order.map((id, i) => [id, i]));
    const partial = await t.admin.request<Fields>('PUT', path(campaignId, '/order'), { ids: [c.id, b.id] });
    expect(partial.status).toBe(400);
    expect(partial.body.error.fields).toHaveProperty('ids');
    const twice = await t.admin.request<Fields>('PUT', path(campaignId, '/order'), {
      ids: [c.id, c.id, a.id, first!.id],
    });
    expect(twice.status).toBe(400);

    // Delete.
    expect((await t.admin.request('DELETE', path(campaignId, `/${b.id}`))).status).toBe(204);
    expect((await t.admin.request('DELETE', path(campaignId, `/${b.id}`))).status).toBe(404);
    expect((await list(campaignId)).map((x) => x.id)).toEqual([c.id, a.id, first!.id]);
    config = await loaderConfig(siteId);
    expect(config.buttons.map((x) => x.i)).toEqual([c.id, a.id]);
  });

  it('the loader gets a footer button’s side, text and colour only where they are its own', async () => {
    const host = `buttons-nl-${randomUUID().slice(0, 8)}.example`;
    const site = await t.admin.post<{ id: string }>('/api/websites', { host });
    const campaign = await t.admin.post<Campaign>('/api/campaigns', {
      title: `Dutch ${host}`,
      language: 'nl',
      allWebsites: false,
      websiteIds: [site.body.id],
    });
    const [only] = await list(campaign.body.id);
    const put = (body: Partial<ChatButtonInput>) =>
      t.admin.request('PUT', path(campaign.body.id, `/${only!.id}`), {
        placement: 'footer',
        name: 'F',
        ...body,
      });
    const cases: [Partial<ChatButtonInput>, LoaderButton][] = [
      [{}, { f: 1 }],
      [{ side: 'left' }, { f: 1, o: { button: { position: 'left', text: 'Chat met ons' } } }],
      [{ text: 'Vragen?' }, { f: 1, o: { button: { position: 'right', text: 'Vragen?' } } }],
      [{ color: '#2B8A3E' }, { f: 1, o: { color: '#2b8a3e' } }],
    ];
    for (const [body, want] of cases) {
      expect((await put(body)).status).toBe(200);
      expect((await loaderConfig(site.body.id)).buttons).toEqual([want]);
    }
  });

  it('refuses bad input by field, and changes nothing', async () => {
    const { campaignId } = await campaignWithSite();
    const refused = async (body: unknown, fields: string[]) => {
      const res = await t.admin.post<Fields>(path(campaignId), body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(Object.keys(res.body.error.fields ?? {}).sort()).toEqual(fields.sort());
    };
    await refused({ ...pricing, name: '   ' }, ['name']);
    await refused({ ...pricing, name: 'n'.repeat(101) }, ['name']);
    await refused({ ...pricing, text: 't'.repeat(61) }, ['text']);
    await refused({ ...pricing, color: 'red' }, ['color']);
    await refused({ ...pricing, side: 'top' }, ['side']);
    await refused({ ...pricing, starts: 'later' }, ['starts']);
    await refused({ ...pricing, urls: [] }, ['urls']);
    await refused({ ...pricing, urls: [{ match: 'regex', url: '/x' }] }, ['urls.0.match']);
    await refused({ ...pricing, urls: [{ match: 'exact', url: '  ' }] }, ['urls.0.url']);
    await refused({ ...pricing, urls: Array(21).fill({ match: 'exact', url: '/x' }) }, ['urls']);
    await refused({ ...custom, html: ' ' }, ['html']);
    await refused({ ...custom, css: 'x'.repeat(20_001) }, ['css']);
    await refused({ ...custom, placement: 'floating' }, ['placement']);
    expect(await list(campaignId)).toHaveLength(1);
    const [only] = await list(campaignId);
    const put = await t.admin.request<Fields>('PUT', path(campaignId, `/${only!.id}`), {
      ...pricing,
      color: '#12',
    });
    expect(put.status).toBe(400);
    expect((await list(campaignId))[0]).toEqual(only);
  });

  it('one account never reaches another’s buttons; unknown ids are 404', async () => {
    const { campaignId } = await campaignWithSite();
    const [mine] = await list(campaignId);
    const key = randomUUID().slice(0, 8);
    const email = `other-${key}@buttons.example`;
    await createAccount(db(), {
      name: `Other ${key}`,
      host: `other-${key}.example`,
      manager: { email, password: 'manager-password', firstName: 'Oz', lastName: 'Other' },
    });
    const other = await TestClient.login(t.url, email, 'manager-password');
    expect((await other.get(path(campaignId))).status).toBe(404);
    expect((await other.post(path(campaignId), pricing)).status).toBe(404);
    expect((await other.get(path(campaignId, `/${mine!.id}`))).status).toBe(404);
    expect((await other.request('PUT', path(campaignId, `/${mine!.id}`), pricing)).status).toBe(404);
    expect((await other.patch(path(campaignId, `/${mine!.id}`), { enabled: false })).status).toBe(404);
    expect((await other.request('PUT', path(campaignId, '/order'), { ids: [mine!.id] })).status).toBe(404);
    expect((await other.request('DELETE', path(campaignId, `/${mine!.id}`))).status).toBe(404);
    // Its own campaign, with this account's button id: not found either.
    const own = (await other.get<{ items: Campaign[] }>('/api/campaigns')).body.items[0]!.id;
    expect((await other.get(path(own, `/${mine!.id}`))).status).toBe(404);
    expect((await other.request('DELETE', path(own, `/${mine!.id}`))).status).toBe(404);
    expect((await t.admin.get<ChatButton>(path(campaignId, `/${mine!.id}`))).body).toEqual(mine);
    // An agent is no manager.
    const agentEmail = `agent-${key}@buttons.example`;
    await other.post('/api/users', {
      email: agentEmail,
      password: 'agent-password',
      firstName: 'Ag',
      lastName: 'Ent',
      rights: 'agent',
    });
    const agent = await TestClient.login(t.url, agentEmail, 'agent-password');
    expect((await agent.get(path(own))).status).toBe(403);
  });

  it('a duplicated campaign has the same buttons; deleting a campaign deletes its buttons', async () => {
    const { campaignId } = await campaignWithSite();
    await add(campaignId, pricing);
    await add(campaignId, custom);
    const copy = await t.admin.post<Campaign>(`/api/campaigns/${campaignId}/duplicate`);
    expect(copy.status).toBe(201);
    const strip = (b: ChatButton) => {
      const { id: _i, campaignId: _c, createdAt: _a, updatedAt: _u, ...rest } = b;
      return rest;
    };
    expect((await list(copy.body.id)).map(strip)).toEqual((await list(campaignId)).map(strip));
    expect((await t.admin.request('DELETE', `/api/campaigns/${copy.body.id}`)).status).toBe(204);
    const left = await db()
      .selectFrom('chat_buttons')
      .select('id')
      .where('campaign_id', '=', copy.body.id)
      .execute();
    expect(left).toEqual([]);
  });

  it('at most 50 per campaign', async () => {
    const { campaignId } = await campaignWithSite();
    for (let i = 1; i < 50; i++) await add(campaignId, { ...custom, name: `Button ${i}` });
    const full = await t.admin.post<Fields>(path(campaignId), custom);
    expect(full.status).toBe(409);
  });
});

describe('INV-7 migration 013: every existing campaign keeps the button it had', () => {
  it('gives each campaign one default footer button, and the loader shows exactly what it showed before', async () => {
    const app = await startTestApp();
    try {
      const mdb = app.runtime.database.db;
      const sites = (await app.admin.get<WebsiteList>('/api/websites')).body.items;
      const siteId = sites[0]!.id;
      const campaign = await app.admin.post<Campaign>('/api/campaigns', {
        title: 'Dutch and green',
        language: 'nl',
        windowColor: '#2b8a3e',
        allWebsites: false,
        websiteIds: [siteId],
      });
      expect(campaign.status).toBe(201);
      // Back to before 013 (no buttons table), as a database of the previous release was …
      await m013.down(mdb as never);
      // … then the release with 013.
      await m013.up(mdb as never);
      const rows = await mdb
        .selectFrom('chat_buttons')
        .innerJoin('campaigns', 'campaigns.id', 'chat_buttons.campaign_id')
        .select([
          'chat_buttons.campaign_id',
          'chat_buttons.account_id',
          'campaigns.account_id as campaign_account',
          'placement',
          'starts',
          'pages',
          'text',
          'color',
          'side',
          'position',
          'chat_buttons.enabled',
        ])
        .execute();
      const campaigns = await mdb.selectFrom('campaigns').select('id').execute();
      expect(rows.map((r) => r.campaign_id).sort()).toEqual(campaigns.map((c) => c.id).sort());
      for (const r of rows) {
        expect(r).toMatchObject({
          placement: 'footer',
          starts: 'after_first_message',
          pages: 'all',
          text: '',
          color: '',
          side: 'right',
          position: 0,
          enabled: true,
        });
        expect(r.account_id).toBe(r.campaign_account);
      }
      // The site's widget: the campaign's colour and its language's text, bottom right, as before.
      await app.runtime.app.events.emit('widget.settings_changed', { accountId: app.admin.me!.account.id });
      const config = (await (await fetch(`${app.url}/widget/config?site=${siteId}`)).json()) as LoaderConfig;
      expect(config.campaignId).toBe(campaign.body.id);
      expect(config.buttons).toEqual([{ f: 1 }]);
      expect(config).toMatchObject({ color: '#2b8a3e', button: { position: 'right', text: 'Chat met ons' } });
      expect(
        await mdb
          .selectFrom('chat_buttons')
          .select(sql<number>`count(*)::int`.as('n'))
          .executeTakeFirst(),
      ).toEqual({
        n: campaigns.length,
      });
    } finally {
      await app.close();
    }
  });
});
