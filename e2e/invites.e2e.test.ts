import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Campaign, InviteList } from '@parley/protocol';
import { ADMIN, shot, startE2E, type E2E } from './support.js';

// The campaign's Automatic Invites tab in a real browser (INV-3…INV-6): a Yes/No greeting with a time-on-page
// moment made through the page, toggled, reordered with the keyboard and deleted with the trash bin.
let e: E2E;
let page: Page;
beforeAll(async () => {
  e = await startE2E();
  ({ page } = await e.newPage());
  await e.login(page, ADMIN.email, ADMIN.password);
});
afterAll(() => e?.close());

async function campaign(): Promise<string> {
  const res = await e.app.admin.post<Campaign>('/api/campaigns', { title: `Invites ${crypto.randomUUID()}` });
  expect(res.status).toBe(201);
  return res.body.id;
}
const invites = async (id: string) =>
  (await e.app.admin.get<InviteList>(`/api/campaigns/${id}/invites`)).body;

describe('INV-6 the greeting list', () => {
  it('creates a Yes/No greeting with a time-on-page moment, toggles, reorders and deletes', async () => {
    const id = await campaign();
    await page.goto(`/campaigns/${id}/automatic-invites`);
    await page.getByText('No greetings yet').waitFor();
    await shot(page, 'invites-empty');

    // Add a Yes/No greeting; a save with nothing filled in marks the fields and focuses the first.
    await page.getByRole('button', { name: 'Add greeting' }).click();
    await page.getByRole('menuitem', { name: /Yes\/No greeting/ }).click();
    await page.getByRole('heading', { name: 'New Yes/No greeting' }).waitFor();
    await page.getByRole('button', { name: 'Save' }).click();
    const title = page.getByLabel(/^Title/);
    await expect.poll(() => title.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.getByText('Enter a title').waitFor();

    await title.fill('Need help?');
    await page.getByLabel(/^Text/).fill('Can we help you find the right size?');
    await page.getByLabel('Accept button').fill('Yes please');
    await page.getByLabel('Decline button').fill('No thanks');
    await page.getByRole('button', { name: 'Add moment' }).click();
    await page.getByLabel('Moment 1: name').fill('Lingers two minutes');
    // A new moment starts with "Time on the page >= 1": make it 2 minutes.
    await expect
      .poll(() => page.getByLabel('Moment 1, criterion 1', { exact: true }).inputValue())
      .toBe('Time on the page');
    await page.getByLabel('Moment 1, criterion 1: minutes').fill('2');
    await shot(page, 'invites-form');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('link', { name: 'Need help?' }).waitFor();

    let saved = await invites(id);
    expect(saved.items).toMatchObject([
      {
        kind: 'yes_no',
        enabled: true,
        title: 'Need help?',
        acceptText: 'Yes please',
        declineText: 'No thanks',
        moments: [
          { name: 'Lingers two minutes', criteria: [{ kind: 'time_on_page', operator: '>=', minutes: 2 }] },
        ],
      },
    ]);

    // A second greeting, a Chatwindow one, added at the end.
    await page.getByRole('button', { name: 'Add greeting' }).click();
    await page.getByRole('menuitem', { name: /Chatwindow greeting/ }).click();
    await page.getByLabel(/^Title/).fill('Questions?');
    await page.getByLabel(/^Text/).fill('Type your question to start.');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('link', { name: 'Questions?' }).waitFor();

    // Toggle the first off.
    await page.getByRole('switch', { name: 'Need help? enabled' }).click({ force: true });
    await expect.poll(async () => (await invites(id)).items[0]?.enabled).toBe(false);

    // Move the second up with the keyboard: the focus stays on the moved greeting's button.
    const up = page.getByRole('button', { name: 'Move Questions? up' });
    await up.focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(async () => (await invites(id)).items.map((i) => i.title))
      .toEqual(['Questions?', 'Need help?']);
    await expect
      .poll(() => page.getByRole('listitem').allInnerTexts())
      .toEqual([expect.stringContaining('Questions?'), expect.stringContaining('Need help?')]);
    await expect
      .poll(() =>
        page
          .getByRole('button', { name: 'Move Questions? down' })
          .evaluate((el) => el === document.activeElement),
      )
      .toBe(true);
    await shot(page, 'invites-list');

    // Delete one with the trash bin, after confirming.
    await page.getByRole('button', { name: 'Delete Need help?' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete greeting?' });
    await dialog.getByRole('button', { name: 'Delete greeting' }).click();
    await page.getByRole('link', { name: 'Need help?' }).waitFor({ state: 'detached' });
    // The focus goes to the greeting that took its place, not to the page.
    const next = page.getByRole('link', { name: 'Questions?' });
    await expect.poll(() => next.evaluate((el) => el === document.activeElement)).toBe(true);
    saved = await invites(id);
    expect(saved.items.map((i) => i.title)).toEqual(['Questions?']);
  });

  it('edits a greeting by clicking it, showing the server’s per-field errors', async () => {
    const id = await campaign();
    const created = await e.app.admin.post(`/api/campaigns/${id}/invites`, {
      kind: 'chat_window',
      title: 'Hello',
      text: 'Ask us',
      moments: [{ name: 'Shop', criteria: [{ kind: 'current_page', match: 'wildcard', url: '/shop/*' }] }],
    });
    expect(created.status).toBe(201);
    await page.goto(`/campaigns/${id}/automatic-invites`);
    await page.getByRole('link', { name: 'Hello' }).click();
    await page.getByRole('heading', { name: 'Greeting “Hello”' }).waitFor();
    await expect
      .poll(() => page.getByLabel('Moment 1, criterion 1: page address').inputValue())
      .toBe('/shop/*');
    await page.getByLabel('Moment 1, criterion 1: page address').fill(' ');
    await page.getByRole('button', { name: 'Save' }).click();
    const url = page.getByLabel('Moment 1, criterion 1: page address');
    await expect.poll(() => url.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.getByText('Enter an address or a part of one').waitFor();
    await url.fill('*checkout*');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('link', { name: 'Hello' }).waitFor();
    expect((await invites(id)).items[0]?.moments[0]?.criteria[0]).toEqual({
      kind: 'current_page',
      match: 'wildcard',
      url: '*checkout*',
    });
  });
});
