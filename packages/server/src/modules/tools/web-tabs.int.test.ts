import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AgentServerFrame,
  Campaign,
  CampaignToolSettings,
  ChatDetail,
  ChatWebTabCheck,
  ChatWebTabs,
  User,
  VisitorServerFrame,
  WebTabSettings,
} from '@parley/protocol';
import { startTestApp, TestClient, type TestApp } from '../../../test/harness.js';
import { cid, WsClient, wsUrl } from '../../../test/ws-client.js';
import { createAccount } from '../../bootstrap.js';
import { forgetFrameChecks } from './frame-check.js';

// TLS-1 WebTabs and TLS-7's enforcement of Chat Sneak Preview and Visitor Info, through the real routes, sockets
// and database (PGlite, or PostgreSQL + Redis). Each test has an account of its own. A local HTTP server plays the
// tabs' sites: one that lets itself be framed, one that refuses, one behind a redirect.
let t: TestApp;
let site: Server;
let siteUrl: string;
const sockets: { close(): void }[] = [];

beforeAll(async () => {
  t = await startTestApp();
  site = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/deny') res.setHeader('x-frame-options', 'DENY');
    if (path === '/ancestors') res.setHeader('content-security-policy', "frame-ancestors 'self'");
    if (path === '/hop') {
      res.writeHead(302, { location: '/deny' });
      return res.end();
    }
    res.setHeader('content-type', 'text/html');
    res.end(`<p>${path}</p>`);
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await new Promise((resolve) => site?.close(resolve));
  await t?.close();
});

const db = () => t.runtime.database.db;

async function account() {
  const key = randomUUID().slice(0, 8);
  const host = `tabs-${key}.example`;
  const email = `manager-${key}@tabs.example`;
  const created = await createAccount(db(), {
    name: `Tabs ${key}`,
    host,
    manager: { email, password: 'manager-password', firstName: 'Mo', lastName: 'Manager' },
  });
  const manager = await TestClient.login(t.url, email, 'manager-password');
  const campaignId = created.campaign.id;
  const agentEmail = `ann-${key}@tabs.example`;
  const ann = await manager.post<User>('/api/users', {
    email: agentEmail,
    password: 'agent-password',
    firstName: 'Ann',
    lastName: 'Agent',
    rights: 'agent',
  });
  expect(ann.status).toBe(201);
  const routed = await manager.request('PUT', `/api/campaigns/${campaignId}/routing`, {
    levels: [{ title: 'First', method: 'least_chats', members: [{ type: 'user', id: ann.body.id }] }],
    forwarding: { enabled: false, members: [] },
  });
  expect(routed.status).toBe(200);
  const agent = await TestClient.login(t.url, agentEmail, 'agent-password');
  const tabsPath = `/api/campaigns/${campaignId}/tools/web-tabs`;
  const toolsPath = `/api/campaigns/${campaignId}/tools`;

  /** Turns tools on or off (saved on this instance: in force at once, no wait for the cache). */
  async function setTools(tools: Partial<CampaignToolSettings['tools']>) {
    const before = (await manager.get<CampaignToolSettings>(toolsPath)).body;
    const res = await manager.put(toolsPath, { ...before, tools: { ...before.tools, ...tools } });
    expect(res.status).toBe(200);
  }

  /** A visitor's chat, taken by Ann: both sockets, the chat's id, and the visitor's beacon token. */
  async function chat(profile: { name?: string; email?: string; data?: Record<string, string> } = {}) {
    const a = await WsClient.open<AgentServerFrame>(wsUrl(t.url, '/ws/agent'), {
      headers: { cookie: agent.cookie, origin: t.url },
    });
    sockets.push(a);
    await a.next('welcome');
    a.send({ type: 'presence.set', status: 'available' });
    await a.next('presence', (f) => f.status === 'available');
    const page = await beacon(host, created.website.id, `http://${host}/shop?utm_source=news`);
    const v = await WsClient.open<VisitorServerFrame>(
      wsUrl(t.url, `/ws/visitor?site=${created.website.id}`),
      { headers: { origin: `http://${host}` } },
    );
    sockets.push(v);
    v.send({
      type: 'hello',
      token: page.token,
      page: { url: `http://${host}/shop?utm_source=news`, title: 'Shop' },
    });
    await v.next('welcome');
    if (Object.keys(profile).length) v.send({ type: 'visitor.update', ...profile });
    const c = cid();
    v.send({ type: 'chat.start', cid: c, text: 'Hello' });
    const chatId = (await v.next('ack', (f) => f.cid === c)).chatId;
    await a.next('chat.upsert', (f) => f.chat.id === chatId && f.chat.status === 'active');
    return { a, v, chatId, token: page.token };
  }

  return { manager, agent, campaignId, host, siteId: created.website.id, tabsPath, setTools, chat };
}

async function beacon(host: string, siteId: string, url: string, token?: string) {
  const res = await fetch(`${t.url}/widget/beacon`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain;charset=UTF-8', origin: `http://${host}` },
    body: JSON.stringify({ site: siteId, url, title: 'Page', referrer: 'https://search.example/', token }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { token: string };
}

type ErrorFields = { error: { code: string; fields: Record<string, string> } };

describe('TLS-1 WebTabs: the list on the Tools tab', () => {
  it('saves the tabs as a whole: add, rename, reorder, delete', async () => {
    const a = await account();
    expect((await a.manager.get<WebTabSettings>(a.tabsPath)).body).toEqual({ tabs: [] });
    const first = await a.manager.put<WebTabSettings>(a.tabsPath, {
      tabs: [
        { name: ' CRM ', url: ' https://crm.example.com/find?email={visitorEmail} ' },
        { name: 'Orders', url: 'https://shop.example.com/orders/{data.customerId}' },
        { name: 'Help', url: 'http://help.example.com/' },
      ],
    });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.tabs.map((x) => [x.name, x.url])).toEqual([
      ['CRM', 'https://crm.example.com/find?email={visitorEmail}'],
      ['Orders', 'https://shop.example.com/orders/{data.customerId}'],
      ['Help', 'http://help.example.com/'],
    ]);
    const [crm, orders] = first.body.tabs;
    // Orders first, CRM renamed (names swap freely), Help deleted, a new one at the end.
    const second = await a.manager.put<WebTabSettings>(a.tabsPath, {
      tabs: [
        { id: orders!.id, name: 'crm', url: orders!.url },
        { id: crm!.id, name: 'Orders', url: 'https://crm.example.com/v/{visitorId}' },
        { name: 'Page', url: 'https://tools.example.com/?page={currentPage}' },
      ],
    });
    expect(second.status, JSON.stringify(second.body)).toBe(200);
    expect(second.body.tabs.map((x) => [x.id === orders!.id, x.id === crm!.id, x.name])).toEqual([
      [true, false, 'crm'],
      [false, true, 'Orders'],
      [false, false, 'Page'],
    ]);
    expect((await a.manager.get(a.tabsPath)).body).toEqual(second.body);
    expect((await a.manager.put<WebTabSettings>(a.tabsPath, { tabs: [] })).body).toEqual({ tabs: [] });
  });

  it('refuses javascript:, data:, ftp: and a variable in the host by field, and saves nothing', async () => {
    const a = await account();
    const saved = await a.manager.put<WebTabSettings>(a.tabsPath, {
      tabs: [{ name: 'CRM', url: 'https://crm.example.com/' }],
    });
    expect(saved.status).toBe(200);
    const bad: [string, string, string][] = [
      [
        'javascript:alert(document.cookie)',
        'tabs.1.url',
        'Enter an address starting with http:// or https://',
      ],
      [
        'data:text/html,<script>alert(1)</script>',
        'tabs.1.url',
        'Enter an address starting with http:// or https://',
      ],
      ['ftp://files.example.com/', 'tabs.1.url', 'Enter an address starting with http:// or https://'],
      [
        'https://{visitorName}.example.com/',
        'tabs.1.url',
        'A variable can only come after the host: in the path or the query',
      ],
      [
        'https://crm.example.com{currentPage}',
        'tabs.1.url',
        'A variable can only come after the host: in the path or the query',
      ],
      ['https://crm.example.com/{password}', 'tabs.1.url', 'Use only the listed variables, each in braces'],
      [
        'https://admin:pw@crm.example.com/',
        'tabs.1.url',
        'An address with a user name or password is not allowed',
      ],
    ];
    for (const [url, field, message] of bad) {
      const res = await a.manager.put<ErrorFields>(a.tabsPath, {
        tabs: [
          { id: saved.body.tabs[0]!.id, name: 'Renamed', url: 'https://renamed.example.com/' },
          { name: 'Bad', url },
        ],
      });
      expect(res.status, url).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.fields[field], url).toBe(message);
    }
    const dup = await a.manager.put<ErrorFields>(a.tabsPath, {
      tabs: [
        { name: 'A', url: 'https://a.example.com/' },
        { name: 'a', url: 'https://b.example.com/' },
      ],
    });
    expect(dup.body.error.fields).toEqual({ 'tabs.1.name': 'This name is in the list already' });
    const many = await a.manager.put<ErrorFields>(a.tabsPath, {
      tabs: Array.from({ length: 21 }, (_, i) => ({ name: `T${i}`, url: 'https://a.example.com/' })),
    });
    expect(many.body.error.fields).toEqual({ tabs: 'At most 20 tabs' });
    // A tab id that is not this campaign's (deleted meanwhile, or made up).
    const stale = await a.manager.put<ErrorFields>(a.tabsPath, {
      tabs: [{ id: randomUUID(), name: 'X', url: 'https://x.example.com/' }],
    });
    expect(stale.status).toBe(400);
    expect(stale.body.error.fields).toEqual({ 'tabs.0.id': 'This tab is not in the list any more' });
    // Nothing changed.
    expect((await a.manager.get(a.tabsPath)).body).toEqual(saved.body);
  });

  it('is the campaign’s manager’s alone: another account gets 404, an agent 403', async () => {
    const a = await account();
    const b = await account();
    const saved = await a.manager.put<WebTabSettings>(a.tabsPath, {
      tabs: [{ name: 'CRM', url: 'https://crm.example.com/' }],
    });
    expect((await b.manager.get(a.tabsPath)).status).toBe(404);
    expect((await b.manager.put(a.tabsPath, { tabs: [] })).status).toBe(404);
    // Another account cannot take a tab of ours into its own list either.
    const steal = await b.manager.put<ErrorFields>(b.tabsPath, {
      tabs: [{ id: saved.body.tabs[0]!.id, name: 'Mine', url: 'https://evil.example.com/' }],
    });
    expect(steal.status).toBe(400);
    expect((await a.agent.get(a.tabsPath)).status).toBe(403);
    expect((await a.agent.put(a.tabsPath, { tabs: [] })).status).toBe(403);
    expect((await a.manager.get(a.tabsPath)).body).toEqual(saved.body);
  });

  it('a duplicated campaign takes the tabs along', async () => {
    const a = await account();
    const saved = await a.manager.put<WebTabSettings>(a.tabsPath, {
      tabs: [
        { name: 'One', url: 'https://one.example.com/{visitorId}' },
        { name: 'Two', url: 'https://two.example.com/' },
      ],
    });
    const copy = await a.manager.post<Campaign>(`/api/campaigns/${a.campaignId}/duplicate`);
    expect(copy.status).toBe(201);
    const copied = await a.manager.get<WebTabSettings>(`/api/campaigns/${copy.body.id}/tools/web-tabs`);
    expect(copied.body.tabs.map((x) => [x.name, x.url])).toEqual(saved.body.tabs.map((x) => [x.name, x.url]));
    expect(copied.body.tabs.some((x) => saved.body.tabs.some((y) => y.id === x.id))).toBe(false);
  });
});

describe('TLS-1 WebTabs in the console', () => {
  it('fills each address with the chat’s visitor, URL-encoded, for the chat’s agent', async () => {
    const a = await account();
    await a.setTools({ webTabs: true });
    await a.manager.put(a.tabsPath, {
      tabs: [
        { name: 'CRM', url: 'https://crm.example.com/find?email={visitorEmail}&name={visitorName}' },
        { name: 'Ids', url: 'https://crm.example.com/v/{visitorId}/c/{chatId}?c={data.customerId}' },
        { name: 'Page', url: 'https://crm.example.com/?page={currentPage}' },
      ],
    });
    const { chatId, v } = await a.chat({
      name: 'Ann & Bob',
      email: 'a&b=c@x.y',
      data: { customerId: 'c/42?x=1' },
    });
    const detail = await a.manager.get<ChatDetail>(`/api/chats/${chatId}`);
    const visitorId = detail.body.visitor.id;
    const res = await a.agent.get<ChatWebTabs>(`/api/chats/${chatId}/web-tabs`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const [crm, ids, page] = res.body.tabs;
    expect(crm!.url).toBe('https://crm.example.com/find?email=a%26b%3Dc%40x.y&name=Ann%20%26%20Bob');
    // The visitor's email cannot add parameters.
    expect([...new URL(crm!.url).searchParams]).toEqual([
      ['email', 'a&b=c@x.y'],
      ['name', 'Ann & Bob'],
    ]);
    expect(ids!.url).toBe(`https://crm.example.com/v/${visitorId}/c/${chatId}?c=c%2F42%3Fx%3D1`);
    expect(page!.url).toBe(
      `https://crm.example.com/?page=${encodeURIComponent(`http://${a.host}/shop?utm_source=news`)}`,
    );
    // The manager reading the chat gets them too; another account's agent or manager gets 404.
    expect((await a.manager.get(`/api/chats/${chatId}/web-tabs`)).status).toBe(200);
    const b = await account();
    expect((await b.agent.get(`/api/chats/${chatId}/web-tabs`)).status).toBe(404);
    expect((await b.manager.get(`/api/chats/${chatId}/web-tabs/${crm!.id}`)).status).toBe(404);
    v.send({ type: 'chat.close', chatId });
  });

  it('is refused with tool_disabled while WebTabs is off', async () => {
    const a = await account();
    await a.manager.put(a.tabsPath, { tabs: [{ name: 'CRM', url: `${siteUrl}/ok` }] });
    const tabId = (await a.manager.get<WebTabSettings>(a.tabsPath)).body.tabs[0]!.id;
    const { chatId } = await a.chat();
    for (const path of [`/api/chats/${chatId}/web-tabs`, `/api/chats/${chatId}/web-tabs/${tabId}`]) {
      const res = await a.agent.get<ErrorFields>(path);
      expect(res.status, path).toBe(403);
      expect(res.body.error.code).toBe('tool_disabled');
    }
    await a.setTools({ webTabs: true });
    expect((await a.agent.get(`/api/chats/${chatId}/web-tabs/${tabId}`)).status).toBe(200);
    await a.setTools({ webTabs: false });
    expect((await a.agent.get(`/api/chats/${chatId}/web-tabs`)).status).toBe(403);
  });

  it('tells whether the site lets the console frame it, from its headers', async () => {
    forgetFrameChecks();
    const a = await account();
    await a.setTools({ webTabs: true });
    // A port nobody listens on: a server that was just closed.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await a.manager.put(a.tabsPath, {
      tabs: [
        { name: 'Open', url: `${siteUrl}/ok?v={visitorId}` },
        { name: 'Deny', url: `${siteUrl}/deny` },
        { name: 'Ancestors', url: `${siteUrl}/ancestors` },
        { name: 'Redirect', url: `${siteUrl}/hop` },
        { name: 'Gone', url: `http://127.0.0.1:${deadPort}/` },
      ],
    });
    const { chatId } = await a.chat();
    const tabs = (await a.agent.get<ChatWebTabs>(`/api/chats/${chatId}/web-tabs`)).body.tabs;
    const check = async (i: number) =>
      (await a.agent.get<ChatWebTabCheck>(`/api/chats/${chatId}/web-tabs/${tabs[i]!.id}`)).body;
    expect(await check(0)).toMatchObject({
      name: 'Open',
      url: tabs[0]!.url,
      framing: 'allowed',
      reason: null,
    });
    expect(await check(1)).toMatchObject({ framing: 'refused', reason: 'x-frame-options' });
    expect(await check(2)).toMatchObject({ framing: 'refused', reason: 'frame-ancestors' });
    // The redirect's target decides.
    expect(await check(3)).toMatchObject({
      url: `${siteUrl}/hop`,
      framing: 'refused',
      reason: 'x-frame-options',
    });
    expect(await check(4)).toMatchObject({ framing: 'unreachable', reason: null });
    // Another campaign's tab or a made-up id: 404.
    expect((await a.agent.get(`/api/chats/${chatId}/web-tabs/${randomUUID()}`)).status).toBe(404);
  });
});

describe('TLS-7 Chat Sneak Preview, enforced by the server', () => {
  it('off: the agent is told the visitor types, never the text; on: the text comes again', async () => {
    const a = await account();
    await a.setTools({ sneakPreview: false });
    const { a: agentSocket, v, chatId } = await a.chat();
    const from = agentSocket.frames.length;
    v.send({ type: 'typing', chatId, text: 'my secret draft' });
    expect(
      await agentSocket.next('typing', (f) => f.chatId === chatId && agentSocket.frames.indexOf(f) >= from),
    ).toEqual({
      type: 'typing',
      chatId,
      typing: true,
      preview: '',
    });
    // The draft emptied: relayed after the one above on the same chat channel, so everything before it is in.
    v.send({ type: 'typing', chatId, text: '' });
    await agentSocket.next('typing', (f) => f.chatId === chatId && !f.typing);
    const relayed = JSON.stringify(agentSocket.frames.slice(from));
    expect(relayed).not.toContain('secret');

    await a.setTools({ sneakPreview: true });
    v.send({ type: 'typing', chatId, text: 'now you may read this' });
    expect(await agentSocket.next('typing', (f) => f.preview === 'now you may read this')).toMatchObject({
      typing: true,
    });
    v.send({ type: 'chat.close', chatId });
  });
});

describe('TLS-7 Visitor Info, enforced by the server', () => {
  it('off: the chat’s agent gets no click path, source, device or page moves; the manager still does', async () => {
    const a = await account();
    await a.setTools({ visitorInfo: false });
    const {
      a: agentSocket,
      v,
      chatId,
      token,
    } = await a.chat({ email: 'vi@example.com', data: { plan: 'gold' } });
    const forAgent = (await a.agent.get<ChatDetail>(`/api/chats/${chatId}`)).body;
    expect(forAgent.visitor).toMatchObject({
      email: 'vi@example.com',
      data: {},
      userAgent: '',
      referrer: '',
      currentUrl: '',
      pages: [],
      visit: null,
    });
    expect(JSON.stringify(forAgent.visitor)).not.toContain('/shop');
    const forManager = (await a.manager.get<ChatDetail>(`/api/chats/${chatId}`)).body;
    expect(forManager.visitor.pages.length).toBeGreaterThan(0);
    expect(forManager.visitor.currentUrl).toContain('/shop');
    expect(forManager.visitor.data).toEqual({ plan: 'gold' });

    // The visitor opens another page: no visitor.moved reaches the console. (A typing frame relayed on the same
    // chat channel after it is the mark that the page view's notice has been through.)
    const from = agentSocket.frames.length;
    await beacon(a.host, a.siteId, `http://${a.host}/hidden-page`, token);
    v.send({ type: 'typing', chatId, text: 'mark' });
    const mark = await agentSocket.next('typing', (f) => f.preview === 'mark');
    const upToMark = agentSocket.frames.slice(from, agentSocket.frames.indexOf(mark));
    expect(upToMark.filter((f) => f.type === 'visitor.moved')).toEqual([]);
    // Turned on, the next page view is told.
    await a.setTools({ visitorInfo: true });
    const on = agentSocket.frames.length;
    await beacon(a.host, a.siteId, `http://${a.host}/shown-page`, token);
    await agentSocket.next(
      'visitor.moved',
      (f) => f.chatId === chatId && agentSocket.frames.indexOf(f) >= on,
    );
    const shown = (await a.agent.get<ChatDetail>(`/api/chats/${chatId}`)).body;
    expect(shown.visitor.currentUrl).toBe(`http://${a.host}/shown-page`);
    expect(shown.visitor.visit).not.toBeNull();
    v.send({ type: 'chat.close', chatId });
  });
});
