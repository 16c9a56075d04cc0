import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { WebsiteList } from '@parley/protocol';
import { ADMIN, shot, startE2E, type E2E } from './support.js';

// TLS-6 and INV-6 on the demo page: a visitor browsing appears in the agent's Visitors list and their page
// changes there live; the agent invites them, the invite appears on the page with the agent's name (it comes
// with the loader's next heartbeat, within 10 s), the visitor accepts, and the chat is with that agent.
let e: E2E;
let agent: Page;
let siteId: string;

const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1';

beforeAll(async () => {
  e = await startE2E();
  siteId = (await e.app.admin.get<WebsiteList>('/api/websites')).body.items.find(
    (s) => s.host === 'localhost',
  )!.id;
  ({ page: agent } = await e.newPage({ viewport: { width: 1400, height: 850 } }));
  await e.login(agent, ADMIN.email, ADMIN.password);
  await agent.goto('/console?view=visitors');
  await agent.getByRole('status', { name: 'Connection: Connected' }).waitFor();
  await agent.getByRole('heading', { name: 'Visitors on your websites' }).waitFor();
}, 60_000);
afterAll(() => e?.close());

/** Two more visitors, from a search engine on a phone and from a newsletter: what a list usually shows. */
async function otherVisitors() {
  const send = (body: object, ua: string) =>
    fetch(`${e.app.url}/widget/beacon`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: 'http://localhost', 'user-agent': ua },
      body: JSON.stringify({ site: siteId, title: '', ...body }),
    });
  await send(
    { url: 'http://localhost/shoes/running', title: 'Running shoes', referrer: 'https://www.google.com/' },
    IPHONE,
  );
  await send(
    { url: 'http://localhost/sale?utm_source=newsletter&utm_campaign=spring', title: 'Spring sale' },
    'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
  );
}

describe('TLS-6: the Visitors list', () => {
  it('shows a visitor browsing the demo page, and their page changes live', async () => {
    await otherVisitors();
    const { page } = await e.newPage();
    await page.goto('/demo');
    const table = agent.getByRole('table', { name: 'Visitors on your websites' });
    const row = table.getByRole('row').filter({ hasText: '/demo' });
    await row.waitFor();
    await expect.poll(() => row.textContent()).toContain('Demo shop — Parley');
    await agent.getByText('3 visitors').waitFor();
    await shot(agent, 'console-visitors');
    // The visitor follows a link: the row shows the new page without a reload or the 20 s re-read.
    const started = Date.now();
    await page.getByRole('link', { name: 'another page' }).click();
    await table.getByRole('row').filter({ hasText: '/demo?page=2' }).waitFor({ timeout: 8000 });
    expect(Date.now() - started).toBeLessThan(8000);
    await expect
      .poll(() => table.getByRole('row').filter({ hasText: '/demo?page=2' }).textContent())
      .toContain('2 pages');
    await page.close();
  }, 60_000);
});

describe('INV-6: the agent invites a visitor from the Visitors list', () => {
  it('the invite appears with the agent’s name; accepted, the chat is with that agent and proactive', async () => {
    const { page } = await e.newPage();
    await page.goto('/demo?page=invite');
    const table = agent.getByRole('table', { name: 'Visitors on your websites' });
    const row = table.getByRole('row').filter({ hasText: '/demo?page=invite' });
    await row.waitFor();
    await row.getByRole('button', { name: /^Invite to chat: / }).click();
    await row.getByText('Invited by Demo').waitFor();
    const invited = Date.now();
    // The loader's next heartbeat (every 10 s) brings it.
    const popup = page.getByRole('dialog', { name: 'Demo would like to chat with you' });
    await popup.waitFor({ timeout: 15_000 });
    expect(Date.now() - invited).toBeLessThan(12_000);
    await shot(page, 'widget-hand-invite');
    await row.getByText('Sees Demo’s invite').waitFor();
    await popup.getByRole('button', { name: 'Start chat' }).click();
    const frame = page.frameLocator('iframe[title="Chat with us"]');
    await frame.getByText('Hello! Can I help you with anything?').waitFor();
    // The chat is the inviting agent's, proactive, and the invite is recorded like an automatic one.
    await expect
      .poll(async () =>
        e.app.runtime.app.db.selectFrom('chats').select(['proactive', 'agent_id', 'status']).execute(),
      )
      .toEqual([{ proactive: true, agent_id: e.app.admin.me!.user.id, status: 'active' }]);
    const events = await e.app.runtime.app.db
      .selectFrom('invite_events')
      .select(['event', 'user_id'])
      .orderBy('id')
      .execute();
    expect(events.map((x) => x.event)).toEqual(['shown', 'accepted']);
    await row.getByText('In a chat with Demo').waitFor({ timeout: 25_000 });
    const field = frame.getByRole('textbox', { name: 'Type your message…' });
    await field.fill('Thanks for the invite!');
    await field.press('Enter');
    await agent.getByRole('radiogroup', { name: 'Console view' }).getByText('Chats', { exact: true }).click();
    await agent.getByRole('log', { name: 'Transcript' }).getByText('Thanks for the invite!').waitFor();
  }, 60_000);
});
