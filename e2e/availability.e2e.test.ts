import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { ChatListItem, WebsiteList, WidgetConfig } from '@parley/protocol';
import { ADMIN, shot, startE2E, type E2E } from './support.js';

// INV-1 and INV-2 in a real browser on the demo page: the chat button follows the only agent going away and
// coming back without a reload (the loader asks again every second here), and a chat started while nobody can
// take it becomes an offline message the agent then finds in the console as an NRT chat.
let e: E2E;
let agent: Page;
let visitor: Page;
let siteId: string;
let campaignId: string;

beforeAll(async () => {
  e = await startE2E({ WIDGET_REFRESH_SECONDS: '1' });
  const sites = (await e.app.admin.get<WebsiteList>('/api/websites')).body.items;
  siteId = sites.find((s) => s.host === 'localhost')!.id;
  campaignId = (await config()).campaignId!;
  ({ page: agent } = await e.newPage({ viewport: { width: 1400, height: 850 } }));
  await e.login(agent, ADMIN.email, ADMIN.password);
  ({ page: visitor } = await e.newPage());
});
afterAll(() => e?.close());

async function config(): Promise<WidgetConfig> {
  return (
    await fetch(`${e.app.url}/widget/config?site=${siteId}&view=frame`)
  ).json() as Promise<WidgetConfig>;
}
async function buttonAvailability(availability: string) {
  const res = await e.app.admin.put(`/api/campaigns/${campaignId}/buttons/settings`, {
    availability,
    offlineText: '',
  });
  expect(res.status).toBe(200);
}
async function setStatus(status: 'Available' | 'Away') {
  await agent.getByText(status, { exact: true }).click();
  await expect.poll(async () => (await config()).agentsAvailable).toBe(status === 'Available');
}

describe('INV-1 the chat button follows the campaign’s agents, live', () => {
  it('hides and shows the button as the only agent goes away and comes back, without a reload', async () => {
    await buttonAvailability('agents_available');
    let loads = 0;
    visitor.on('load', () => loads++);
    await visitor.goto('/demo');
    await visitor.locator('[data-parley]').waitFor({ state: 'attached' });
    const button = visitor.getByRole('button', { name: 'Chat with us' });
    // Nobody is signed in: no button.
    await expect.poll(() => button.count()).toBe(0);

    await agent.goto('/console');
    await agent.getByRole('status', { name: 'Connection: Connected' }).waitFor();
    await button.waitFor();
    await shot(visitor, 'widget-button-agent-came');

    await setStatus('Away');
    await button.waitFor({ state: 'hidden' });
    await setStatus('Available');
    await button.waitFor();
    expect(loads).toBe(1);
  });
});

describe('INV-2 the offline message', () => {
  it('nobody can take the chat: the form, per-field errors, the truth, and an NRT chat for the agent', async () => {
    await buttonAvailability('always');
    await setStatus('Away');
    await visitor.goto('/demo');
    const button = visitor.getByRole('button', { name: 'Chat with us' });
    await button.click();
    const frame = visitor.frameLocator('iframe[title="Chat with us"]');
    await frame.getByText('No agent is available right now.', { exact: false }).waitFor();
    const field = frame.getByRole('textbox', { name: 'Type your message…' });
    await field.fill('Do you ship to Norway?');
    await field.press('Enter');

    // The form, with what the visitor wrote as its message; a wrong email is said at its field.
    const message = frame.getByLabel('Message');
    await expect.poll(() => message.inputValue()).toBe('Do you ship to Norway?');
    await frame.getByLabel('Name (optional)').fill('Vera');
    await frame.getByLabel('Email (optional)').fill('vera@');
    await frame.getByRole('button', { name: 'Send message' }).click();
    await frame.getByText('Enter an email address like name@example.com.').waitFor();
    await expect
      .poll(() => frame.getByLabel('Email (optional)').evaluate((el) => el === document.activeElement))
      .toBe(true);
    await frame.getByLabel('Email (optional)').fill('vera@example.com');
    await frame.getByRole('button', { name: 'Send message' }).click();
    await frame.getByText('We will answer you by email.', { exact: false }).waitFor();
    await frame.getByText('Do you ship to Norway?').waitFor();
    await shot(visitor, 'widget-offline-sent');
    expect(await frame.getByText(/queue/i).count()).toBe(0);

    // The agent comes back: the message is theirs, as an NRT chat.
    await setStatus('Available');
    const item = agent.getByRole('listbox', { name: 'Your chats' }).getByRole('option', { name: /Vera/ });
    await item.waitFor();
    await expect.poll(() => item.textContent()).toContain('NRT');
    await item.click();
    await agent.getByRole('log', { name: 'Transcript' }).getByText('Do you ship to Norway?').waitFor();
    await shot(agent, 'console-offline-message');

    // In the Chats list it is an offline message.
    const day = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);
    const list = await e.app.admin.get<{ items: ChatListItem[] }>(
      `/api/chats?from=${day(-1)}&to=${day(1)}&type=offline`,
    );
    expect(list.body.items.map((i) => i.visitorName)).toEqual(['Vera']);
    expect(await frame.getByText(/queue/i).count()).toBe(0);
  });
});

describe('INV-2 the server has the last word', () => {
  it('the page still thinks somebody is there (the agent went away since it asked): the start is refused and the form comes', async () => {
    await buttonAvailability('always');
    await setStatus('Away');
    const { page } = await e.newPage();
    // The frame's answers say "available", as in the moment between the page's ask and the agent leaving.
    await page.route(/\/widget\/config\?/, async (route) => {
      const res = await route.fetch();
      const body = (await res.json()) as WidgetConfig;
      await route.fulfill({ response: res, json: { ...body, agentsAvailable: true, buttonAvailable: true } });
    });
    await page.goto('/demo');
    await page.getByRole('button', { name: 'Chat with us' }).click();
    const frame = page.frameLocator('iframe[title="Chat with us"]');
    const field = frame.getByRole('textbox', { name: 'Type your message…' });
    await field.fill('Is the shop open on Sunday?');
    await field.press('Enter');
    // The server refused the live chat (nobody_available): what was written goes into the offline form.
    const message = frame.getByLabel('Message');
    await expect.poll(() => message.inputValue()).toBe('Is the shop open on Sunday?');
    expect(await frame.getByRole('alert').count()).toBe(0);
    const live = await e.app.runtime.app.db
      .selectFrom('chats')
      .select('id')
      .where('offline_message', '=', false)
      .execute();
    expect(live).toEqual([]);
    await frame.getByRole('button', { name: 'Send message' }).click();
    await frame.getByText('You will find our answer here on your next visit.', { exact: false }).waitFor();
    await setStatus('Available');
  });
});
