import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Group, User, UserPage, WebsiteList, Website } from '@parley/protocol';
import { startTestApp, TestClient, type TestApp } from '../../../test/harness.js';
import { createAccount } from '../../bootstrap.js';

// Nothing of account A can be read, changed or even confirmed to exist by a user of account B.
let t: TestApp;
let b: TestClient;
beforeAll(async () => {
  t = await startTestApp();
  await createAccount(t.runtime.database.db, {
    name: 'Other Co',
    host: 'www.other.example',
    manager: { email: 'boss@other.example', password: 'other-password', firstName: 'O', lastName: 'Boss' },
  });
  b = await TestClient.login(t.url, 'boss@other.example', 'other-password');
});
afterAll(() => t?.close());

describe('tenant isolation', () => {
  it('answers 404 to account B for every user, group, website and greeting of account A', async () => {
    const user = (
      await t.admin.post<User>('/api/users', {
        email: 'private@demo.example',
        password: 'long-enough-pw',
        firstName: 'P',
        lastName: 'Rivate',
        rights: 'agent',
      })
    ).body;
    const group = (await t.admin.post<Group>('/api/groups', { name: 'Secret group', userIds: [user.id] }))
      .body;
    const site = (await t.admin.get<WebsiteList>('/api/websites')).body.items[0]!;
    const campaign = (await t.admin.post<{ id: string }>('/api/campaigns', { title: 'Private campaign' }))
      .body;
    const invites = `/api/campaigns/${campaign.id}/invites`;
    const greeting = { kind: 'chat_window', title: 'Private greeting', text: 'Hello' };
    const invite = (await t.admin.post<{ id: string }>(invites, greeting)).body;

    const attempts: [string, string, unknown?][] = [
      ['GET', `/api/users/${user.id}`],
      ['PATCH', `/api/users/${user.id}`, { firstName: 'Hacked' }],
      ['DELETE', `/api/users/${user.id}`],
      ['DELETE', `/api/users/${user.id}/photo`],
      ['GET', `/api/groups/${group.id}`],
      ['PATCH', `/api/groups/${group.id}`, { name: 'Hacked' }],
      ['DELETE', `/api/groups/${group.id}`],
      ['GET', `/api/websites/${site.id}/snippet`],
      ['GET', invites],
      ['POST', invites, greeting],
      ['PUT', `${invites}/availability`, { availability: 'agents_available' }],
      ['PUT', `${invites}/order`, { ids: [invite.id] }],
      ['GET', `${invites}/${invite.id}`],
      ['PUT', `${invites}/${invite.id}`, { ...greeting, title: 'Hacked' }],
      ['PATCH', `${invites}/${invite.id}`, { enabled: false }],
      ['DELETE', `${invites}/${invite.id}`],
    ];
    for (const [method, path, body] of attempts) {
      const res = await b.request(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    // Nor can B smuggle A's ids into its own data.
    expect((await b.post('/api/groups', { name: 'Mine', userIds: [user.id] })).status).toBe(400);
    expect(
      (
        await b.post('/api/users', {
          email: 'new@other.example',
          password: 'long-enough-pw',
          firstName: 'N',
          lastName: 'U',
          rights: 'agent',
          groupIds: [group.id],
        })
      ).status,
    ).toBe(400);

    const after = await t.admin.get<User>(`/api/users/${user.id}`);
    expect(after.body).toMatchObject({ firstName: 'P', deletedAt: null, groupIds: [group.id] });
    expect((await t.admin.get<Group>(`/api/groups/${group.id}`)).body.name).toBe('Secret group');
    // A's greeting is as it was, and B's own campaign cannot take A's greeting into its order.
    const list = await t.admin.get<{ availability: string; items: { title: string; enabled: boolean }[] }>(
      invites,
    );
    expect(list.body).toMatchObject({
      availability: 'always',
      items: [{ title: 'Private greeting', enabled: true }],
    });
    const own = (await b.post<{ id: string }>('/api/campaigns', { title: 'Mine' })).body;
    const smuggled = await b.put(`/api/campaigns/${own.id}/invites/order`, { ids: [invite.id] });
    expect(smuggled.status).toBe(400);
  });

  it('lists only its own users, groups and websites', async () => {
    const users = (await b.get<UserPage>('/api/users?limit=200')).body.items.map((u) => u.email);
    expect(users).toEqual(['boss@other.example']);
    expect((await b.get<WebsiteList>('/api/websites')).body.items.map((w) => w.host)).toEqual([
      'www.other.example',
    ]);
    const groups = (await b.get<{ items: Group[] }>('/api/groups')).body.items.map((g) => g.name);
    expect(groups).not.toContain('Secret group');
  });

  it('lets two accounts add the same host (EXP-6 shared hosts)', async () => {
    const res = await b.post<Website>('/api/websites', { host: 'localhost' });
    expect(res.status).toBe(201);
  });
});

describe('email addresses across accounts (issue 10.11)', () => {
  const user = (email: string) => ({
    email,
    password: 'long-enough-pw',
    firstName: 'Eve',
    lastName: 'Probe',
    language: 'en',
    rights: 'agent',
  });

  it('says only that another account’s address cannot be used, and within the account that the user exists', async () => {
    const other = await t.admin.post('/api/users', user('BOSS@other.example'));
    expect(other.status).toBe(409);
    expect(other.body).toEqual({
      error: {
        code: 'conflict',
        message: 'This email address cannot be used',
        fields: { email: 'This email address cannot be used; choose another' },
      },
    });
    expect(JSON.stringify(other.body)).not.toMatch(/exist/i);
    const own = await b.post('/api/users', user('boss@other.example'));
    expect(own.status).toBe(409);
    expect(own.body).toMatchObject({ error: { message: 'A user with this email address already exists' } });
  });

  it('answers a change of address the same way', async () => {
    const created = await t.admin.post<User>('/api/users', user(`eve-${Date.now()}@example.com`));
    const res = await t.admin.patch(`/api/users/${created.body.id}`, { email: 'boss@other.example' });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ error: { message: 'This email address cannot be used' } });
  });
});
