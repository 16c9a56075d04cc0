import { copyFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CampaignList, CampaignToolSettings } from '@parley/protocol';
import { ADMIN, SCREENSHOTS, shot, startE2E, type E2E } from './support.js';

// Issue 16 in a real browser: WebTabs (TLS-1) set up on the Tools tab's "More settings" and opened in the
// console's Details panel with the visitor's details filled in; a site that refuses framing offered in a new
// tab; and tools turned off in the Tools tab (TLS-7) gone from the console and refused by the server. A local
// HTTP server plays the tabs' sites: /echo shows the query it was given, /deny sends X-Frame-Options: DENY.
let e: E2E;
let campaignId: string;
let site: Server;
let siteUrl: string;

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

beforeAll(async () => {
  e = await startE2E();
  const campaigns = await e.app.admin.get<CampaignList>('/api/campaigns');
  campaignId = campaigns.body.items.find((c) => c.title === 'Website chat')!.id;
  site = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/deny') res.setHeader('x-frame-options', 'DENY');
    const rows = [...url.searchParams].map(
      ([k, v]) => `<li data-key="${escape(k)}">${escape(k)} = ${escape(v)}</li>`,
    );
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(
      `<!doctype html><html lang="en"><head><title>Echo</title></head><body><main><h1>Echo ${escape(url.pathname)}</h1><ul>${rows.join('')}</ul></main></body></html>`,
    );
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => site?.close(resolve));
  await e?.close();
});

/** Also kept as /tmp/webtabs-<name>.png. */
async function screenshot(page: Page, name: string) {
  await shot(page, name);
  await copyFile(path.join(SCREENSHOTS, `${name}.png`), `/tmp/webtabs-${name}.png`).catch(() => undefined);
}

const frameOf = (page: Page) => page.frameLocator('iframe[title="Chat with us"]');

/** The demo page's visitor (with a name and an email the page gives) starts a chat; the agent opens it. */
async function chatWith(agent: Page, text: string) {
  const { page: visitor } = await e.newPage({ viewport: { width: 1100, height: 800 } });
  await visitor.goto('/demo');
  await visitor.getByRole('button', { name: 'Chat with us' }).waitFor();
  await visitor.evaluate(() =>
    (window as unknown as { parley: (...a: unknown[]) => void }).parley('visitor', {
      name: 'Ann & Co',
      email: 'ann+shop@example.com',
    }),
  );
  await visitor.getByRole('button', { name: 'Chat with us' }).click();
  const frame = frameOf(visitor);
  const field = frame.getByRole('textbox', { name: 'Type your message…' });
  await field.fill(text);
  await field.press('Enter');
  const option = agent
    .getByRole('listbox', { name: 'Your chats' })
    .getByRole('option', { name: new RegExp(text) });
  await option.waitFor();
  await option.click();
  await agent.getByRole('log', { name: 'Transcript' }).getByText(text).waitFor();
  const chat = await e.app.runtime.database.db
    .selectFrom('chats')
    .select(['id', 'visitor_id'])
    .orderBy('started_at', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  return { visitor, frame, field, chatId: chat.id, visitorId: chat.visitor_id };
}

/** Turns a tool on or off with its switch on the Tools tab, as a manager does. */
async function toggle(page: Page, tool: string, on: boolean) {
  const sw = page.getByRole('switch', { name: tool });
  if ((await sw.isChecked()) === on) return;
  await sw.click({ force: true });
  await page
    .getByText(`${tool} is ${on ? 'on' : 'off'}.`)
    .first()
    .waitFor();
  await expect.poll(() => sw.isChecked()).toBe(on);
}

describe('TLS-1 WebTabs end to end', () => {
  it('a manager adds tabs with variables; the agent opens one filled in, and a refusing site in a new tab', async () => {
    const { context, page: agent } = await e.newPage({ viewport: { width: 1400, height: 1000 } });
    await e.login(agent, ADMIN.email, ADMIN.password);

    // The Tools tab: WebTabs on, then its "More settings".
    await agent.goto(`/campaigns/${campaignId}/tools`);
    await toggle(agent, 'WebTabs', true);
    await agent.getByRole('link', { name: 'More settings of WebTabs' }).click();
    await agent.getByRole('heading', { name: 'WebTabs' }).waitFor();
    const tabs = agent.getByRole('region', { name: 'Tabs' });
    await tabs.getByRole('button', { name: 'Add tab' }).click();
    await tabs.getByRole('textbox', { name: 'Name of tab 1' }).fill('Echo');
    const url1 = tabs.getByRole('textbox', { name: 'Address of tab 1' });
    // First a javascript: address: refused by field, nothing saved.
    await url1.fill('javascript:alert(document.cookie)');
    await tabs.getByRole('button', { name: 'Save' }).click();
    await tabs.getByText('Enter an address starting with http:// or https://').waitFor();
    // The variables go in at the caret from the braces menu.
    await url1.fill(`${siteUrl}/echo?email=`);
    const insert = async (variable: string) => {
      await tabs.getByRole('button', { name: 'Insert a variable into the address of Echo' }).click();
      await agent.getByRole('menuitem', { name: `{${variable}}` }).click();
    };
    await insert('visitorEmail');
    await url1.press('End');
    await url1.pressSequentially('&name=');
    await insert('visitorName');
    await url1.press('End');
    await url1.pressSequentially('&page=');
    await insert('currentPage');
    await url1.press('End');
    await url1.pressSequentially('&v=');
    await insert('visitorId');
    await expect
      .poll(() => url1.inputValue())
      .toBe(`${siteUrl}/echo?email={visitorEmail}&name={visitorName}&page={currentPage}&v={visitorId}`);
    await tabs.getByText(/^Example: .*email=ann%2Bshop%40example\.com/).waitFor();
    await tabs.getByRole('button', { name: 'Add tab' }).click();
    await tabs.getByRole('textbox', { name: 'Name of tab 2' }).fill('Refuses');
    await tabs.getByRole('textbox', { name: 'Address of tab 2' }).fill(`${siteUrl}/deny?c={chatId}`);
    await tabs.getByRole('button', { name: 'Save' }).click();
    await agent.getByText('Tabs saved').first().waitFor();
    await agent.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await screenshot(agent, 'web-tabs-settings');
    const saved = await e.app.admin.get<{ tabs: { name: string; url: string }[] }>(
      `/api/campaigns/${campaignId}/tools/web-tabs`,
    );
    expect(saved.body.tabs.map((t) => t.name)).toEqual(['Echo', 'Refuses']);

    // The console: the chat's Details panel has WebTabs; the agent opens Echo.
    await agent.goto('/console');
    await agent.getByRole('status', { name: 'Connection: Connected' }).waitFor();
    const { visitorId, chatId } = await chatWith(agent, 'Where is my order?');
    // The page named its visitor; the chat window tells the server when its visitor script has loaded.
    await expect
      .poll(
        async () =>
          (
            await e.app.runtime.database.db
              .selectFrom('visitors')
              .select('email')
              .where('id', '=', visitorId)
              .executeTakeFirstOrThrow()
          ).email,
      )
      .toBe('ann+shop@example.com');
    const details = agent.getByRole('complementary', { name: 'Visitor details' });
    const webTabs = details.getByRole('region', { name: 'WebTabs' });
    await webTabs.getByRole('button', { name: 'Echo' }).click();
    const frame = agent.frameLocator('iframe[title="Echo (WebTab)"]');
    await frame.getByRole('heading', { name: 'Echo /echo' }).waitFor();
    const echoed = async (key: string) => frame.locator(`li[data-key="${key}"]`).textContent();
    expect(await echoed('email')).toBe('email = ann+shop@example.com');
    expect(await echoed('name')).toBe('name = Ann & Co');
    expect(await echoed('page')).toMatch(/^page = http:\/\/127\.0\.0\.1:\d+\/demo/);
    expect(await echoed('v')).toBe(`v = ${visitorId}`);
    const src = await agent.locator('iframe[title="Echo (WebTab)"]').getAttribute('src');
    expect(src).toContain('email=ann%2Bshop%40example.com&name=Ann%20%26%20Co&page=http%3A%2F%2F127.0.0.1');
    await screenshot(agent, 'console-web-tab');

    // The site that refuses framing: a message, and a link that opens it in a new tab.
    await webTabs.getByRole('button', { name: 'Refuses' }).click();
    await webTabs.getByText('This site does not allow being shown here').waitFor();
    expect(await agent.locator('iframe[title="Refuses (WebTab)"]').count()).toBe(0);
    const link = webTabs.getByRole('link', { name: 'Open in a new tab' });
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await link.getAttribute('href')).toBe(`${siteUrl}/deny?c=${chatId}`);
    await screenshot(agent, 'console-web-tab-refused');
    const [opened] = await Promise.all([context.waitForEvent('page'), link.click()]);
    await opened.waitForLoadState();
    expect(opened.url()).toBe(`${siteUrl}/deny?c=${chatId}`);
    await opened.getByRole('heading', { name: 'Echo /deny' }).waitFor();
    await opened.close();
  });
});

describe('TLS-7 tools turned off in the Tools tab', () => {
  it('are gone from the console, and the server refuses them and relays no sneak preview', async () => {
    const { page: agent } = await e.newPage({ viewport: { width: 1400, height: 1000 } });
    await e.login(agent, ADMIN.email, ADMIN.password);
    await agent.goto(`/campaigns/${campaignId}/tools`);
    await toggle(agent, 'WebTabs', true);
    await toggle(agent, 'Visitor Info', true);
    await toggle(agent, 'Chat Sneak Preview', true);
    // On: the console has them (a chat to compare with below).
    await agent.goto('/console');
    await agent.getByRole('status', { name: 'Connection: Connected' }).waitFor();
    const first = await chatWith(agent, 'First question');
    const details = agent.getByRole('complementary', { name: 'Visitor details' });
    await details.getByRole('region', { name: 'WebTabs' }).waitFor();
    await details.getByText('Pages viewed', { exact: false }).first().waitFor();
    await first.field.fill('a draft you may read');
    await agent.getByTestId('sneak-preview').getByText('a draft you may read', { exact: false }).waitFor();
    await first.field.fill('');

    await agent.goto(`/campaigns/${campaignId}/tools`);
    await toggle(agent, 'WebTabs', false);
    await toggle(agent, 'Visitor Info', false);
    await toggle(agent, 'Chat Sneak Preview', false);
    await agent.evaluate(() => window.scrollTo(0, 0));
    await screenshot(agent, 'tools-tab-off');
    const settings = await e.app.admin.get<CampaignToolSettings>(`/api/campaigns/${campaignId}/tools`);
    expect(settings.body.tools).toMatchObject({ webTabs: false, visitorInfo: false, sneakPreview: false });

    await agent.goto('/console');
    await agent.getByRole('status', { name: 'Connection: Connected' }).waitFor();
    const second = await chatWith(agent, 'Second question');
    // The Details panel has neither WebTabs nor Visitor Info.
    await expect.poll(() => details.getByRole('region', { name: 'WebTabs' }).count()).toBe(0);
    expect(await details.getByText('Pages viewed', { exact: false }).count()).toBe(0);
    expect(await details.getByRole('heading', { name: 'WebTabs' }).count()).toBe(0);
    // The visitor types: the console says so, without the text.
    await second.field.fill('my secret draft');
    const typing = agent.getByTestId('sneak-preview');
    await typing.getByText('is typing', { exact: false }).waitFor();
    expect(await typing.textContent()).not.toContain('secret');
    await screenshot(agent, 'console-tools-off');
    // The server refuses the tabs, for the agent's own browser session too.
    const tabsRes = await agent.request.get(`/api/chats/${second.chatId}/web-tabs`);
    expect(tabsRes.status()).toBe(403);
    expect(((await tabsRes.json()) as { error: { code: string } }).error.code).toBe('tool_disabled');
    expect((await e.app.admin.get(`/api/chats/${first.chatId}/web-tabs`)).status).toBe(403);

    // Back on for the other tests of this file.
    await agent.goto(`/campaigns/${campaignId}/tools`);
    await toggle(agent, 'Visitor Info', true);
    await toggle(agent, 'Chat Sneak Preview', true);
  });
});
