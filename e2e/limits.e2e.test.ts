import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { widgetTexts } from '@parley/protocol';
import { ADMIN, startE2E, type E2E } from './support.js';

// Issue 10.9 in a real browser: when the visitor's network has started too many chats, the widget says so in
// the campaign's language instead of failing silently or showing the server's words.
let e: E2E;
beforeAll(async () => {
  e = await startE2E({ VISITOR_CHATS_PER_IP_PER_MINUTE: '1' });
  // An agent is there: otherwise a chat started would be an offline message (INV-2), which the limit counts too.
  const { page } = await e.newPage();
  await e.login(page, ADMIN.email, ADMIN.password);
  await page.goto('/console');
  await page.getByRole('status', { name: 'Connection: Connected' }).waitFor();
});
afterAll(() => e?.close());

async function openChat(message: string) {
  const { page } = await e.newPage({ viewport: { width: 1100, height: 800 } });
  await page.goto('/demo');
  await page.getByRole('button', { name: 'Chat with us' }).click();
  const frame = page.frameLocator('iframe[title="Chat with us"]');
  const field = frame.getByRole('textbox', { name: 'Type your message…' });
  await field.waitFor();
  await field.fill(message);
  await field.press('Enter');
  return frame;
}

describe('per-address visitor limits in the widget', () => {
  it('tells a visitor politely that too many chats came from their network', async () => {
    const first = await openChat('First chat from this office');
    await expect.poll(() => first.getByText('First chat from this office').count()).toBeGreaterThan(0);
    const second = await openChat('Second chat from this office');
    await expect.poll(() => second.getByText(widgetTexts.en.busy).count()).toBeGreaterThan(0);
    // The first visitor's chat goes on.
    expect(await first.getByText(widgetTexts.en.busy).count()).toBe(0);
  });
});
