import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { CampaignList, User } from '@parley/protocol';
import { ADMIN, startE2E, type E2E } from './support.js';

// Issue 12: keyboard and screen-reader behaviour a person notices — where the focus goes, the page titles, the
// skip link, the unsaved-changes question, and the UI following the user's Language setting.
let e: E2E;
let campaignId: string;
beforeAll(async () => {
  e = await startE2E();
  const campaigns = await e.app.admin.get<CampaignList>('/api/campaigns');
  campaignId = campaigns.body.items[0]!.id;
});
afterAll(() => e?.close());

/** What has the focus: its tag, its accessible-ish name and its text. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return {
      tag: el?.tagName.toLowerCase() ?? null,
      label: el?.getAttribute('aria-label') ?? el?.getAttribute('id') ?? '',
      text: el?.textContent?.trim() ?? '',
      type: el?.getAttribute('type') ?? '',
    };
  });

describe('focus is never lost to the page', () => {
  it('after a refused sign-in it is on the password field; the skip link comes first', async () => {
    const { page } = await e.newPage();
    await page.goto('/login');
    expect(await page.title()).toMatch(/^Sign in · /);
    await page.getByLabel('Email', { exact: true }).fill(ADMIN.email);
    await page.getByLabel('Password', { exact: true }).fill('wrong-password-123');
    await page.getByRole('button', { name: 'Login' }).click();
    await page.getByRole('alert').waitFor();
    await expect.poll(async () => (await focused(page)).type).toBe('password');

    await e.login(page, ADMIN.email, ADMIN.password);
    await page.goto('/campaigns');
    await page.getByRole('heading', { level: 1, name: 'Campaigns' }).waitFor();
    expect(await page.title()).toMatch(/^Campaigns · /);
    await page.keyboard.press('Tab');
    expect((await focused(page)).text).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect((await focused(page)).tag).toBe('main');
  });

  it('after a navigation it is on the new page’s heading; after a refused save on the first error', async () => {
    const { page } = await e.newPage();
    await e.login(page, ADMIN.email, ADMIN.password);
    await page.goto('/users');
    await page.getByRole('link', { name: 'Add user' }).click();
    await expect.poll(async () => focused(page)).toMatchObject({ tag: 'h1', text: 'Add user' });
    expect(await page.title()).toMatch(/^Add user · /);

    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(async () => (await focused(page)).type).toBe('email');

    await page.getByRole('textbox', { name: /^Email/ }).fill('focus.test@example.com');
    await page.getByRole('button', { name: 'Generate' }).click();
    await page.getByLabel(/^First name/).fill('Fo');
    await page.getByLabel(/^Last name/).fill('Cus');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/\/users\/[0-9a-f-]{36}/);
    // The new user's page: its heading has the focus, not the body.
    await expect.poll(async () => focused(page)).toMatchObject({ tag: 'h1', text: 'Fo Cus' });
  });

  it('while a campaign is saved it stays on Save; leaving with unsaved edits asks first', async () => {
    const { page } = await e.newPage();
    await e.login(page, ADMIN.email, ADMIN.password);
    await page.goto(`/campaigns/${campaignId}/general`);
    const title = page.getByLabel('Window title');
    await title.fill('Talk to us');
    await page.getByRole('button', { name: 'Save', exact: true }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('General settings saved').waitFor();
    expect(await focused(page)).toMatchObject({ tag: 'button', text: 'Save' });

    await title.fill('Unsaved title');
    await page.getByRole('link', { name: 'Users & Groups' }).click();
    const ask = page.getByRole('dialog', { name: 'Leave without saving?' });
    await ask.waitFor();
    await ask.getByRole('button', { name: 'Cancel' }).click();
    expect(new URL(page.url()).pathname).toBe(`/campaigns/${campaignId}/general`);
    expect(await title.inputValue()).toBe('Unsaved title');
    await page.getByRole('link', { name: 'Users & Groups' }).click();
    await ask.getByRole('button', { name: 'Leave without saving' }).click();
    await page.waitForURL('**/users');
  });

  it('after the agent closes a chat it is on the closed chat’s notice; the widget’s pre-chat confirm keeps it', async () => {
    await e.app.admin.patch(`/api/campaigns/${campaignId}`, { prechatEnabled: true });
    const { page: agent } = await e.newPage();
    await e.login(agent, ADMIN.email, ADMIN.password);
    await agent.goto('/console');
    await agent.getByRole('status', { name: 'Connection: Connected' }).waitFor();

    const { page: visitor } = await e.newPage();
    // The server keeps a site's settings for a few seconds: the pre-chat text shows once they are read again.
    await expect
      .poll(async () => {
        await visitor.goto('/demo');
        const frame = visitor.frameLocator('iframe[title]');
        await visitor.getByRole('button', { name: /Chat with us|Talk to us/ }).click();
        const field = frame.getByRole('textbox');
        await field.fill('Hello with pre-chat');
        await field.press('Enter');
        return frame.getByRole('button', { name: 'Yes, start chat!' }).count();
      })
      .toBe(1);
    const frame = visitor.frameLocator('iframe[title]');
    await frame.getByRole('button', { name: 'Yes, start chat!' }).click();
    await expect
      .poll(() => frame.locator(':focus').evaluate((el) => el.tagName.toLowerCase()))
      .toBe('textarea');

    await agent.getByRole('listbox', { name: 'Your chats' }).getByRole('option').first().click();
    await agent.getByRole('button', { name: 'Close chat' }).click();
    await agent
      .getByRole('dialog', { name: 'Close this chat?' })
      .getByRole('button', { name: 'Close chat' })
      .click();
    await agent.getByText('This chat is closed').waitFor();
    await expect.poll(async () => (await focused(agent)).text).toBe('Dismiss chat');
    await e.app.admin.patch(`/api/campaigns/${campaignId}`, { prechatEnabled: false });
  });
});

describe('the widget on a phone', () => {
  it('keeps Tab inside the full-screen chat window', async () => {
    const { page } = await e.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto('/demo');
    await page.getByRole('button', { name: /Chat with us|Talk to us/ }).click();
    const frame = page.frameLocator('iframe[title]');
    await frame.getByRole('textbox').waitFor();
    await expect.poll(() => frame.locator(':focus').count()).toBe(1);
    // More presses than the window has controls: the focus goes round, never to the page behind.
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press(i % 3 === 2 ? 'Shift+Tab' : 'Tab');
      expect(await frame.locator(':focus').count(), `press ${i + 1}`).toBe(1);
    }
  });
});

describe('the user’s Language setting', () => {
  it('shows the manager UI in the chosen language, and back', async () => {
    const created = await e.app.admin.post<User>('/api/users', {
      email: 'taal@example.com',
      password: 'long-enough-pw',
      firstName: 'Taal',
      lastName: 'Test',
      rights: 'manager',
    });
    const { page } = await e.newPage();
    await e.login(page, 'taal@example.com', 'long-enough-pw');
    await page.goto(`/users/${created.body.id}`);
    await page.getByLabel('Language').click();
    await page.getByRole('option', { name: 'Nederlands' }).click();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('tab', { name: 'Persoonlijke gegevens' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('nl');
    await page.goto('/campaigns');
    await page.getByRole('heading', { level: 1, name: 'Campagnes' }).waitFor();
    expect(await page.title()).toMatch(/^Campagnes · /);
    await page
      .getByRole('navigation', { name: 'Hoofdmenu' })
      .getByRole('link', { name: 'Gebruikers & groepen' })
      .waitFor();

    await page.goto(`/users/${created.body.id}`);
    await page.getByLabel('Taal').click();
    await page.getByRole('option', { name: 'Deutsch' }).click();
    await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
    await page.getByRole('tab', { name: 'Persönliche Daten' }).waitFor();
  });
});
