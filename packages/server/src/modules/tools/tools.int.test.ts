import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Campaign, CampaignToolSettings, ChatTools } from '@parley/protocol';
import { accountWithAgent } from '../../../test/accounts.js';
import { startTestApp, type TestApp } from '../../../test/harness.js';

// TLS-7: the campaign's Tools tab (the five toggles, the cobrowsing settings of TLS-5) through the real routes
// and database, and what the console is told of a chat's tools. Each test has an account of its own.
let t: TestApp;
const sockets: { close(): void }[] = [];

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await t?.close();
});

async function account() {
  const base = await accountWithAgent(t, 'tools', sockets);
  return {
    ...base,
    path: `/api/campaigns/${base.campaignId}/tools`,
    chat: async () => (await base.chat()).chatId,
  };
}

describe('TLS-7 the Tools tab', () => {
  it('starts with Visitor Info, Sneak Preview and Canned Responses on, and the texts of the campaign’s language', async () => {
    const a = await account();
    const res = await a.manager.get<CampaignToolSettings>(a.path);
    expect(res.status).toBe(200);
    expect(res.body.tools).toEqual({
      webTabs: false,
      cannedResponses: true,
      cobrowsing: false,
      visitorInfo: true,
      sneakPreview: true,
    });
    expect(res.body.cobrowse).toMatchObject({ onText: 'Share my screen', cspDomains: [] });

    expect(
      (await a.manager.patch<Campaign>(`/api/campaigns/${a.campaignId}`, { language: 'de' })).status,
    ).toBe(200);
    expect((await a.manager.get<CampaignToolSettings>(a.path)).body.cobrowse.onText).toBe(
      'Bildschirm teilen',
    );
  });

  it('saves the toggles and the cobrowsing settings as a whole, and a duplicate keeps them', async () => {
    const a = await account();
    const body: CampaignToolSettings = {
      tools: {
        webTabs: true,
        cannedResponses: false,
        cobrowsing: true,
        visitorInfo: false,
        sneakPreview: false,
      },
      cobrowse: {
        text: ' Show us your page ',
        onText: 'Share',
        offText: 'Stop',
        cspDomains: ['cdn.example.com', '*.Fonts.example.com', 'https://img.example.com:8443'],
      },
    };
    const saved = await a.manager.put<CampaignToolSettings>(a.path, body);
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toEqual({
      tools: body.tools,
      cobrowse: {
        text: 'Show us your page',
        onText: 'Share',
        offText: 'Stop',
        cspDomains: ['cdn.example.com', '*.fonts.example.com', 'https://img.example.com:8443'],
      },
    });
    expect((await a.manager.get(a.path)).body).toEqual(saved.body);

    const copy = await a.manager.post<Campaign>(`/api/campaigns/${a.campaignId}/duplicate`);
    expect(copy.status).toBe(201);
    expect((await a.manager.get(`/api/campaigns/${copy.body.id}/tools`)).body).toEqual(saved.body);
  });

  it('refuses bad settings by field and changes nothing', async () => {
    const a = await account();
    const before = (await a.manager.get<CampaignToolSettings>(a.path)).body;
    const bad = [
      { cspDomains: ["example.com; script-src 'unsafe-inline'"], field: 'cobrowse.cspDomains.0' },
      { cspDomains: ['https://example.com/path'], field: 'cobrowse.cspDomains.0' },
      { cspDomains: ['javascript:alert(1)'], field: 'cobrowse.cspDomains.0' },
      { cspDomains: ['a.example.com', 'A.example.com'], field: 'cobrowse.cspDomains' },
    ];
    for (const b of bad) {
      const res = await a.manager.put<{ error: { fields: Record<string, string> } }>(a.path, {
        tools: { ...before.tools, cobrowsing: true },
        cobrowse: { ...before.cobrowse, cspDomains: b.cspDomains },
      });
      expect(res.status, JSON.stringify(b)).toBe(400);
      expect(Object.keys(res.body.error.fields)).toContain(b.field);
    }
    const empty = await a.manager.put<{ error: { fields: Record<string, string> } }>(a.path, {
      ...before,
      cobrowse: { ...before.cobrowse, onText: '   ' },
    });
    expect(empty.status).toBe(400);
    expect(empty.body.error.fields['cobrowse.onText']).toBe('Enter a text');
    expect((await a.manager.get(a.path)).body).toEqual(before);
  });

  it('is the campaign’s manager’s alone: another account gets 404, an agent 403', async () => {
    const a = await account();
    const b = await account();
    expect((await b.manager.get(a.path)).status).toBe(404);
    const before = (await a.manager.get<CampaignToolSettings>(a.path)).body;
    expect((await b.manager.put(a.path, before)).status).toBe(404);
    expect((await a.agent.get(a.path)).status).toBe(403);
    expect((await a.agent.put(a.path, before)).status).toBe(403);
  });

  it('tells the console a chat’s tools, for its agent only', async () => {
    const a = await account();
    const chatId = await a.chat();
    const path = `/api/chats/${chatId}/tools`;
    expect((await a.agent.get<ChatTools>(path)).body).toMatchObject({
      campaignId: a.campaignId,
      tools: { visitorInfo: true, cobrowsing: false },
    });
    const before = (await a.manager.get<CampaignToolSettings>(a.path)).body;
    await a.manager.put(a.path, {
      ...before,
      tools: { ...before.tools, visitorInfo: false, cobrowsing: true },
    });
    // The manager saved on this instance: no wait for the cache.
    expect((await a.agent.get<ChatTools>(path)).body.tools).toMatchObject({
      visitorInfo: false,
      cobrowsing: true,
    });
    const b = await account();
    expect((await b.agent.get(path)).status).toBe(404);
  });
});
