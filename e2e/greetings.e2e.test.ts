import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Invite, WebsiteList, WidgetConfig } from '@parley/protocol';
import { ADMIN, shot, startE2E, type E2E } from './support.js';

// INV-3, INV-4, INV-10 on the demo page: greetings appear by themselves when a moment matches (time on page
// `>= 0` minutes: at once, no waiting), a Yes/No greeting accepted starts a proactive chat, a declined one is
// not shown again in the visit, and a Chatwindow greeting opens the window with its text as the first line.
let e: E2E;
let agent: Page;
let campaignId: string;
let siteId: string;
const now = { criteria: [{ kind: 'time_on_page', operator: '>=', minutes: 0 }] };

beforeAll(async () => {
  e = await startE2E();
  const sites = (await e.app.admin.get<WebsiteList>('/api/websites')).body.items;
  siteId = sites.find((s) => s.host === 'localhost')!.id;
  const config = (await (await fetch(`${e.app.url}/widget/config?site=${siteId}`)).json()) as WidgetConfig;
  campaignId = config.campaignId!;
  // An agent is online: a chat started from a greeting is a live chat.
  ({ page: agent } = await e.newPage({ viewport: { width: 1400, height: 850 } }));
  await e.login(agent, ADMIN.email, ADMIN.password);
  await agent.goto('/console');
  await agent.getByRole('status', { name: 'Connection: Connected' }).waitFor();
  // The widget's config keeps the campaign's presence for 2 s, and it was read above before the agent came: a page
  // loaded sooner would still see nobody available (an accepted greeting then leads to the offline form).
  for (let tries = 0; tries < 100; tries++) {
    const c = (await (await fetch(`${e.app.url}/widget/config?site=${siteId}`)).json()) as WidgetConfig;
    if (c.agentsAvailable) break;
    await new Promise((r) => setTimeout(r, 200));
  }
});
afterAll(() => e?.close());

async function greeting(body: Record<string, unknown>): Promise<Invite> {
  const res = await e.app.admin.post<Invite>(`/api/campaigns/${campaignId}/invites`, {
    moments: [{ name: 'At once', ...now }],
    ...body,
  });
  expect(res.status).toBe(201);
  return res.body;
}
async function disable(id: string) {
  expect(
    (await e.app.admin.patch(`/api/campaigns/${campaignId}/invites/${id}`, { enabled: false })).status,
  ).toBe(200);
}
async function events(inviteId: string): Promise<string[]> {
  const rows = await e.app.runtime.app.db
    .selectFrom('invite_events')
    .select('event')
    .where('invite_id', '=', inviteId)
    .orderBy('at')
    .execute();
  return rows.map((r) => r.event);
}

describe('INV-3 a Yes/No greeting', () => {
  it('appears at once; accepted: the window opens with it and a proactive chat starts', async () => {
    const g = await greeting({
      kind: 'yes_no',
      title: 'Need a hand?',
      text: 'We can help you choose.',
      acceptText: 'Yes please',
      declineText: 'No thanks',
    });
    const { page } = await e.newPage();
    await page.goto('/demo');
    const popup = page.getByRole('dialog', { name: 'Need a hand?' });
    await popup.waitFor();
    await shot(page, 'widget-greeting-yes-no');
    await popup.getByRole('button', { name: 'Yes please' }).click();
    await popup.waitFor({ state: 'detached' });
    const frame = page.frameLocator('iframe[title="Chat with us"]');
    await frame.getByText('We can help you choose.').waitFor();
    // Accepting started the chat (proactive: the statistics read the chat's `proactive`), before any message.
    await expect
      .poll(async () => {
        const rows = await e.app.runtime.app.db.selectFrom('chats').select('proactive').execute();
        return rows.map((r) => r.proactive);
      })
      .toEqual([true]);
    const field = frame.getByRole('textbox', { name: 'Type your message…' });
    await field.fill('Which size fits me?');
    await field.press('Enter');
    await agent.getByRole('log', { name: 'Transcript' }).getByText('Which size fits me?').waitFor();
    expect(await e.app.runtime.app.db.selectFrom('chats').select('id').execute()).toHaveLength(1);
    await expect.poll(() => events(g.id)).toEqual(['shown', 'accepted']);
    await disable(g.id);
  });

  it('declined: not shown again after a reload in the same visit (the next greeting shows instead)', async () => {
    const first = await greeting({
      kind: 'yes_no',
      title: 'Free shipping today',
      text: 'On every order.',
      acceptText: 'Tell me more',
      declineText: 'Not now',
    });
    const second = await greeting({
      kind: 'yes_no',
      title: 'Questions about sizes?',
      text: 'Ask us.',
      acceptText: 'Ask',
      declineText: 'Dismiss',
    });
    const { page } = await e.newPage();
    await page.goto('/demo');
    const popup = page.getByRole('dialog', { name: 'Free shipping today' });
    await popup.waitFor();
    // Escape is "No".
    await popup.getByRole('button', { name: 'Tell me more' }).focus();
    await page.keyboard.press('Escape');
    await popup.waitFor({ state: 'detached' });
    await expect.poll(() => events(first.id)).toEqual(['shown', 'declined']);

    await page.reload();
    await page.getByRole('dialog', { name: 'Questions about sizes?' }).waitFor();
    expect(await page.getByRole('dialog', { name: 'Free shipping today' }).count()).toBe(0);
    expect(await events(first.id)).toEqual(['shown', 'declined']);
    await disable(first.id);
    await disable(second.id);
  });
});

describe('INV-4 a Chatwindow greeting', () => {
  it('opens the chat window with its title and text as the first line', async () => {
    const g = await greeting({ kind: 'chat_window', title: 'Hello there', text: 'Looking for something?' });
    const { page } = await e.newPage();
    await page.goto('/demo');
    const frame = page.frameLocator('iframe[title="Chat with us"]');
    await frame.getByText('Looking for something?').waitFor();
    await frame.getByText('Hello there').waitFor();
    await shot(page, 'widget-greeting-chat-window');
    await expect.poll(() => events(g.id)).toEqual(['shown']);
    await disable(g.id);
  });
});

describe('INV-5 time on the website, followed by the loader on pages without greet.js', () => {
  it('a greeting at one minute on the site shows on the second page, greet.js loaded only just before', async () => {
    const g = await greeting({
      kind: 'yes_no',
      title: 'A minute with us',
      text: 'Questions?',
      acceptText: 'Ask',
      declineText: 'Later',
      moments: [
        { name: 'A minute on the site', criteria: [{ kind: 'time_on_website', operator: '>=', minutes: 1 }] },
      ],
    });
    const { page } = await e.newPage();
    await page.clock.install();
    const greetJs: string[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/widget/greet.js') greetJs.push(page.url());
    });
    await page.goto('/demo');
    await page.getByRole('button', { name: 'Chat with us' }).waitFor();
    await page.clock.runFor(40_000);
    // The second page of the visit, 40 s in: the greeting is due in 20 s, greet.js in 15.
    await page.goto('/demo?page=2');
    await page.getByRole('button', { name: 'Chat with us' }).waitFor();
    await page.clock.runFor(10_000);
    await page.waitForLoadState('networkidle');
    expect(greetJs).toEqual([]);
    await page.clock.runFor(6_000);
    await expect.poll(() => greetJs.length).toBe(1);
    expect(greetJs[0]).toContain('page=2');
    await page.clock.runFor(5_000);
    await page.getByRole('dialog', { name: 'A minute with us' }).waitFor();
    await expect.poll(() => events(g.id)).toEqual(['shown']);
    await disable(g.id);
  });
});
