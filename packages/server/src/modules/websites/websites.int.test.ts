import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmbedSnippet, Website, WebsiteList } from '@parley/protocol';
import { startTestApp, type TestApp } from '../../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ PUBLIC_URL: 'https://chat.example.com' });
});
afterAll(() => t?.close());

describe('AUTH-6 Your Website', () => {
  it('starts with the Demo account website (localhost) and gives its async embed snippet', async () => {
    const list = await t.admin.get<WebsiteList>('/api/websites');
    expect(list.body.items.map((w) => w.host)).toEqual(['localhost']);
    const snip = await t.admin.get<EmbedSnippet>(`/api/websites/${list.body.items[0]!.id}/snippet`);
    expect(snip.body.snippet).toContain(
      `https://chat.example.com/widget/loader.js?site=${list.body.items[0]!.id}`,
    );
    expect(snip.body.snippet).toContain('s.async = true');
    expect(snip.body.snippet).toContain('w.parley.q');
  });

  it('adds a website by host name, normalised to lower case', async () => {
    const res = await t.admin.post<Website>('/api/websites', { host: ' WWW.Example.COM ' });
    expect(res.status).toBe(201);
    expect(res.body.host).toBe('www.example.com');
    expect((await t.admin.post('/api/websites', { host: 'www.example.com' })).status).toBe(409);
  });

  it.each(['http://example.com', 'example.com/path', 'exa mple.com', '-bad-.com', ''])(
    'rejects %j with a clear message',
    async (host) => {
      const res = await t.admin.post('/api/websites', { host });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: { fields: { host: expect.any(String) } } });
    },
  );
});

describe('health and docs', () => {
  it('answers /healthz and /readyz', async () => {
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${t.url}/readyz`);
    expect(ready.status).toBe(200);
  });

  it('serves the OpenAPI document with the users and groups routes', async () => {
    const res = await fetch(`${t.url}/api/docs/json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { paths: Record<string, unknown> };
    for (const p of [
      '/api/users',
      '/api/users/{id}',
      '/api/groups',
      '/api/groups/{id}',
      '/api/auth/login',
      '/api/me',
    ]) {
      expect(doc.paths).toHaveProperty([p]);
    }
  });

  it('answers unknown API paths with the error shape', async () => {
    const res = await t.admin.get('/api/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: 'not_found', message: 'Not found' } });
  });

  it('answers malformed JSON with 400, not a crash', async () => {
    const res = await fetch(`${t.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"email":',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'validation_failed' } });
  });
});
