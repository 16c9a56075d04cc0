import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  campaignDefaults,
  campaignTextsFor,
  type Campaign,
  type CampaignList,
  type CampaignSummaryList,
  type GoalSalesSettings,
  type Invite,
  type InviteList,
  type SuccessCodeSettings,
  type User,
  type Website,
  type WebsiteList,
} from '@parley/protocol';
import { startTestApp, TestClient, type TestApp } from '../../../test/harness.js';
import { createAccount } from '../../bootstrap.js';
import { resolveCampaignForWebsite } from './index.js';

let t: TestApp;
let localhost: Website;
beforeAll(async () => {
  t = await startTestApp();
  localhost = (await t.admin.get<WebsiteList>('/api/websites')).body.items[0]!;
});
afterAll(() => t?.close());

type Fields = { error: { code: string; message: string; fields: Record<string, string> } };

let n = 0;
const addWebsite = async () =>
  (await t.admin.post<Website>('/api/websites', { host: `site${++n}-${Date.now()}.example` })).body;
const addCampaign = async (body: Record<string, unknown> = {}) => {
  const res = await t.admin.post<Campaign>('/api/campaigns', { title: `Campaign ${++n}`, ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
};

describe('CMP-1 campaign list, add, enable, duplicate, delete', () => {
  it('adds a campaign with only a title, filling in the defaults', async () => {
    const res = await t.admin.post<Campaign>('/api/campaigns', { title: '  Spring sale  ' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      ...campaignDefaults,
      title: 'Spring sale',
      id: expect.any(String),
      logoUrl: null,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect((await t.admin.get<Campaign>(`/api/campaigns/${res.body.id}`)).body).toEqual(res.body);
  });

  it('starts a campaign in another language with that language’s window texts; given texts stay', async () => {
    const nl = await addCampaign({ title: 'Dutch defaults', language: 'nl' });
    expect(nl).toMatchObject({ language: 'nl', ...campaignTextsFor('nl') });
    const own = await addCampaign({ title: 'Own opening', language: 'de', openingText: 'Moin!' });
    expect(own).toMatchObject({ ...campaignTextsFor('de'), openingText: 'Moin!' });
  });

  it('lists full campaigns by title, and the short form on request', async () => {
    const b = await addCampaign({ title: 'beta list' });
    const a = await addCampaign({ title: 'Alpha list' });
    const full = (await t.admin.get<CampaignList>('/api/campaigns')).body.items;
    const titles = full.map((c) => c.title);
    expect(titles.indexOf('Alpha list')).toBeLessThan(titles.indexOf('beta list'));
    expect(full.find((c) => c.id === a.id)).toEqual(a);
    const short = (await t.admin.get<CampaignSummaryList>('/api/campaigns?summary=true')).body.items;
    expect(short.find((c) => c.id === b.id)).toEqual({ id: b.id, title: 'beta list', enabled: true });
    expect(short.map((c) => c.title)).toEqual(titles);
  });

  it('allows two campaigns with the same title', async () => {
    await addCampaign({ title: 'Twin' });
    const res = await t.admin.post('/api/campaigns', { title: 'Twin' });
    expect(res.status).toBe(201);
  });

  it('disables and enables a campaign', async () => {
    const c = await addCampaign();
    expect((await t.admin.patch<Campaign>(`/api/campaigns/${c.id}`, { enabled: false })).body.enabled).toBe(
      false,
    );
    expect((await t.admin.get<Campaign>(`/api/campaigns/${c.id}`)).body.enabled).toBe(false);
    expect((await t.admin.patch<Campaign>(`/api/campaigns/${c.id}`, { enabled: true })).body.enabled).toBe(
      true,
    );
  });

  it('duplicates a campaign: same settings, websites and logo, titled "(copy)", disabled', async () => {
    const site = await addWebsite();
    const c = await addCampaign({
      title: 'Original',
      allWebsites: false,
      websiteIds: [site.id],
      windowColor: '#aa0000',
      openingText: 'Hi there',
      autoForwardEnabled: true,
      autoForwardSeconds: 45,
    });
    const logo = await t.admin.post<Campaign>(`/api/campaigns/${c.id}/logo`, form(png, 'logo.png'));
    const res = await t.admin.post<Campaign>(`/api/campaigns/${c.id}/duplicate`);
    expect(res.status).toBe(201);
    const { id, title, enabled, logoUrl, createdAt, updatedAt, ...settings } = res.body;
    expect(id).not.toBe(c.id);
    expect({ title, enabled }).toEqual({ title: 'Original (copy)', enabled: false });
    expect(createdAt).toEqual(expect.any(String));
    expect(updatedAt).toEqual(expect.any(String));
    const {
      id: _i,
      title: _t,
      enabled: _e,
      logoUrl: _l,
      createdAt: _c,
      updatedAt: _u,
      ...original
    } = logo.body;
    expect(settings).toEqual(original);
    // The copy has its own logo file: removing the original's leaves the copy's.
    expect(logoUrl).toMatch(/^\/files\//);
    expect(logoUrl).not.toBe(logo.body.logoUrl);
    await t.admin.delete(`/api/campaigns/${c.id}/logo`);
    expect((await fetch(t.url + logoUrl!)).status).toBe(200);
  });

  it('duplicates the greetings with their moments and order, and the buttons’ and greetings’ availability (INV-1…6)', async () => {
    const c = await addCampaign({ title: 'With greetings' });
    const moments = [
      {
        name: 'Checkout',
        criteria: [
          { kind: 'current_page', match: 'contains', url: '/checkout' },
          { kind: 'time_on_page', operator: '>=', minutes: 1 },
        ],
      },
    ];
    const first = await t.admin.post<Invite>(`/api/campaigns/${c.id}/invites`, {
      kind: 'yes_no',
      title: 'Need help?',
      text: 'Ask us.',
      acceptText: 'Yes',
      declineText: 'No',
      moments,
    });
    const second = await t.admin.post<Invite>(`/api/campaigns/${c.id}/invites`, {
      kind: 'chat_window',
      title: 'Hello',
      text: 'Looking for something?',
      enabled: false,
    });
    await t.admin.request('PUT', `/api/campaigns/${c.id}/invites/order`, {
      ids: [second.body.id, first.body.id],
    });
    await t.admin.request('PUT', `/api/campaigns/${c.id}/invites/availability`, {
      availability: 'agents_logged_in',
    });
    await t.admin.request('PUT', `/api/campaigns/${c.id}/buttons/settings`, {
      availability: 'agents_available',
      offlineText: 'Leave us a note.',
    });

    const copy = (await t.admin.post<Campaign>(`/api/campaigns/${c.id}/duplicate`)).body;
    const list = (await t.admin.get<InviteList>(`/api/campaigns/${copy.id}/invites`)).body;
    expect(list.availability).toBe('agents_logged_in');
    const shape = (i: Invite) => {
      const { id: _i, campaignId: _c, createdAt: _a, updatedAt: _u, ...rest } = i;
      return rest;
    };
    const original = (await t.admin.get<InviteList>(`/api/campaigns/${c.id}/invites`)).body.items;
    expect(list.items.map(shape)).toEqual(original.map(shape));
    expect(list.items.map((i) => i.title)).toEqual(['Hello', 'Need help?']);
    expect(list.items.map((i) => i.id)).not.toContain(first.body.id);
    expect(list.items.every((i) => i.campaignId === copy.id)).toBe(true);
    expect((await t.admin.get(`/api/campaigns/${copy.id}/buttons/settings`)).body).toEqual({
      availability: 'agents_available',
      offlineText: 'Leave us a note.',
    });
    // Each campaign owns its greetings: editing the copy's leaves the original's.
    await t.admin.delete(`/api/campaigns/${copy.id}/invites/${list.items[0]!.id}`);
    expect((await t.admin.get<InviteList>(`/api/campaigns/${c.id}/invites`)).body.items).toHaveLength(2);
  });

  it('duplicates the Goals tab: success codes, survey, goals and GA4, new ids, deleted ones left (GOL-1…3, GOL-5)', async () => {
    const c = await addCampaign({ title: 'With goals' });
    const codesPath = (id: string) => `/api/campaigns/${id}/goals/success-codes`;
    const surveyPath = (id: string) => `/api/campaigns/${id}/goals/survey`;
    const salesPath = (id: string) => `/api/campaigns/${id}/goals/sales`;
    const codes = (
      await t.admin.put<SuccessCodeSettings>(codesPath(c.id), {
        allowMultiple: true,
        required: true,
        codes: [{ name: 'Sale' }, { name: 'Lead' }, { name: 'Dropped' }, { name: 'Support' }],
      })
    ).body;
    // A code deleted from the list stays for its chats; the copy does not take it.
    await t.admin.put(codesPath(c.id), {
      allowMultiple: true,
      required: true,
      codes: codes.codes.filter((x) => x.name !== 'Dropped').reverse(),
    });
    const survey = {
      enabled: true,
      scale: 'thumbs',
      question: 'Did we help?',
      comment: true,
      commentText: 'Tell us more',
      thanks: true,
      thanksText: 'Thanks!',
    };
    expect((await t.admin.put(surveyPath(c.id), survey)).status).toBe(200);
    const checkout = { kind: 'current_page', match: 'contains', url: '/checkout/done' };
    const goals = (
      await t.admin.put<GoalSalesSettings>(salesPath(c.id), {
        ga4: true,
        goals: [
          { title: 'Order', moments: [{ name: 'Done', criteria: [checkout] }], valueKind: 'changing' },
          { title: 'Old goal', moments: [], valueKind: 'none' },
          { title: 'Newsletter', moments: [], valueKind: 'fixed', value: '2,50' },
          { title: 'Contact', moments: [], valueKind: 'none' },
        ],
      })
    ).body;
    // Deleted goals stay for their goal events (docs/goals.md); the copy does not take them.
    await t.admin.put(salesPath(c.id), {
      ga4: true,
      goals: [goals.goals[3], goals.goals[0], goals.goals[2]],
    });
    const before = {
      codes: (await t.admin.get<SuccessCodeSettings>(codesPath(c.id))).body,
      survey: (await t.admin.get(surveyPath(c.id))).body,
      sales: (await t.admin.get<GoalSalesSettings>(salesPath(c.id))).body,
    };
    expect(before.codes.codes.map((x) => x.name)).toEqual(['Support', 'Lead', 'Sale']);
    expect(before.sales.goals.map((g) => [g.title, g.valueKind, g.value])).toEqual([
      ['Contact', 'none', ''],
      ['Order', 'changing', ''],
      ['Newsletter', 'fixed', '2.5'],
    ]);

    const copy = (await t.admin.post<Campaign>(`/api/campaigns/${c.id}/duplicate`)).body;
    const copied = {
      codes: (await t.admin.get<SuccessCodeSettings>(codesPath(copy.id))).body,
      survey: (await t.admin.get(surveyPath(copy.id))).body,
      sales: (await t.admin.get<GoalSalesSettings>(salesPath(copy.id))).body,
    };
    const noIds = <T extends { id: string }>(xs: T[]) => xs.map(({ id: _id, ...rest }) => rest);
    expect({ ...copied.codes, codes: noIds(copied.codes.codes) }).toEqual({
      ...before.codes,
      codes: noIds(before.codes.codes),
    });
    expect(copied.survey).toEqual(survey);
    expect({ ...copied.sales, goals: noIds(copied.sales.goals) }).toEqual({
      ...before.sales,
      goals: noIds(before.sales.goals),
    });
    expect(copied.sales.goals[1]!.moments).toEqual([{ name: 'Done', criteria: [checkout] }]);
    const oldIds = [...codes.codes, ...goals.goals].map((x) => x.id);
    for (const x of [...copied.codes.codes, ...copied.sales.goals]) expect(oldIds).not.toContain(x.id);
    // The copy's rows: the account's, none deleted (the deleted code and goal stayed with the original).
    const db = t.runtime.database.db;
    const rowsOf = async (table: 'success_codes' | 'goals', campaignId: string) =>
      db
        .selectFrom(table)
        .select(['account_id', 'deleted_at'])
        .where('campaign_id', '=', campaignId)
        .execute();
    const accountId = t.admin.me!.account.id;
    for (const table of ['success_codes', 'goals'] as const) {
      expect(await rowsOf(table, copy.id)).toEqual(
        Array.from({ length: 3 }, () => ({ account_id: accountId, deleted_at: null })),
      );
      expect(await rowsOf(table, c.id)).toHaveLength(4);
    }

    // Each campaign owns its lists: changing the copy's leaves the original's as it was.
    await t.admin.put(codesPath(copy.id), { allowMultiple: false, required: false, codes: [] });
    await t.admin.put(salesPath(copy.id), { ga4: false, goals: [copied.sales.goals[0]] });
    await t.admin.put(surveyPath(copy.id), { ...survey, enabled: false });
    expect((await t.admin.get(codesPath(c.id))).body).toEqual(before.codes);
    expect((await t.admin.get(surveyPath(c.id))).body).toEqual(before.survey);
    expect((await t.admin.get(salesPath(c.id))).body).toEqual(before.sales);

    // Another account can neither duplicate the campaign nor read the copy's lists.
    const key = Date.now();
    await createAccount(db, {
      name: 'Goals Co',
      host: `goals-${key}.example`,
      manager: {
        email: `goals-${key}@other.example`,
        password: 'other-password',
        firstName: 'G',
        lastName: 'O',
      },
    });
    const b = await TestClient.login(t.url, `goals-${key}@other.example`, 'other-password');
    expect((await b.post(`/api/campaigns/${c.id}/duplicate`)).status).toBe(404);
    for (const path of [codesPath(copy.id), surveyPath(copy.id), salesPath(copy.id)])
      expect((await b.get(path)).status, path).toBe(404);
    const accountB = b.me!.account.id;
    for (const table of ['success_codes', 'goals'] as const) {
      const theirs = await db.selectFrom(table).select('id').where('account_id', '=', accountB).execute();
      expect(theirs).toEqual([]);
    }
  });

  it('keeps a duplicated long title within 100 characters', async () => {
    const c = await addCampaign({ title: 'x'.repeat(100) });
    const copy = (await t.admin.post<Campaign>(`/api/campaigns/${c.id}/duplicate`)).body;
    expect(copy.title).toHaveLength(100);
    expect(copy.title.endsWith(' (copy)')).toBe(true);
  });

  it('deletes a campaign; its chats keep their rows without a campaign', async () => {
    const c = await addCampaign();
    const db = t.runtime.database.db;
    const accountId = t.admin.me!.account.id;
    const visitor = await db
      .insertInto('visitors')
      .values({ account_id: accountId, token_hash: `h-${Date.now()}` })
      .returning('id')
      .executeTakeFirstOrThrow();
    const chat = await db
      .insertInto('chats')
      .values({ account_id: accountId, campaign_id: c.id, visitor_id: visitor.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect((await t.admin.delete(`/api/campaigns/${c.id}`)).status).toBe(204);
    expect((await t.admin.get(`/api/campaigns/${c.id}`)).status).toBe(404);
    expect((await t.admin.delete(`/api/campaigns/${c.id}`)).status).toBe(404);
    const kept = await db
      .selectFrom('chats')
      .select('campaign_id')
      .where('id', '=', chat.id)
      .executeTakeFirst();
    expect(kept).toEqual({ campaign_id: null });
  });

  it('answers 404 for an unknown campaign and 400 for a malformed id', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await t.admin.get(`/api/campaigns/${unknown}`)).status).toBe(404);
    expect((await t.admin.patch(`/api/campaigns/${unknown}`, { title: 'X' })).status).toBe(404);
    expect((await t.admin.post(`/api/campaigns/${unknown}/duplicate`)).status).toBe(404);
    expect((await t.admin.get('/api/campaigns/not-a-uuid')).status).toBe(400);
  });
});

describe('CMP-2…CMP-8 General tab', () => {
  it('changes every field and reads it back', async () => {
    const c = await addCampaign();
    const s1 = await addWebsite();
    const s2 = await addWebsite();
    const patch = {
      title: 'Renamed',
      enabled: false,
      language: 'nl',
      theme: 'dark',
      allWebsites: false,
      websiteIds: [s1.id, s2.id],
      windowColor: '#12ab34',
      windowTitle: 'Praat met ons',
      customCss: '.header { color: red; }',
      prechatEnabled: true,
      prechatText: 'Wilt u chatten?',
      prechatButtonText: 'Start',
      prechatMode: 'first_time',
      openingText: 'Hallo!',
      openingReminder: true,
      closingText: 'Dag!',
      autoForwardEnabled: true,
      autoForwardSeconds: 10,
      autoForwardAvoidSameLevel: true,
      visitorLeftAfterSeconds: 120,
      closeAfterMinutes: 30,
    };
    const res = await t.admin.patch<Campaign>(`/api/campaigns/${c.id}`, patch);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const read = (await t.admin.get<Campaign>(`/api/campaigns/${c.id}`)).body;
    for (const r of [res.body, read]) {
      expect({ ...r, websiteIds: [...r.websiteIds].sort() }).toMatchObject({
        ...patch,
        websiteIds: [s1.id, s2.id].sort(),
      });
    }
    expect(Date.parse(read.updatedAt)).toBeGreaterThanOrEqual(Date.parse(c.updatedAt));

    // Back to all websites and no own CSS; a partial patch leaves the rest alone.
    const back = await t.admin.patch<Campaign>(`/api/campaigns/${c.id}`, {
      allWebsites: true,
      customCss: null,
    });
    expect(back.body).toMatchObject({ allWebsites: true, customCss: null, title: 'Renamed', theme: 'dark' });
    const blank = await t.admin.patch<Campaign>(`/api/campaigns/${c.id}`, { customCss: '  ' });
    expect(blank.body.customCss).toBeNull();
  });

  it('answers 400 with a message per field and stores nothing', async () => {
    const c = await addCampaign();
    const cases: [Record<string, unknown>, string, string][] = [
      [{ autoForwardSeconds: 5 }, 'autoForwardSeconds', 'At least 10 seconds'],
      [{ autoForwardSeconds: 61 }, 'autoForwardSeconds', 'At most 60 seconds'],
      [{ autoForwardSeconds: 12.5 }, 'autoForwardSeconds', 'Whole seconds'],
      [{ windowColor: 'red' }, 'windowColor', 'Use a colour like #1c7ed6'],
      [{ windowColor: '#12345' }, 'windowColor', 'Use a colour like #1c7ed6'],
      [{ title: '   ' }, 'title', 'Enter a title'],
      [{ prechatButtonText: '' }, 'prechatButtonText', 'Enter the button text'],
      [{ websiteIds: ['nope'] }, 'websiteIds.0', 'Must be a valid id'],
    ];
    for (const [body, field, message] of cases) {
      const res = await t.admin.patch<Fields>(`/api/campaigns/${c.id}`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.fields[field], JSON.stringify(body)).toBe(message);
    }
    const created = await t.admin.post<Fields>('/api/campaigns', { title: '', autoForwardSeconds: 5 });
    expect(created.status).toBe(400);
    expect(created.body.error.fields).toEqual({
      title: 'Enter a title',
      autoForwardSeconds: 'At least 10 seconds',
    });
    expect((await t.admin.post<Fields>('/api/campaigns', {})).body.error.fields).toHaveProperty('title');
    expect((await t.admin.get<Campaign>(`/api/campaigns/${c.id}`)).body).toEqual(c);
  });

  it('CMP-3: specific websites need at least one, and only known ones', async () => {
    const c = await addCampaign();
    const none = await t.admin.patch<Fields>(`/api/campaigns/${c.id}`, { allWebsites: false });
    expect(none.status).toBe(400);
    expect(none.body.error.fields).toEqual({ websiteIds: 'Choose at least one website' });
    const empty = await t.admin.patch<Fields>(`/api/campaigns/${c.id}`, {
      allWebsites: false,
      websiteIds: [],
    });
    expect(empty.body.error.fields).toEqual({ websiteIds: 'Choose at least one website' });
    const onCreate = await t.admin.post<Fields>('/api/campaigns', { title: 'No sites', allWebsites: false });
    expect(onCreate.status).toBe(400);
    expect(onCreate.body.error.fields).toEqual({ websiteIds: 'Choose at least one website' });

    const unknown = '00000000-0000-4000-8000-000000000001';
    const bad = await t.admin.patch<Fields>(`/api/campaigns/${c.id}`, {
      allWebsites: false,
      websiteIds: [localhost.id, unknown],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual({ websiteIds: `Unknown website: ${unknown}` });
    expect((await t.admin.get<Campaign>(`/api/campaigns/${c.id}`)).body).toMatchObject({
      allWebsites: true,
      websiteIds: [],
    });

    // "Add Website": the new website is added, then chosen.
    const site = await addWebsite();
    const ok = await t.admin.patch<Campaign>(`/api/campaigns/${c.id}`, {
      allWebsites: false,
      websiteIds: [site.id, site.id],
    });
    expect(ok.body).toMatchObject({ allWebsites: false, websiteIds: [site.id] });
    // Clearing the list while specific is refused; switching to all websites is not.
    expect((await t.admin.patch(`/api/campaigns/${c.id}`, { websiteIds: [] })).status).toBe(400);
    expect(
      (await t.admin.patch(`/api/campaigns/${c.id}`, { allWebsites: true, websiteIds: [] })).status,
    ).toBe(200);
  });
});

const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
function form(data: Buffer, name: string, type = 'image/png') {
  const f = new FormData();
  f.append('file', new Blob([new Uint8Array(data)], { type }), name);
  return f;
}

describe('CMP-2 logo', () => {
  it('stores a logo, serves it, replaces it and removes it', async () => {
    const c = await addCampaign();
    const up = await t.admin.post<Campaign>(`/api/campaigns/${c.id}/logo`, form(png, 'logo.png'));
    expect(up.status).toBe(200);
    expect(up.body.logoUrl).toMatch(/^\/files\/[0-9a-f-]{36}$/);
    const file = await fetch(t.url + up.body.logoUrl);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await file.arrayBuffer()).equals(png)).toBe(true);
    expect((await t.admin.get<Campaign>(`/api/campaigns/${c.id}`)).body.logoUrl).toBe(up.body.logoUrl);

    const again = await t.admin.post<Campaign>(`/api/campaigns/${c.id}/logo`, form(png, 'new.png'));
    expect(again.body.logoUrl).not.toBe(up.body.logoUrl);
    expect((await fetch(t.url + up.body.logoUrl)).status).toBe(404);

    const removed = await t.admin.delete<Campaign>(`/api/campaigns/${c.id}/logo`);
    expect(removed.status).toBe(200);
    expect(removed.body.logoUrl).toBeNull();
    expect((await fetch(t.url + again.body.logoUrl)).status).toBe(404);
  });

  it('refuses something that is not an image with 415', async () => {
    const c = await addCampaign();
    const res = await t.admin.post<Fields>(
      `/api/campaigns/${c.id}/logo`,
      form(Buffer.from('<svg onload="alert(1)"/>'), 'logo.png'),
    );
    expect(res.status).toBe(415);
    expect(res.body.error.fields).toHaveProperty('file');
    expect((await t.admin.get<Campaign>(`/api/campaigns/${c.id}`)).body.logoUrl).toBeNull();
  });

  it('refuses a logo over 1 MB with 413', async () => {
    const c = await addCampaign();
    const big = Buffer.concat([png, Buffer.alloc(1024 * 1024 + 10)]);
    const res = await t.admin.post<Fields>(`/api/campaigns/${c.id}/logo`, form(big, 'big.png'));
    expect(res.status).toBe(413);
    expect(res.body.error.fields).toHaveProperty('file');
  });

  it('deletes the logo file with the campaign', async () => {
    const c = await addCampaign();
    const up = await t.admin.post<Campaign>(`/api/campaigns/${c.id}/logo`, form(png, 'logo.png'));
    await t.admin.delete(`/api/campaigns/${c.id}`);
    expect((await fetch(t.url + up.body.logoUrl)).status).toBe(404);
  });
});

describe('rights and tenant isolation', () => {
  it('refuses an agent with 403 on every route', async () => {
    const email = `agent-${Date.now()}@example.com`;
    await t.admin.post<User>('/api/users', {
      email,
      password: 'long-enough-pw',
      firstName: 'A',
      lastName: 'Gent',
      rights: 'agent',
    });
    const agent = await TestClient.login(t.url, email, 'long-enough-pw');
    const c = await addCampaign();
    const attempts: [string, string, unknown?][] = [
      ['GET', '/api/campaigns'],
      ['GET', '/api/campaigns?summary=true'],
      ['POST', '/api/campaigns', { title: 'Mine' }],
      ['GET', `/api/campaigns/${c.id}`],
      ['PATCH', `/api/campaigns/${c.id}`, { title: 'Hacked' }],
      ['DELETE', `/api/campaigns/${c.id}`],
      ['POST', `/api/campaigns/${c.id}/duplicate`],
      ['POST', `/api/campaigns/${c.id}/logo`, form(png, 'x.png')],
      ['DELETE', `/api/campaigns/${c.id}/logo`],
    ];
    for (const [method, path, body] of attempts) {
      expect((await agent.request(method, path, body)).status, `${method} ${path}`).toBe(403);
    }
    expect((await t.admin.get<Campaign>(`/api/campaigns/${c.id}`)).body).toEqual(c);
  });

  it('answers 404 to another account for every route, and refuses its websites', async () => {
    await createAccount(t.runtime.database.db, {
      name: 'Other Co',
      host: 'www.other.example',
      manager: { email: 'boss@other.example', password: 'other-password', firstName: 'O', lastName: 'Boss' },
    });
    const b = await TestClient.login(t.url, 'boss@other.example', 'other-password');
    const c = await addCampaign({ allWebsites: false, websiteIds: [localhost.id] });
    const attempts: [string, string, unknown?][] = [
      ['GET', `/api/campaigns/${c.id}`],
      ['PATCH', `/api/campaigns/${c.id}`, { title: 'Hacked' }],
      ['DELETE', `/api/campaigns/${c.id}`],
      ['POST', `/api/campaigns/${c.id}/duplicate`],
      ['POST', `/api/campaigns/${c.id}/logo`, form(png, 'x.png')],
      ['DELETE', `/api/campaigns/${c.id}/logo`],
    ];
    for (const [method, path, body] of attempts) {
      expect((await b.request(method, path, body)).status, `${method} ${path}`).toBe(404);
    }
    // B sees only its own default campaign.
    expect((await b.get<CampaignList>('/api/campaigns')).body.items.map((x) => x.title)).toEqual([
      'Website chat',
    ]);
    expect(
      (await b.get<CampaignSummaryList>('/api/campaigns?summary=true')).body.items.map((x) => x.title),
    ).toEqual(['Website chat']);

    const smuggled = await b.post<Fields>('/api/campaigns', {
      title: 'Mine',
      allWebsites: false,
      websiteIds: [localhost.id],
    });
    expect(smuggled.status).toBe(400);
    expect(smuggled.body.error.fields).toEqual({ websiteIds: `Unknown website: ${localhost.id}` });
    const own = (await b.post<Campaign>('/api/campaigns', { title: 'Mine' })).body;
    expect((await b.patch(`/api/campaigns/${own.id}`, { websiteIds: [localhost.id] })).status).toBe(400);

    expect((await t.admin.get<Campaign>(`/api/campaigns/${c.id}`)).body).toEqual(c);
    // B's all-websites campaign never serves A's website.
    const accountB = b.me!.account.id;
    expect(await resolveCampaignForWebsite(t.runtime.database.db, accountB, localhost.id)).toBeUndefined();
  });
});

describe('CMP-3 which campaign serves a page', () => {
  // Each case in its own account, so the Demo account's other campaigns do not take part.
  let seq = 0;
  async function freshAccount() {
    const i = ++seq;
    const { account, website, campaign } = await createAccount(t.runtime.database.db, {
      name: `Serving ${i}`,
      host: `serving${i}.example`,
      manager: {
        email: `serving${i}@example.com`,
        password: 'serving-password',
        firstName: 'S',
        lastName: 'M',
      },
    });
    const client = await TestClient.login(t.url, `serving${i}@example.com`, 'serving-password');
    // Start without the default campaign every new account gets.
    await client.delete(`/api/campaigns/${campaign.id}`);
    const other = (await client.post<Website>('/api/websites', { host: `other${i}.example` })).body;
    const add = async (title: string, body: Record<string, unknown> = {}) =>
      (await client.post<Campaign>('/api/campaigns', { title, ...body })).body;
    const serving = async (websiteId = website.id) =>
      (await resolveCampaignForWebsite(t.runtime.database.db, account.id, websiteId))?.title;
    const setCreatedAt = (id: string, at: string) =>
      t.runtime.database.db.updateTable('campaigns').set({ created_at: at }).where('id', '=', id).execute();
    return { client, site: website, other, add, serving, setCreatedAt };
  }

  it('serves nothing without an enabled campaign', async () => {
    const a = await freshAccount();
    expect(await a.serving()).toBeUndefined();
    await a.add('Off', { enabled: false });
    expect(await a.serving()).toBeUndefined();
  });

  it('prefers the campaign naming the website over an all-websites one, even an older one', async () => {
    const a = await freshAccount();
    await a.add('All');
    const specific = await a.add('Specific', { allWebsites: false, websiteIds: [a.site.id] });
    expect(await a.serving()).toBe('Specific');
    // The other website is served by the all-websites campaign only.
    expect(await a.serving(a.other.id)).toBe('All');
    // Disabled, the specific one gives way.
    await a.client.patch(`/api/campaigns/${specific.id}`, { enabled: false });
    expect(await a.serving()).toBe('All');
  });

  it('never serves a disabled campaign, and not a website outside a campaign’s list', async () => {
    const a = await freshAccount();
    await a.add('Other only', { allWebsites: false, websiteIds: [a.other.id] });
    await a.add('Disabled all', { enabled: false });
    expect(await a.serving()).toBeUndefined();
    expect(await a.serving(a.other.id)).toBe('Other only');
  });

  it('serves the oldest among equals, then the smallest id', async () => {
    const a = await freshAccount();
    const young = await a.add('Young');
    const old = await a.add('Old');
    await a.setCreatedAt(young.id, '2026-02-01T00:00:00Z');
    await a.setCreatedAt(old.id, '2026-01-01T00:00:00Z');
    expect(await a.serving()).toBe('Old');
    await a.setCreatedAt(young.id, '2026-01-01T00:00:00Z');
    expect(await a.serving()).toBe(young.id < old.id ? 'Young' : 'Old');

    const s1 = await a.add('Spec young', { allWebsites: false, websiteIds: [a.site.id] });
    const s2 = await a.add('Spec old', { allWebsites: false, websiteIds: [a.site.id] });
    await a.setCreatedAt(s1.id, '2026-03-02T00:00:00Z');
    await a.setCreatedAt(s2.id, '2026-03-01T00:00:00Z');
    expect(await a.serving()).toBe('Spec old');
  });

  it('counts a remembered list under "all websites" as all websites', async () => {
    const a = await freshAccount();
    const listed = await a.add('Listed', { allWebsites: false, websiteIds: [a.site.id] });
    await a.client.patch(`/api/campaigns/${listed.id}`, { allWebsites: true });
    const specific = await a.add('Specific', { allWebsites: false, websiteIds: [a.site.id] });
    await a.setCreatedAt(listed.id, '2026-01-01T00:00:00Z');
    await a.setCreatedAt(specific.id, '2026-06-01T00:00:00Z');
    expect(await a.serving()).toBe('Specific');
  });
});

describe('OpenAPI', () => {
  it('documents the campaign routes', async () => {
    const doc = (await (await fetch(`${t.url}/api/docs/json`)).json()) as {
      paths: Record<string, Record<string, { tags?: string[] }>>;
    };
    for (const p of [
      '/api/campaigns',
      '/api/campaigns/{id}',
      '/api/campaigns/{id}/duplicate',
      '/api/campaigns/{id}/logo',
    ]) {
      expect(Object.values(doc.paths[p] ?? {}).length, p).toBeGreaterThan(0);
      for (const op of Object.values(doc.paths[p]!)) expect(op.tags).toEqual(['campaigns']);
    }
  });
});
