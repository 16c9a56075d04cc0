import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, shot, startE2E, type E2E } from './support.js';

// Issue 4 in a real browser: a visitor on /demo and an agent in the console chat both ways (CON-1…CON-3).
let e: E2E;
beforeAll(async () => {
  e = await startE2E();
});
afterAll(() => e?.close());

describe('a visitor on the demo page and an agent in the console', () => {
  it('chat both ways, with typing preview, then the agent closes the chat', async () => {
    const { page: agent } = await e.newPage({ viewport: { width: 1400, height: 850 } });
    await e.login(agent, ADMIN.email, ADMIN.password);
    await agent.goto('/console');
    await agent.getByRole('status', { name: 'Connection: Connected' }).waitFor();

    const { page: visitor } = await e.newPage({ viewport: { width: 1100, height: 800 } });
    await visitor.goto('/demo');
    await visitor.getByRole('button', { name: 'Chat with us' }).click();
    const frame = visitor.frameLocator('iframe[title="Chat with us"]');
    const field = frame.getByRole('textbox', { name: 'Type your message…' });
    await field.waitFor();
    await expect.poll(() => frame.getByText('Hello! How can we help you?').count()).toBeGreaterThan(0);
    await field.fill('Hi! Do you ship <b>to Belgium</b>?');
    await field.press('Enter');

    const chatList = agent.getByRole('listbox', { name: 'Your chats' });
    await chatList.getByRole('option').first().waitFor();
    await chatList.getByRole('option').first().click();
    const transcript = agent.getByRole('log', { name: 'Transcript' });
    await expect.poll(() => transcript.textContent()).toContain('Hi! Do you ship <b>to Belgium</b>?');
    await expect.poll(() => frame.getByText('Demo joined the chat').count()).toBeGreaterThan(0);

    // Sneak preview: the agent sees what the visitor types before it is sent (CON-5).
    await field.pressSequentially('And what does it cost', { delay: 20 });
    await expect
      .poll(() => agent.getByTestId('sneak-preview').textContent())
      .toContain('And what does it cost');
    await shot(agent, 'console-sneak-preview');

    const composer = agent.getByRole('textbox', { name: 'Message' });
    await composer.fill('Yes, we ship to Belgium in 2 days.');
    await agent.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => frame.getByText('Yes, we ship to Belgium in 2 days.').count()).toBe(1);
    await shot(visitor, 'demo-widget-conversation');
    await shot(agent, 'console-conversation');

    await agent.getByRole('button', { name: 'Close chat' }).click();
    await agent
      .getByRole('dialog', { name: 'Close this chat?' })
      .getByRole('button', { name: 'Close chat' })
      .click();
    await expect.poll(() => frame.getByText('Thank you for chatting with us.').count()).toBe(1);
    await expect.poll(() => frame.getByText('The chat has ended.').count()).toBeGreaterThan(0);
    await expect.poll(() => agent.getByText('This chat is closed').count()).toBeGreaterThan(0);
    await shot(visitor, 'demo-widget-closed');
  });

  it('keeps the conversation across a page load and shows the agent’s answer on a phone-sized screen', async () => {
    const { page: agent } = await e.newPage({ viewport: { width: 1400, height: 850 } });
    await e.login(agent, ADMIN.email, ADMIN.password);
    await agent.goto('/console');
    await agent.getByRole('status', { name: 'Connection: Connected' }).waitFor();

    const { page: visitor } = await e.newPage({ viewport: { width: 375, height: 700 } });
    await visitor.goto('/demo');
    await visitor.getByRole('button', { name: 'Chat with us' }).click();
    const frame = visitor.frameLocator('iframe[title="Chat with us"]');
    await frame.getByRole('textbox', { name: 'Type your message…' }).fill('Message before navigating');
    await frame.getByRole('textbox', { name: 'Type your message…' }).press('Enter');
    const option = agent.getByRole('listbox', { name: 'Your chats' }).getByRole('option').first();
    await option.waitFor();
    await option.click();

    await visitor.goto('/demo?page=2');
    const again = visitor.frameLocator('iframe[title="Chat with us"]');
    await expect
      .poll(() => again.getByText('Message before navigating').count(), { timeout: 15_000 })
      .toBe(1);
    await agent.getByRole('textbox', { name: 'Message' }).fill('Still here after your page change');
    await agent.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => again.getByText('Still here after your page change').count()).toBe(1);
    await shot(visitor, 'demo-widget-phone');
  });
});
