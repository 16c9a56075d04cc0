import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Campaign, ChatButton, ChatButtonInput, ChatButtonList, Website } from '@parley/protocol';
import { ADMIN, shot, startE2E, type E2E } from './support.js';

// INV-7…INV-9 in a real browser, on plain customer pages (the embed snippet and nothing else) under the sites'
// own host names: a footer button only on certain URLs, a custom button made with "Generate code" in the manager
// UI and pasted on a plain page, and a "start instantly" button whose chat exists (and reaches the agent) before
// the visitor writes anything.
let e: E2E;
let agent: Page;

beforeAll(async () => {
  e = await startE2E();
  ({ page: agent } = await e.newPage({ viewport: { width: 1400, height: 850 } }));
  await e.login(agent, ADMIN.email, ADMIN.password);
  await agent.goto('/console');
  await agent.getByRole('status', { name: 'Connection: Connected' }).waitFor();
});
afterAll(() => e?.close());

/** A site of its own whose campaign routes to the Demo manager (signed in on the console above). */
async function siteWithCampaign(host: string): Promise<{ site: Website; campaignId: string }> {
  const site = await e.app.admin.post<Website>('/api/websites', { host });
  expect(site.status).toBe(201);
  const campaign = await e.app.admin.post<Campaign>('/api/campaigns', {
    title: `Campaign ${host}`,
    allWebsites: false,
    websiteIds: [site.body.id],
  });
  expect(campaign.status).toBe(201);
  const routing = await e.app.admin.put(`/api/campaigns/${campaign.body.id}/routing`, {
    levels: [
      { title: 'Demo', method: 'least_chats', members: [{ type: 'user', id: e.app.admin.me!.user.id }] },
    ],
    forwarding: { enabled: false, members: [] },
  });
  expect(routing.status).toBe(200);
  return { site: site.body, campaignId: campaign.body.id };
}

/** Replaces the campaign's one default button. */
async function setDefaultButton(campaignId: string, body: ChatButtonInput): Promise<ChatButton> {
  const [button] = (await e.app.admin.get<ChatButtonList>(`/api/campaigns/${campaignId}/buttons`)).body.items;
  const res = await e.app.admin.put<ChatButton>(`/api/campaigns/${campaignId}/buttons/${button!.id}`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

/** A visitor's browser. Pages on *.localhost reach the app on 127.0.0.1 only with the local network permission. */
async function visitorPage(): Promise<Page> {
  const { context, page } = await e.newPage();
  await context.grantPermissions(['local-network-access']);
  return page;
}

/** Serves every page of the site's host: a plain page with the embed snippet and `body` above it. */
async function serveSite(page: Page, site: Website, body = ''): Promise<void> {
  const snippet = (await e.app.admin.get<{ snippet: string }>(`/api/websites/${site.id}/snippet`)).body
    .snippet;
  await page.route(`http://${site.host}/**`, (route) =>
    route.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${new URL(route.request().url()).pathname}</title></head><body><main><h1>A shop</h1><p>A page of a customer's website.</p>${body}</main>${snippet}</body></html>`,
    }),
  );
}

const footerButton = (page: Page) => page.locator('[data-parley] >> internal:role=button');
const frameOf = (page: Page) => page.frameLocator('iframe[src*="/widget/frame.html"]');
/** The chats of the campaign (the console's list shows every chat of the account's agents). */
const chatsOf = (campaignId: string) =>
  e.app.runtime.app.db
    .selectFrom('chats')
    .select(['id', 'status'])
    .where('campaign_id', '=', campaignId)
    .execute();

describe('INV-8 a footer button only on certain URLs', () => {
  it('shows on a matching page, with its text, colour and side, and is absent on another page', async () => {
    const { site, campaignId } = await siteWithCampaign('shop-footer.localhost');
    await setDefaultButton(campaignId, {
      placement: 'footer',
      name: 'Pricing pages',
      text: 'Questions about prices?',
      color: '#862e9c',
      side: 'left',
      pages: 'certain',
      urls: [{ match: 'wildcard', url: '*/pricing*' }],
    });
    const page = await visitorPage();
    await serveSite(page, site);

    await page.goto(`http://${site.host}/pricing?plan=pro`);
    const button = footerButton(page);
    await button.waitFor();
    expect(await button.textContent()).toContain('Questions about prices?');
    const box = (await button.boundingBox())!;
    expect(box.x).toBeLessThan(640); // bottom left
    expect(await button.evaluate((b) => getComputedStyle(b).backgroundColor)).toBe('rgb(134, 46, 156)');
    await shot(page, 'buttons-footer-certain-page');

    await page.goto(`http://${site.host}/about`);
    // The loader ran (its host element is there) and shows no button on this page.
    await page.locator('[data-parley]').waitFor({ state: 'attached' });
    await page.waitForTimeout(300);
    expect(await footerButton(page).isVisible()).toBe(false);
    expect(await page.locator('iframe').count()).toBe(0);
  });
});

describe('INV-9 a custom button from “Generate code”', () => {
  it('is made in the manager UI, pasted on a plain page, and opens the chat there', async () => {
    const { site, campaignId } = await siteWithCampaign('shop-custom.localhost');
    const { page: manager } = await e.newPage({ viewport: { width: 1280, height: 900 } });
    await e.login(manager, ADMIN.email, ADMIN.password);
    await manager.goto(`/campaigns/${campaignId}/chat-buttons`);
    await manager.getByRole('link', { name: 'Chat button' }).waitFor();
    await manager.getByRole('button', { name: 'Add button' }).click();
    await manager.getByRole('menuitem', { name: /Custom button: starts after the first message/ }).click();
    await manager.getByRole('heading', { name: 'New chat button' }).waitFor();
    await manager.getByRole('textbox', { name: 'Name' }).fill('Contact page');
    await manager
      .getByRole('textbox', { name: 'HTML' })
      .fill('<button type="button" class="talk">Talk to a person</button>');
    await manager
      .getByRole('textbox', { name: 'CSS' })
      .fill(
        '.talk { padding: 14px 22px; background: #0b7285; color: #fff; border: 0; border-radius: 6px; font-size: 18px; }',
      );
    // The preview is the manager's own HTML in a sandboxed frame.
    const preview = manager.frameLocator('iframe[title="Preview of the custom button"]');
    await preview.getByRole('button', { name: 'Talk to a person' }).waitFor();
    expect(
      await manager.locator('iframe[title="Preview of the custom button"]').getAttribute('sandbox'),
    ).toBe('');
    await shot(manager, 'buttons-custom-editor');
    await manager.getByRole('button', { name: 'Generate code' }).click();
    const dialog = manager.getByRole('dialog', { name: 'Code for “Contact page”' });
    await dialog.waitFor();
    const code = (await dialog.getByLabel('Code of the custom button').textContent())!;
    expect(code).toContain('data-parley-button=');
    expect(code).toContain('Talk to a person');
    await shot(manager, 'buttons-generate-code');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await manager.getByRole('link', { name: 'Back to the chat buttons' }).click();
    await manager.getByRole('link', { name: 'Contact page' }).waitFor();
    await shot(manager, 'buttons-tab');

    const page = await visitorPage();
    await serveSite(page, site, code);
    await page.goto(`http://${site.host}/contact`);
    const custom = page.getByRole('button', { name: 'Talk to a person' });
    await custom.waitFor();
    await shot(page, 'buttons-custom-on-page');
    await custom.click();
    const field = frameOf(page).getByRole('textbox', { name: 'Type your message…' });
    await field.waitFor();
    // After the first message: nothing is started by opening.
    expect(await chatsOf(campaignId)).toEqual([]);
    await field.fill('Hello from the contact page');
    await field.press('Enter');
    await agent.getByRole('log', { name: 'Transcript' }).getByText('Hello from the contact page').waitFor();
    expect(await chatsOf(campaignId)).toHaveLength(1);
  });

  it('stays hidden when its button is disabled', async () => {
    const { site, campaignId } = await siteWithCampaign('shop-custom-off.localhost');
    const button = await e.app.admin.post<ChatButton>(`/api/campaigns/${campaignId}/buttons`, {
      placement: 'custom',
      name: 'Off',
      html: '<button type="button">Hidden one</button>',
      enabled: false,
    });
    const page = await visitorPage();
    const code = `<div data-parley-button="${button.body.id}" style="display:none"><button type="button">Hidden one</button></div>`;
    await serveSite(page, site, code);
    await page.goto(`http://${site.host}/`);
    await footerButton(page).waitFor();
    expect(await page.getByRole('button', { name: 'Hidden one' }).isVisible()).toBe(false);
  });
});

describe('INV-7 a footer button that starts instantly', () => {
  it('creates the chat when the window opens: the agent has it before the visitor writes, and the visitor sees the agent join', async () => {
    const { site, campaignId } = await siteWithCampaign('shop-instant.localhost');
    await setDefaultButton(campaignId, {
      placement: 'footer',
      name: 'Instant',
      starts: 'instantly',
      text: 'Talk to us now',
    });
    const list = agent.getByRole('listbox', { name: /chats/i }).getByRole('option');
    const before = await list.count();
    const page = await visitorPage();
    await serveSite(page, site);
    await page.goto(`http://${site.host}/`);
    expect(await footerButton(page).textContent()).toContain('Talk to us now');
    await footerButton(page).click();
    await expect.poll(async () => (await chatsOf(campaignId)).map((c) => c.status)).toEqual(['active']);
    await frameOf(page)
      .getByText(/joined the chat/)
      .waitFor();
    await shot(page, 'buttons-instant-widget');
    // The agent's console has it, with no message from the visitor.
    const [chat] = await chatsOf(campaignId);
    const texts = await e.app.runtime.app.db
      .selectFrom('chat_events')
      .select(['author', 'type'])
      .where('chat_id', '=', chat!.id)
      .where('author', '=', 'visitor')
      .execute();
    expect(texts).toEqual([]);
    await expect.poll(() => list.count()).toBe(before + 1);
    await shot(agent, 'buttons-instant-console');
    // Opening it again on the next page goes on with the same chat.
    await page.reload();
    await frameOf(page)
      .getByText(/joined the chat/)
      .waitFor();
    expect(await chatsOf(campaignId)).toHaveLength(1);
  });
});
