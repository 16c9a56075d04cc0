import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Group, User, UserPage } from '@parley/protocol';
import { startTestApp, TestClient, type TestApp } from '../../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

let n = 0;
const newUser = (extra: Record<string, unknown> = {}) => ({
  email: `user${++n}-${Date.now()}@example.com`,
  password: 'long-enough-pw',
  firstName: 'Ann',
  lastName: `Smith${n}`,
  language: 'en',
  rights: 'agent',
  ...extra,
});

describe('USR-2 add user', () => {
  it('creates a user with all profile fields and unlimited limits by default', async () => {
    const res = await t.admin.post<User>(
      '/api/users',
      newUser({ nickname: 'Annie', language: 'nl', rights: 'manager' }),
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      firstName: 'Ann',
      nickname: 'Annie',
      language: 'nl',
      rights: 'manager',
      liveChatLimit: null,
      nrtChatLimit: null,
      showPhoto: true,
      ipAllowlist: null,
      groupIds: [],
      deletedAt: null,
      photoUrl: null,
    });
    expect(res.body).not.toHaveProperty('password');
    expect(res.body).not.toHaveProperty('passwordHash');
  });

  it('answers 409 on a duplicate email, whatever its case', async () => {
    const body = newUser();
    expect((await t.admin.post('/api/users', body)).status).toBe(201);
    const dup = await t.admin.post('/api/users', { ...body, email: body.email.toUpperCase() });
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ error: { code: 'conflict', fields: { email: expect.any(String) } } });
  });

  it('answers 400 with a message per field and stores nothing', async () => {
    const before = (await t.admin.get<UserPage>('/api/users')).body.total;
    const res = await t.admin.post('/api/users', {
      email: 'not-an-email',
      password: 'short',
      firstName: '',
      lastName: 'X',
      rights: 'owner',
      liveChatLimit: 0,
    });
    expect(res.status).toBe(400);
    const fields = (res.body as { error: { fields: Record<string, string> } }).error.fields;
    expect(Object.keys(fields).sort()).toEqual(['email', 'firstName', 'liveChatLimit', 'password', 'rights']);
    expect(fields.password).toBe('Use at least 10 characters');
    expect((await t.admin.get<UserPage>('/api/users')).body.total).toBe(before);
  });

  it('rejects groups of another account or unknown ones', async () => {
    const res = await t.admin.post(
      '/api/users',
      newUser({ groupIds: ['00000000-0000-4000-8000-000000000001'] }),
    );
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      error: { fields: { groupIds: expect.stringContaining('Unknown group') } },
    });
  });

  it('lets the new user sign in with the password it was given', async () => {
    const body = newUser();
    await t.admin.post('/api/users', body);
    const c = await TestClient.login(t.url, body.email, body.password);
    expect(c.me?.user.email).toBe(body.email);
  });
});

describe('USR-3..5 edit user', () => {
  it('sets and clears the live and NRT limits (null = unlimited)', async () => {
    const { body: u } = await t.admin.post<User>('/api/users', newUser());
    const set = await t.admin.patch<User>(`/api/users/${u.id}`, {
      liveChatLimit: 28,
      nrtChatLimit: 15,
      showPhoto: false,
    });
    expect(set.body).toMatchObject({ liveChatLimit: 28, nrtChatLimit: 15, showPhoto: false });
    const cleared = await t.admin.patch<User>(`/api/users/${u.id}`, { liveChatLimit: null });
    expect(cleared.body).toMatchObject({ liveChatLimit: null, nrtChatLimit: 15 });
    const bad = await t.admin.patch(`/api/users/${u.id}`, { nrtChatLimit: 2.5 });
    expect(bad.status).toBe(400);
  });

  it('changes names, email and groups', async () => {
    const g1 = (await t.admin.post<Group>('/api/groups', { name: `Sales ${n}` })).body;
    const g2 = (await t.admin.post<Group>('/api/groups', { name: `Support ${n}` })).body;
    const { body: u } = await t.admin.post<User>('/api/users', newUser({ groupIds: [g1.id] }));
    expect(u.groupIds).toEqual([g1.id]);
    const res = await t.admin.patch<User>(`/api/users/${u.id}`, {
      firstName: 'Bea',
      email: `renamed-${u.email}`,
      groupIds: [g2.id],
    });
    expect(res.body).toMatchObject({ firstName: 'Bea', email: `renamed-${u.email}`, groupIds: [g2.id] });
    expect((await t.admin.get<Group>(`/api/groups/${g2.id}`)).body.userIds).toContain(u.id);
    expect((await t.admin.get<Group>(`/api/groups/${g1.id}`)).body.userIds).not.toContain(u.id);
  });

  it('refuses to take management access away from oneself', async () => {
    const res = await t.admin.patch(`/api/users/${t.admin.me!.user.id}`, { rights: 'agent' });
    expect(res.status).toBe(409);
  });

  it('answers 404 for an unknown user and 400 for a malformed id', async () => {
    expect((await t.admin.get('/api/users/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    const bad = await t.admin.get('/api/users/not-a-uuid');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { fields: { id: expect.any(String) } } });
  });
});

describe('USR-6 delete and restore', () => {
  it('soft-deletes, lists the user under Deleted, and restores', async () => {
    const { body: u } = await t.admin.post<User>('/api/users', newUser({ lastName: 'Gone' }));
    expect((await t.admin.delete(`/api/users/${u.id}`)).status).toBe(204);
    const active = await t.admin.get<UserPage>(`/api/users?q=${encodeURIComponent(u.email)}`);
    expect(active.body.items).toHaveLength(0);
    const deleted = await t.admin.get<UserPage>(`/api/users?status=deleted&q=${encodeURIComponent(u.email)}`);
    expect(deleted.body.items.map((x) => x.id)).toEqual([u.id]);
    expect(deleted.body.items[0]!.deletedAt).not.toBeNull();
    expect((await t.admin.get<User>(`/api/users/${u.id}`)).body.deletedAt).not.toBeNull();
    const restored = await t.admin.patch<User>(`/api/users/${u.id}`, { deleted: false });
    expect(restored.body.deletedAt).toBeNull();
  });

  it('will not let a manager delete themselves', async () => {
    expect((await t.admin.delete(`/api/users/${t.admin.me!.user.id}`)).status).toBe(409);
  });
});

describe('USR-1 list, filters and pagination', () => {
  it('searches by name or email, filters by group, and pages with a cursor in a stable order', async () => {
    const tag = `pg${Date.now()}`;
    const group = (await t.admin.post<Group>('/api/groups', { name: `Group ${tag}` })).body;
    const created: User[] = [];
    for (let i = 0; i < 7; i++) {
      created.push(
        (
          await t.admin.post<User>(
            '/api/users',
            newUser({ firstName: tag, lastName: `L${i}`, groupIds: i % 2 ? [group.id] : [] }),
          )
        ).body,
      );
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/users?q=${tag}&limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const res: { body: UserPage } = await t.admin.get<UserPage>(url);
      expect(res.body.total).toBe(7);
      seen.push(...res.body.items.map((u) => u.lastName));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['L0', 'L1', 'L2', 'L3', 'L4', 'L5', 'L6']);

    const byEmail = await t.admin.get<UserPage>(`/api/users?q=${encodeURIComponent(created[2]!.email)}`);
    expect(byEmail.body.items.map((u) => u.id)).toEqual([created[2]!.id]);
    const fullName = await t.admin.get<UserPage>(`/api/users?q=${encodeURIComponent(`${tag} L4`)}`);
    expect(fullName.body.items.map((u) => u.id)).toEqual([created[4]!.id]);
    const inGroup = await t.admin.get<UserPage>(`/api/users?groupId=${group.id}`);
    expect(inGroup.body.items.map((u) => u.lastName)).toEqual(['L1', 'L3', 'L5']);

    const newest = await t.admin.get<UserPage>(`/api/users?q=${tag}&sort=created&limit=2`);
    expect(newest.body.items.map((u) => u.lastName)).toEqual(['L6', 'L5']);
    const next = await t.admin.get<UserPage>(
      `/api/users?q=${tag}&sort=created&limit=2&cursor=${newest.body.nextCursor}`,
    );
    expect(next.body.items.map((u) => u.lastName)).toEqual(['L4', 'L3']);
  });

  it('treats LIKE wildcards in the search as text', async () => {
    const res = await t.admin.get<UserPage>('/api/users?q=%25');
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(0);
  });

  it('rejects a forged cursor', async () => {
    const res = await t.admin.get('/api/users?cursor=garbage');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { fields: { cursor: 'Invalid cursor' } } });
  });
});

describe('USR-2 photo upload', () => {
  const png = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    'base64',
  );
  const form = (data: Buffer, name: string, type: string) => {
    const f = new FormData();
    f.append('file', new Blob([new Uint8Array(data)], { type }), name);
    return f;
  };

  it('stores a PNG, serves it with safe headers, and removes it', async () => {
    const { body: u } = await t.admin.post<User>('/api/users', newUser());
    const up = await t.admin.post<User>(`/api/users/${u.id}/photo`, form(png, 'me.png', 'image/png'));
    expect(up.status).toBe(200);
    expect(up.body.photoUrl).toMatch(/^\/files\/[0-9a-f-]{36}$/);
    const file = await fetch(t.url + up.body.photoUrl);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    expect(file.headers.get('content-security-policy')).toContain('sandbox');
    expect(Buffer.from(await file.arrayBuffer()).equals(png)).toBe(true);
    const removed = await t.admin.delete<User>(`/api/users/${u.id}/photo`);
    expect(removed.body.photoUrl).toBeNull();
    expect((await fetch(t.url + up.body.photoUrl)).status).toBe(404);
  });

  it('refuses HTML or SVG dressed up as an image', async () => {
    const { body: u } = await t.admin.post<User>('/api/users', newUser());
    const res = await t.admin.post(
      `/api/users/${u.id}/photo`,
      form(Buffer.from('<svg onload="alert(1)"/>'), 'x.png', 'image/png'),
    );
    expect(res.status).toBe(415);
    expect(res.body).toMatchObject({ error: { fields: { file: expect.any(String) } } });
  });

  it('refuses a photo over 2 MB with 413', async () => {
    const { body: u } = await t.admin.post<User>('/api/users', newUser());
    const big = Buffer.concat([png, Buffer.alloc(2 * 1024 * 1024 + 10)]);
    const res = await t.admin.post(`/api/users/${u.id}/photo`, form(big, 'big.png', 'image/png'));
    expect(res.status).toBe(413);
  });
});
