import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import type { Page, WebSocket as PwSocket } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CampaignToolSettings, VisitorServerFrame, WebsiteList } from '@parley/protocol';
import { WsClient, wsUrl } from '../packages/server/test/ws-client.js';
import { ADMIN, shot, startE2E, type E2E } from './support.js';

// TLS-5, cobrowsing, in a real browser: a customer's checkout page (on its own origin, with the CSP that
// docs/embedding.md asks for) embeds the widget; the visitor turns screen sharing on; the agent's console
// replays the page live. Typed email and password never reach the agent; private elements neither; turning
// sharing off stops the updates; with the tool off there is no toggle and the server refuses to start.

let e: E2E;
let shop: http.Server;
let shopUrl: string;
let siteId: string;
let toolsPath: string;
const TYPED_EMAIL = 'jane.doe@example.com';
const TYPED_PASSWORD = 'hunter2-Secret!';

/** The customer's page: its own styles, images on its host, on an extra CSP domain, and on an unlisted one. */
function shopPage(app: string, port: number, nonce: string): string {
  const snippet = [
    `<script nonce="${nonce}">`,
    `(function (w, d, u) {`,
    `  w.parley = w.parley || function () { (w.parley.q = w.parley.q || []).push(arguments); };`,
    `  var s = d.createElement('script'); s.async = true; s.src = u; (d.head || d.documentElement).appendChild(s);`,
    `})(window, document, ${JSON.stringify(`${app}/widget/loader.js?site=${siteId}`)});`,
    `</script>`,
  ].join('\n');
  const img = (host: string, alt: string) =>
    `<img src="http://${host}:${port}/pixel.svg" alt="${alt}" width="40" height="40">`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Checkout — Espresso shop</title>
<link rel="stylesheet" href="/shop.css">
<style nonce="${nonce}">main { max-width: 40rem; margin: 2rem auto; font-family: sans-serif; }</style>
</head><body><main>
<h1>Checkout</h1>
<p id="basket">Your basket: 3 espresso cups</p>
<p id="status">Step 1 of 3</p>
<p>${img('localhost', 'Shop logo')} ${img('assets.localhost', 'CDN badge')} ${img('elsewhere.localhost', 'Tracker')}</p>
<form>
  <label>Email <input id="email" type="email" name="email"></label>
  <label>Password <input id="password" type="password" name="password"></label>
</form>
<div data-parley-private id="iban">Account NL91 ABNA 0417 1643 00</div>
<p class="parley-private">Card ending 4242</p>
</main>
${snippet}
</body></html>`;
}

beforeAll(async () => {
  e = await startE2E();
  const admin = e.app.admin;
  siteId = (await admin.get<WebsiteList>('/api/websites')).body.items[0]!.id;
  const campaignId = (await admin.get<{ items: { id: string }[] }>('/api/campaigns')).body.items[0]!.id;
  toolsPath = `/api/campaigns/${campaignId}/tools`;
  shop = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/shop.css') {
      res.writeHead(200, { 'content-type': 'text/css' });
      return res.end('h1 { color: rgb(180, 30, 60); } #basket { font-weight: bold; }');
    }
    if (url.pathname === '/pixel.svg') {
      res.writeHead(200, { 'content-type': 'image/svg+xml' });
      return res.end(
        '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><rect width="40" height="40" fill="#2b8a3e"/></svg>',
      );
    }
    const nonce = randomBytes(12).toString('base64');
    const app = e.app.url;
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      // docs/embedding.md: what a site with a CSP allows for the widget and cobrowsing.
      'content-security-policy': [
        "default-src 'self'",
        `script-src 'self' 'nonce-${nonce}' ${app}`,
        `style-src 'self' 'nonce-${nonce}'`,
        `img-src 'self' data: http://assets.localhost:* http://elsewhere.localhost:*`,
        `connect-src 'self' ${app}`,
        `frame-src ${app}`,
      ].join('; '),
    });
    res.end(shopPage(app, (shop.address() as AddressInfo).port, nonce));
  });
  // Every address (localhost may be ::1 or 127.0.0.1; *.localhost is loopback in Chromium).
  await new Promise<void>((r) => shop.listen(0, r));
  shopUrl = `http://localhost:${(shop.address() as AddressInfo).port}/checkout`;
});
afterAll(async () => {
  await e?.close();
  await new Promise((r) => shop?.close(r));
});

async function setCobrowsing(on: boolean, cspDomains?: string[]) {
  const admin = e.app.admin;
  const now = (await admin.get<CampaignToolSettings>(toolsPath)).body;
  const res = await admin.request('PUT', toolsPath, {
    tools: { ...now.tools, cobrowsing: on },
    cobrowse: { ...now.cobrowse, ...(cspDomains ? { cspDomains } : {}) },
  });
  expect(res.status).toBe(200);
}

/** Counts the `cobrowse.events` frames a page's sockets receive. */
function countEvents(page: Page): { n: number } {
  const count = { n: 0 };
  page.on('websocket', (ws: PwSocket) =>
    ws.on('framereceived', (f) => {
      if (typeof f.payload === 'string' && f.payload.startsWith('{"type":"cobrowse.events"')) count.n++;
    }),
  );
  return count;
}

describe('cobrowsing (TLS-5)', () => {
  it('the agent sees the visitor’s page live, masked, and no more once sharing is off', async () => {
    const port = (shop.address() as AddressInfo).port;
    await setCobrowsing(true, [`assets.localhost:${port}`]);
    const { page: agent } = await e.newPage({ viewport: { width: 1400, height: 900 } });
    const received = countEvents(agent);
    await e.login(agent, ADMIN.email, ADMIN.password);
    await agent.goto('/console');
    await agent.getByRole('status', { name: 'Connection: Connected' }).waitFor();

    const { page: visitor } = await e.newPage({ viewport: { width: 1200, height: 800 } });
    await visitor.goto(shopUrl);
    await visitor.getByRole('button', { name: 'Chat with us' }).click();
    const frame = visitor.frameLocator('iframe[title="Chat with us"]');
    const field = frame.getByRole('textbox', { name: 'Type your message…' });
    await field.fill('Can you help me with the checkout?');
    await field.press('Enter');
    const option = agent.getByRole('listbox', { name: 'Your chats' }).getByRole('option').first();
    await option.waitFor();
    await option.click();
    const section = agent.getByRole('region', { name: 'Screen share' });
    await expect.poll(() => section.textContent()).toContain('When the visitor turns screen sharing on');

    // The recorder is not on the page before the visitor shares.
    expect(await visitor.evaluate(() => !!document.querySelector('script[src*="cobrowse.js"]'))).toBe(false);
    const share = frame.getByRole('button', { name: 'Share my screen' });
    await share.click();
    await frame.getByRole('button', { name: 'Stop sharing' }).waitFor();
    await expect.poll(() => frame.getByText('The agent can see this page.').count()).toBe(1);
    expect(await visitor.evaluate(() => !!document.querySelector('script[src*="cobrowse.js"]'))).toBe(true);
    await shot(visitor, 'cobrowse-widget-sharing');
    await visitor.screenshot({ path: '/tmp/cobrowse-widget-sharing.png' });

    // The agent's replay shows the page's text.
    const replay = section.frameLocator('iframe[src^="/cobrowse/replay/"]');
    const page = replay.frameLocator('iframe');
    await expect
      .poll(() => page.getByText('Your basket: 3 espresso cups').count(), { timeout: 20_000 })
      .toBe(1);
    await expect.poll(() => section.getByText('Live: the visitor is sharing their page.').count()).toBe(1);

    // The visitor types an email and a password: the agent sees stars of the same length, never the text.
    await visitor.locator('#email').pressSequentially(TYPED_EMAIL, { delay: 10 });
    await visitor.locator('#password').pressSequentially(TYPED_PASSWORD, { delay: 10 });
    await visitor.evaluate(() => (document.getElementById('status')!.textContent = 'Step 2 of 3'));
    await expect.poll(() => page.getByText('Step 2 of 3').count()).toBe(1);
    await expect.poll(() => page.locator('#email').inputValue()).toBe('*'.repeat(TYPED_EMAIL.length));
    await expect.poll(() => page.locator('#password').inputValue()).toBe('*'.repeat(TYPED_PASSWORD.length));
    const dom = await page.locator('html').evaluate((html) => {
      const values = [...html.querySelectorAll('input')].map((i) => i.value).join(' ');
      return `${html.outerHTML} ${values}`;
    });
    expect(dom).not.toContain(TYPED_EMAIL);
    expect(dom).not.toContain('jane.doe');
    expect(dom).not.toContain(TYPED_PASSWORD);
    expect(dom).not.toContain('hunter2');
    // Private elements: replaced by empty boxes of their size.
    expect(dom).not.toContain('NL91');
    expect(dom).not.toContain('4242');
    // The page's own stylesheet applies; images load from the site and from the campaign's extra CSP domain,
    // not from a domain on neither list (the replay's CSP).
    await expect
      .poll(() => page.locator('h1').evaluate((h) => getComputedStyle(h).color))
      .toBe('rgb(180, 30, 60)');
    const loaded = (alt: string) =>
      page
        .getByAltText(alt)
        .evaluate((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth);
    await expect.poll(() => loaded('Shop logo')).toBe(40);
    await expect.poll(() => loaded('CDN badge')).toBe(40);
    expect(await loaded('Tracker')).toBe(0);
    await agent.screenshot({ path: '/tmp/cobrowse-console-live.png' });
    await shot(agent, 'cobrowse-console-live');

    // The larger view shows the same page.
    await section.getByRole('button', { name: 'Larger view' }).click();
    const dialog = agent.getByRole('dialog');
    const large = dialog.frameLocator('iframe[src^="/cobrowse/replay/"]').frameLocator('iframe');
    await expect.poll(() => large.getByText('Step 2 of 3').count(), { timeout: 20_000 }).toBe(1);
    await agent.screenshot({ path: '/tmp/cobrowse-console-larger.png' });
    await agent.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);

    // The visitor stops: the agent is told, the replay goes, and no more events come however the page changes.
    await frame.getByRole('button', { name: 'Stop sharing' }).click();
    await frame.getByRole('button', { name: 'Share my screen' }).waitFor();
    await expect.poll(() => section.getByText('The visitor stopped sharing their screen.').count()).toBe(1);
    await expect.poll(() => section.locator('iframe').count()).toBe(0);
    const before = received.n;
    expect(before).toBeGreaterThan(0);
    await visitor.evaluate(() => (document.getElementById('status')!.textContent = 'Step 3 of 3'));
    await visitor.locator('#email').fill('someone.else@example.com');
    // A message after the changes: once the agent has it, anything sent before it would have arrived too.
    await field.fill('Done, thanks');
    await field.press('Enter');
    await expect
      .poll(() => agent.getByRole('log', { name: 'Transcript' }).textContent())
      .toContain('Done, thanks');
    expect(received.n).toBe(before);

    await agent.getByRole('button', { name: 'Close chat' }).click();
    await agent
      .getByRole('dialog', { name: 'Close this chat?' })
      .getByRole('button', { name: 'Close chat' })
      .click();
    await expect.poll(() => frame.getByText('The chat has ended.').count()).toBeGreaterThan(0);
    await expect
      .poll(() => frame.getByRole('button', { name: /Share my screen|Stop sharing/ }).count())
      .toBe(0);
  }, 120_000);

  it('the manager’s texts and extra CSP domains: refused by line when wrong, then in the chat window', async () => {
    await setCobrowsing(true);
    const campaignId = toolsPath.split('/')[3]!;
    const { page: manager } = await e.newPage();
    await e.login(manager, ADMIN.email, ADMIN.password);
    await manager.goto(`/campaigns/${campaignId}/tools`);
    await manager.getByRole('link', { name: 'More settings of Cobrowsing' }).click();
    await manager.getByRole('heading', { name: 'In the chat window' }).waitFor();
    await manager.getByRole('textbox', { name: 'Text' }).fill('Our team can look at this page with you.');
    await manager.getByRole('textbox', { name: 'Button that turns sharing on' }).fill('Show my page');
    await manager.getByRole('textbox', { name: 'Button that turns sharing off' }).fill('Hide my page');
    const domains = manager.getByRole('textbox', { name: 'Other domains the agent’s view may load from' });
    await domains.fill("cdn.example.com\nexample.com; script-src 'unsafe-inline'");
    await manager.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => domains.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => manager.getByText(/^Line 2: Enter a host such as/).count()).toBe(1);
    // Nothing was saved.
    expect((await e.app.admin.get<CampaignToolSettings>(toolsPath)).body.cobrowse.onText).not.toBe(
      'Show my page',
    );
    await domains.fill('cdn.example.com\n*.fonts.example.net');
    await manager.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => manager.getByText('Cobrowsing settings saved.').count()).toBe(1);
    expect((await e.app.admin.get<CampaignToolSettings>(toolsPath)).body.cobrowse).toEqual({
      text: 'Our team can look at this page with you.',
      onText: 'Show my page',
      offText: 'Hide my page',
      cspDomains: ['cdn.example.com', '*.fonts.example.net'],
    });
    await manager.screenshot({ path: '/tmp/cobrowse-settings.png', fullPage: true });

    // The chat window says the campaign's words.
    const { page: agent } = await e.newPage({ viewport: { width: 1400, height: 900 } });
    await e.login(agent, ADMIN.email, ADMIN.password);
    await agent.goto('/console');
    await agent.getByRole('status', { name: 'Connection: Connected' }).waitFor();
    const { page: visitor } = await e.newPage();
    await visitor.goto(shopUrl);
    await visitor.getByRole('button', { name: 'Chat with us' }).click();
    const frame = visitor.frameLocator('iframe[title="Chat with us"]');
    const field = frame.getByRole('textbox', { name: 'Type your message…' });
    await field.fill('Hello there');
    await field.press('Enter');
    await frame.getByText('Our team can look at this page with you.').waitFor();
    await frame.getByRole('button', { name: 'Show my page' }).click();
    await frame.getByRole('button', { name: 'Hide my page' }).waitFor();
    await frame.getByRole('button', { name: 'Hide my page' }).click();
    await frame.getByRole('button', { name: 'End chat' }).click();
    await frame.getByRole('button', { name: 'Yes' }).click();
    await expect.poll(() => frame.getByRole('button', { name: 'Show my page' }).count()).toBe(0);
  }, 120_000);

  it('with the tool off: no toggle in the chat window, no section in the console, and the server refuses', async () => {
    await setCobrowsing(false);
    const { page: agent } = await e.newPage({ viewport: { width: 1400, height: 900 } });
    await e.login(agent, ADMIN.email, ADMIN.password);
    await agent.goto('/console');
    await agent.getByRole('status', { name: 'Connection: Connected' }).waitFor();
    const { page: visitor } = await e.newPage({ viewport: { width: 1200, height: 800 } });
    await visitor.goto(shopUrl);
    await visitor.getByRole('button', { name: 'Chat with us' }).click();
    const frame = visitor.frameLocator('iframe[title="Chat with us"]');
    const field = frame.getByRole('textbox', { name: 'Type your message…' });
    await field.fill('Hello without screen sharing');
    await field.press('Enter');
    await expect.poll(() => frame.getByText('Hello without screen sharing').count()).toBe(1);
    await expect.poll(() => frame.getByRole('button', { name: 'End chat' }).count()).toBe(1);
    expect(await frame.getByRole('button', { name: 'Share my screen' }).count()).toBe(0);
    const option = agent
      .getByRole('listbox', { name: 'Your chats' })
      .getByRole('option')
      .filter({ hasText: 'Hello without screen sharing' });
    await option.click();
    // The Details panel knows the chat's tools once Visitor Info shows.
    await agent.getByRole('heading', { name: 'Visitor details', level: 2 }).waitFor();
    expect(await agent.getByRole('region', { name: 'Screen share' }).count()).toBe(0);

    // The visitor's own socket (their token from the site's storage): cobrowse.start is refused.
    const token = await visitor.evaluate((s) => localStorage.getItem(`parley:${s}:token`), siteId);
    const v = await WsClient.open<VisitorServerFrame>(wsUrl(e.app.url, `/ws/visitor?site=${siteId}`), {
      headers: { origin: 'http://localhost' },
    });
    try {
      v.send({ type: 'hello', token });
      const welcome = await v.next('welcome');
      const chatId = welcome.chats.find((c) => c.status !== 'closed')!.id;
      v.send({ type: 'cobrowse.start', chatId });
      const refused = await v.next('error', (f) => f.chatId === chatId);
      expect(refused.code).toBe('forbidden');
      v.send({ type: 'cobrowse.events', chatId, data: '[{"type":4,"data":{},"timestamp":1}]' });
      expect((await v.next('error', (f) => f.code === 'cobrowse_off')).chatId).toBe(chatId);
    } finally {
      v.close();
    }
  }, 120_000);
});
