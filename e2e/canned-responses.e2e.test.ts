import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CampaignList, CannedForum, CannedResponse } from '@parley/protocol';
import { ADMIN, SCREENSHOTS, shot, startE2E, type E2E } from './support.js';

// Issue 16's canned responses in a real browser: a manager's forum with Q&As saved as they are typed (TLS-2,
// TLS-4), offered to the campaign; a removal undone within its 10 seconds — also after a reload — and final
// after them (TLS-3); an agent inserting an answer by typing #shortkey with the suggestion list, by keyboard,
// and from Quick Response's search in the Details panel.
let e: E2E;
let campaignId: string;

beforeAll(async () => {
  e = await startE2E();
  const campaigns = await e.app.admin.get<CampaignList>('/api/campaigns');
  campaignId = campaigns.body.items.find((c) => c.title === 'Website chat')!.id;
});
afterAll(() => e?.close());

/** Also kept as /tmp/canned-<name>.png. */
async function screenshot(page: Page, name: string) {
  await shot(page, `canned-${name}`);
  await copyFile(path.join(SCREENSHOTS, `canned-${name}.png`), `/tmp/canned-${name}.png`).catch(
    () => undefined,
  );
}

const frameOf = (page: Page) => page.frameLocator('iframe[title="Chat with us"]');

/** The demo page's visitor starts a chat; the agent opens it. */
async function chatWith(agent: Page, text: string) {
  const { page: visitor } = await e.newPage({ viewport: { width: 1100, height: 800 } });
  await visitor.goto('/demo');
  await visitor.getByRole('button', { name: 'Chat with us' }).click();
  const field = frameOf(visitor).getByRole('textbox', { name: 'Type your message…' });
  await field.fill(text);
  await field.press('Enter');
  const option = agent
    .getByRole('listbox', { name: 'Your chats' })
    .getByRole('option', { name: new RegExp(text) });
  await option.waitFor();
  await option.click();
  await agent.getByRole('log', { name: 'Transcript' }).getByText(text).waitFor();
  return { visitor };
}

const saveState = (item: ReturnType<Page['getByRole']>) => item.getByTestId('qa-save-state');

describe('TLS-2, TLS-3, TLS-4 in the manager UI', () => {
  it('a forum with autosaved Q&As, offered to the campaign; Undo Removal within 10 s (also after a reload), final after', async () => {
    const { page } = await e.newPage({ viewport: { width: 1300, height: 1000 } });
    await e.login(page, ADMIN.email, ADMIN.password);

    // Tools tab → Canned Responses' More settings → Forum management: add a forum, open it.
    await page.goto(`/campaigns/${campaignId}/tools`);
    await page.getByRole('link', { name: 'More settings of Canned Responses' }).click();
    await page.getByRole('heading', { name: 'Canned Responses' }).waitFor();
    await page.getByRole('link', { name: 'Forum management' }).click();
    await page.getByRole('heading', { name: 'Forum management' }).waitFor();
    await page.getByRole('textbox', { name: 'New forum' }).fill('Shop');
    await page.getByRole('button', { name: 'Add forum' }).click();
    await page.getByRole('link', { name: 'Shop' }).click();

    // Rename: the title field at the top and Save.
    const title = page.getByRole('textbox', { name: 'Forum title' });
    await title.fill('Webshop');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('The forum is now called “Webshop”').waitFor();

    // Add Q&A: the shortkey takes the focus; every field saves itself ("✓ Saved" at the bottom right).
    await page.getByRole('button', { name: 'Add Q&A' }).click();
    const first = page.getByRole('article').nth(0);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id ?? '')).toMatch(/-shortkey$/);
    await page.keyboard.type('ship');
    await first.getByRole('textbox', { name: 'Question' }).fill('What does shipping cost?');
    await first.getByRole('textbox', { name: 'Answer' }).fill('Shipping is free from €50.');
    await expect.poll(() => saveState(first).getAttribute('data-state')).toBe('saved');
    await saveState(first).getByText('Saved').waitFor();
    await screenshot(page, 'forum-saved');

    // A shortkey with a space is refused by field, the other fields are saved meanwhile; fixed, it saves.
    await page.getByRole('button', { name: 'Add Q&A' }).click();
    const second = page.getByRole('article').nth(1);
    const key = second.getByRole('textbox', { name: 'Shortkey' });
    await key.fill('free returns');
    await second.getByRole('textbox', { name: 'Answer' }).fill('Returns are free within 30 days.');
    await saveState(second).getByText('Not saved: A shortkey has no spaces').waitFor();
    expect(await key.getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'forum-not-saved');
    await key.fill('returns');
    await expect.poll(() => saveState(second).getAttribute('data-state')).toBe('saved');
    const forums = await e.app.admin.get<{ items: CannedForum[] }>('/api/canned-forums');
    const forum = forums.body.items.find((f) => f.title === 'Webshop')!;
    const stored = await e.app.admin.get<{ items: CannedResponse[] }>(`/api/canned-forums/${forum.id}`);
    expect(stored.body.items.map((i) => [i.shortkey, i.answer])).toEqual([
      ['ship', 'Shipping is free from €50.'],
      ['returns', 'Returns are free within 30 days.'],
    ]);

    // The trash bin: "Undo Removal" with its seconds, also after a reload; undone, the Q&A is back.
    await second.getByRole('button', { name: 'Remove #returns' }).click();
    const undo = page.getByRole('button', { name: /^Undo Removal \(\d+ s\)$/ });
    await undo.waitFor();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent ?? ''))
      .toMatch(/Undo Removal/);
    await screenshot(page, 'forum-undo');
    await page.reload();
    await undo.waitFor();
    await undo.click();
    await page.getByRole('article', { name: '#returns' }).waitFor();
    expect(await undo.count()).toBe(0);

    // Removed again and left alone: after the 10 seconds the removal is final, a reload does not bring it back.
    await page
      .getByRole('article', { name: '#returns' })
      .getByRole('button', { name: 'Click to edit' })
      .click();
    await page.getByRole('button', { name: 'Remove #returns' }).click();
    await undo.waitFor();
    await undo.waitFor({ state: 'detached', timeout: 20_000 });
    await page.reload();
    await page.getByRole('article', { name: '#ship' }).waitFor();
    expect(await page.getByRole('article', { name: '#returns' }).count()).toBe(0);
    expect(await undo.count()).toBe(0);
    const late = await e.app.admin.post<{ error: { code: string } }>(
      `/api/canned-responses/${stored.body.items[1]!.id}/undo-removal`,
    );
    expect([late.status, late.body.error.code]).toEqual([410, 'undo_expired']);

    // The campaign offers the forum: its checkbox on the More settings page, and Save.
    await page.getByRole('link', { name: 'Forum management' }).click();
    await page.getByRole('link', { name: 'Canned Responses' }).click();
    await page.getByRole('checkbox', { name: 'Webshop' }).check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('The forums of this campaign are saved').waitFor();
    const offered = await e.app.admin.get<{ forumIds: string[] }>(
      `/api/campaigns/${campaignId}/tools/canned-responses`,
    );
    expect(offered.body.forumIds).toEqual([forum.id]);
  });
});

describe('TLS-2 in the console', () => {
  it('the agent types #shortkey and picks from the suggestions by keyboard, and searches in Quick Response', async () => {
    // A forum of its own for this test, offered to the campaign.
    const forum = await e.app.admin.post<CannedForum>('/api/canned-forums', { title: 'Console forum' });
    const add = (body: object) => e.app.admin.post(`/api/canned-forums/${forum.body.id}/responses`, body);
    await add({ shortkey: 'hello', question: 'Greeting', answer: 'Hello! How can I help you today?' });
    await add({
      shortkey: 'hours',
      question: 'Opening hours?',
      answer: 'We are open from 9 to 5, Monday to Friday.',
    });
    await add({
      shortkey: 'refund',
      question: 'How do refunds work?',
      answer: 'Refunds reach your card within 5 days.',
    });
    const current = await e.app.admin.get<{ forumIds: string[] }>(
      `/api/campaigns/${campaignId}/tools/canned-responses`,
    );
    await e.app.admin.put(`/api/campaigns/${campaignId}/tools/canned-responses`, {
      forumIds: [...current.body.forumIds, forum.body.id],
    });

    const { page: agent } = await e.newPage({ viewport: { width: 1400, height: 1000 } });
    await e.login(agent, ADMIN.email, ADMIN.password);
    await agent.goto('/console');
    await agent.getByRole('status', { name: 'Connection: Connected' }).waitFor();
    await chatWith(agent, 'When are you open?');

    // `#h`: the list shows the two keys starting with h; ArrowDown picks the second, Enter inserts its answer.
    const message = agent.getByRole('textbox', { name: 'Message' });
    await message.click();
    await agent.keyboard.type('Thanks for asking. #h');
    const list = agent.getByRole('listbox', { name: 'Canned responses' });
    await list.waitFor();
    await expect
      .poll(() => list.getByRole('option').allTextContents())
      .toEqual(['#hello Greeting', '#hours Opening hours?']);
    expect(await message.getAttribute('aria-controls')).toBe(await list.getAttribute('id'));
    const active = async () => {
      const id = await message.getAttribute('aria-activedescendant');
      return id ? agent.locator(`[id="${id}"]`).textContent() : null;
    };
    expect(await active()).toBe('#hello Greeting');
    await agent.keyboard.press('ArrowDown');
    expect(await active()).toBe('#hours Opening hours?');
    await screenshot(agent, 'console-suggestions');
    await agent.keyboard.press('Enter');
    await expect
      .poll(() => message.inputValue())
      .toBe('Thanks for asking. We are open from 9 to 5, Monday to Friday.');
    expect(await list.count()).toBe(0);

    // Typing on narrows the list; Escape closes it, typing on opens it again, and a click picks.
    await agent.keyboard.type(' #ref');
    await expect
      .poll(() => list.getByRole('option').allTextContents())
      .toEqual(['#refund How do refunds work?']);
    await agent.keyboard.press('Escape');
    expect(await list.count()).toBe(0);
    await agent.keyboard.press('Backspace');
    await agent.keyboard.type('f');
    await list.waitFor();
    await list.getByRole('option', { name: /#refund/ }).click();
    await expect
      .poll(() => message.inputValue())
      .toBe(
        'Thanks for asking. We are open from 9 to 5, Monday to Friday. Refunds reach your card within 5 days.',
      );

    // Quick Response: search by a word of an answer, in the forum chosen on the right; choosing inserts at the caret.
    await message.fill('');
    const quick = agent.getByRole('region', { name: 'Quick Response' });
    await quick.getByRole('searchbox', { name: 'Search canned responses' }).fill('monday');
    await quick.getByRole('button', { name: '#hours Opening hours?' }).waitFor();
    await expect.poll(() => quick.getByRole('button', { name: /^#/ }).count()).toBe(1);
    await quick.getByLabel('Forum', { exact: true }).click();
    await agent.getByRole('option', { name: 'Console forum' }).click();
    await quick.getByRole('searchbox', { name: 'Search canned responses' }).fill('card');
    await quick.getByRole('button', { name: '#refund How do refunds work?' }).waitFor();
    await screenshot(agent, 'console-quick-response');
    await quick.getByRole('button', { name: '#refund How do refunds work?' }).click();
    await expect.poll(() => message.inputValue()).toBe('Refunds reach your card within 5 days.');
    await expect
      .poll(() => agent.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('Message');
  });
});
