import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CampaignList, ChatListPage, SuccessCodeSettings, SurveySettings } from '@parley/protocol';
import { ADMIN, shot, startE2E, type E2E } from './support.js';

// Issue 15 in a real browser: the Goals tab (GOL-1 success codes, GOL-2 customer survey), an agent choosing a
// code with the keyboard before closing (forced by the campaign), and the visitor's survey after the close —
// smileys, then thumbs — with the rating live in the console and in the chat's transcript.
let e: E2E;
let campaignId: string;
beforeAll(async () => {
  e = await startE2E();
  const campaigns = await e.app.admin.get<CampaignList>('/api/campaigns');
  campaignId = campaigns.body.items.find((c) => c.title === 'Website chat')!.id;
});
afterAll(() => e?.close());

const frameOf = (page: Page) => page.frameLocator('iframe[title="Chat with us"]');

/** The demo page's visitor starts a chat, and the agent opens it and answers. */
async function chatWith(agent: Page, text: string) {
  const { page: visitor } = await e.newPage({ viewport: { width: 1100, height: 800 } });
  await visitor.goto('/demo');
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
  await agent.getByRole('textbox', { name: 'Message' }).fill('Happy to help.');
  await agent.getByRole('textbox', { name: 'Message' }).press('Enter');
  await expect.poll(() => frame.getByText('Happy to help.').count()).toBe(1);
  return { visitor, frame };
}

describe('GOL-1 and GOL-2 end to end', () => {
  it('a manager sets up codes and the survey; the agent must choose a code (keyboard); the visitor rates with smileys', async () => {
    const { page: agent } = await e.newPage({ viewport: { width: 1400, height: 900 } });
    await e.login(agent, ADMIN.email, ADMIN.password);

    // The Goals tab: two codes, forced; the survey with a comment box and a thank-you message.
    await agent.goto(`/campaigns/${campaignId}/goals`);
    const codes = agent.getByRole('region', { name: 'Success codes' });
    const focused = () => agent.evaluate(() => document.activeElement?.getAttribute('aria-label'));
    await codes.getByRole('button', { name: 'Add code' }).click();
    await expect.poll(focused).toBe('Name of code 1');
    await agent.keyboard.type('Sales');
    await codes.getByRole('button', { name: 'Add code' }).click();
    await expect.poll(focused).toBe('Name of code 2');
    await agent.keyboard.type('Support');
    await codes.getByLabel('Agents are forced to choose a code before they can close the chat').check();
    await codes.getByRole('button', { name: 'Save' }).click();
    await agent.getByText('The success codes are saved.').waitFor();
    const survey = agent.getByRole('region', { name: 'Customer survey' });
    await survey.getByLabel('Show the survey after a chat').check();
    await survey.getByLabel('Allow visitors to send additional comments').check();
    await survey.getByLabel('Thank you message').check();
    await survey.getByRole('button', { name: 'Save' }).click();
    await agent.getByText('The customer survey is saved.').waitFor();
    await agent.evaluate(() => {
      (document.activeElement as HTMLElement | null)?.blur();
      window.scrollTo(0, 0);
    });
    await shot(agent, 'goals-tab');

    await agent.goto('/console');
    await agent.getByRole('status', { name: 'Connection: Connected' }).waitFor();
    const { visitor, frame } = await chatWith(agent, 'I want to buy shoes');

    // The close dialog, with the keyboard only: a close without a code is refused, then a code is chosen.
    await agent.getByRole('button', { name: 'Close chat' }).focus();
    await agent.keyboard.press('Enter');
    const dialog = agent.getByRole('dialog', { name: 'Close this chat?' });
    await dialog.getByRole('radiogroup', { name: 'Success code' }).waitFor();
    await dialog.getByRole('button', { name: 'Close chat' }).focus();
    await agent.keyboard.press('Enter');
    await dialog.getByText('Choose a success code before closing this chat').waitFor();
    // The refusal put the focus on the codes: Space chooses the first, an arrow the next.
    await expect
      .poll(() => agent.evaluate(() => (document.activeElement as HTMLInputElement).type))
      .toBe('radio');
    await agent.keyboard.press('Space');
    await agent.keyboard.press('ArrowDown');
    await expect(dialog.getByRole('radio', { name: 'Support' }).isChecked()).resolves.toBe(true);
    await agent.keyboard.press('ArrowUp');
    await expect(dialog.getByRole('radio', { name: 'Sales' }).isChecked()).resolves.toBe(true);
    await shot(agent, 'goals-close-dialog');
    await agent.keyboard.press('Tab'); // Cancel
    await agent.keyboard.press('Tab'); // Close chat
    await agent.keyboard.press('Enter');
    await agent.getByText('This chat is closed').waitFor();
    const transcript = agent.getByRole('log', { name: 'Transcript' });
    await expect.poll(() => transcript.textContent()).toContain('Demo chose the success codes: Sales');

    // The survey in the chat window: smileys, chosen with the keyboard, then a comment and Send.
    const rates = frame.getByRole('group', { name: 'How would you rate this chat?' });
    await rates.waitFor();
    await shot(visitor, 'goals-widget-survey');
    await rates.getByRole('radio', { name: 'Very bad' }).focus();
    for (let i = 0; i < 3; i++) await visitor.keyboard.press('ArrowRight');
    await expect(rates.getByRole('radio', { name: 'Good', exact: true }).isChecked()).resolves.toBe(true);
    // Live in the console: the latest rating once the visitor paused.
    await expect
      .poll(() => agent.getByTestId('console-rating').textContent())
      .toBe('The visitor’s rating: 4 of 5 (Good)');
    await frame.getByLabel('Would you like to tell us more?').fill('Quick and kind');
    await shot(visitor, 'goals-widget-survey-comment');
    await frame.getByRole('button', { name: 'Send', exact: true }).click();
    await frame.getByText('Thank you for your feedback!').waitFor();
    await shot(visitor, 'goals-widget-survey-thanks');
    await expect
      .poll(() => transcript.textContent())
      .toContain('rated the chat: 4 of 5 (Good) — “Quick and kind”');
    await shot(agent, 'goals-console-rated');

    // The chat's page in the Chats section: the codes, the rating and the comment, and the transcript's events.
    const day = new Date().toISOString().slice(0, 10);
    const list = await e.app.admin.get<ChatListPage>(`/api/chats?from=${day}&to=${day}`);
    const item = list.body.items.find((c) => c.rating !== null)!;
    expect(item).toMatchObject({ rating: 4, ratingScale: 'smileys' });
    await agent.goto(`/chats/${item.id}`);
    const info = agent.getByRole('region', { name: 'Information' });
    await expect.poll(() => info.textContent()).toContain('4 of 5 (Good)');
    await expect.poll(() => info.textContent()).toContain('Quick and kind');
    await expect.poll(() => info.textContent()).toContain('Sales');
    const record = agent.getByRole('log', { name: 'Transcript' });
    await expect.poll(() => record.textContent()).toContain('rated the chat: 4 of 5 (Good)');
    await expect.poll(() => record.textContent()).toContain('chose the success codes: Sales');
    await shot(agent, 'goals-chat-page');
  });

  it('thumbs: the code chosen in the chat with the keyboard, the visitor’s thumbs up reaches the console', async () => {
    // The codes of the first test (set here too, so this test runs alone).
    const codesPath = `/api/campaigns/${campaignId}/goals/success-codes`;
    const codes = (await e.app.admin.get<SuccessCodeSettings>(codesPath)).body;
    if (codes.codes.length === 0)
      await e.app.admin.put(codesPath, {
        allowMultiple: false,
        required: true,
        codes: [{ name: 'Sales' }, { name: 'Support' }],
      });
    const current = (await e.app.admin.get<SurveySettings>(`/api/campaigns/${campaignId}/goals/survey`)).body;
    const saved = await e.app.admin.put(`/api/campaigns/${campaignId}/goals/survey`, {
      ...current,
      enabled: true,
      scale: 'thumbs',
      comment: false,
      thanks: false,
    });
    expect(saved.status).toBe(200);
    const { page: agent } = await e.newPage({ viewport: { width: 1400, height: 900 } });
    await e.login(agent, ADMIN.email, ADMIN.password);
    await agent.goto('/console');
    await agent.getByRole('status', { name: 'Connection: Connected' }).waitFor();
    const { visitor, frame } = await chatWith(agent, 'Where is my parcel?');

    // In the chat: type to filter the codes, Enter to choose; saved at once.
    const field = agent.getByRole('combobox', { name: /^Success code/ });
    await field.focus();
    await agent.keyboard.type('Sup');
    await agent.keyboard.press('ArrowDown');
    await agent.keyboard.press('Enter');
    const transcript = agent.getByRole('log', { name: 'Transcript' });
    await expect.poll(() => transcript.textContent()).toContain('Demo chose the success codes: Support');
    // The close dialog has it chosen already.
    await agent.getByRole('button', { name: 'Close chat' }).click();
    const dialog = agent.getByRole('dialog', { name: 'Close this chat?' });
    await expect.poll(() => dialog.getByRole('radio', { name: 'Support' }).isChecked()).toBe(true);
    await dialog.getByRole('button', { name: 'Close chat' }).click();
    await agent.getByText('This chat is closed').waitFor();

    const rates = frame.getByRole('group', { name: 'How would you rate this chat?' });
    await rates.getByRole('radio', { name: 'Good' }).waitFor();
    expect(await rates.getByRole('radio').count()).toBe(2);
    await shot(visitor, 'goals-widget-thumbs');
    await rates.getByRole('radio', { name: 'Good' }).check();
    await frame.getByRole('button', { name: 'Send', exact: true }).click();
    await frame.getByText('Your rating was sent.').waitFor();
    await expect
      .poll(() => agent.getByTestId('console-rating').textContent())
      .toBe('The visitor’s rating: Thumbs up');
    await expect.poll(() => transcript.textContent()).toContain('rated the chat: Thumbs up');
  });
});
