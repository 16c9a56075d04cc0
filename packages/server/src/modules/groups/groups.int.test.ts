import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Group, GroupPage, User } from '@parley/protocol';
import { startTestApp, type TestApp } from '../../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const user = async (last: string) =>
  (
    await t.admin.post<User>('/api/users', {
      email: `${last.toLowerCase()}-${Date.now()}@example.com`,
      password: 'long-enough-pw',
      firstName: 'G',
      lastName: last,
      rights: 'agent',
    })
  ).body;

describe('USR-7 groups', () => {
  it('adds a group with users, edits it, lists and searches it, deletes it', async () => {
    const a = await user('Alpha');
    const b = await user('Beta');
    const created = await t.admin.post<Group>('/api/groups', { name: 'Night shift', userIds: [a.id] });
    expect(created.status).toBe(201);
    expect(created.body.userIds).toEqual([a.id]);
    expect((await t.admin.get<User>(`/api/users/${a.id}`)).body.groupIds).toEqual([created.body.id]);

    const edited = await t.admin.patch<Group>(`/api/groups/${created.body.id}`, {
      name: 'Night crew',
      userIds: [a.id, b.id],
    });
    expect(edited.body).toMatchObject({ name: 'Night crew' });
    expect(edited.body.userIds.sort()).toEqual([a.id, b.id].sort());

    const found = await t.admin.get<GroupPage>('/api/groups?q=crew');
    expect(found.body.items.map((g) => g.name)).toEqual(['Night crew']);

    expect((await t.admin.delete(`/api/groups/${created.body.id}`)).status).toBe(204);
    expect((await t.admin.get(`/api/groups/${created.body.id}`)).status).toBe(404);
    expect((await t.admin.get<User>(`/api/users/${a.id}`)).body.groupIds).toEqual([]);
  });

  it('answers 409 on a duplicate name and 400 on an empty one', async () => {
    await t.admin.post('/api/groups', { name: 'Weekend' });
    const dup = await t.admin.post('/api/groups', { name: 'weekend' });
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ error: { fields: { name: expect.any(String) } } });
    const empty = await t.admin.post('/api/groups', { name: '  ' });
    expect(empty.status).toBe(400);
    expect(empty.body).toMatchObject({ error: { fields: { name: 'Enter a group name' } } });
  });

  it('does not list deleted users as members, and brings them back on restore', async () => {
    const c = await user('Gamma');
    const g = (await t.admin.post<Group>('/api/groups', { name: 'Restorers', userIds: [c.id] })).body;
    await t.admin.delete(`/api/users/${c.id}`);
    expect((await t.admin.get<Group>(`/api/groups/${g.id}`)).body.userIds).toEqual([]);
    await t.admin.patch(`/api/users/${c.id}`, { deleted: false });
    expect((await t.admin.get<Group>(`/api/groups/${g.id}`)).body.userIds).toEqual([c.id]);
  });

  it('pages through groups', async () => {
    for (let i = 0; i < 5; i++) await t.admin.post('/api/groups', { name: `Page ${i}` });
    const first = await t.admin.get<GroupPage>('/api/groups?q=Page&limit=2');
    expect(first.body.items.map((g) => g.name)).toEqual(['Page 0', 'Page 1']);
    const second = await t.admin.get<GroupPage>(`/api/groups?q=Page&limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((g) => g.name)).toEqual(['Page 2', 'Page 3']);
  });
});
