import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CampaignList, GoalSalesSettings } from '@parley/protocol';
import { ADMIN, shot, startE2E, type E2E } from './support.js';

// Issue 15, second half, in a real browser: a goal with a changing value (GOL-3, GOL-4) set up on the Goals tab,
// reached through the snippet on the demo page and shown in the agent's transcript; a wrong EXAMPLE_VALUE refused
// with a console message; the campaign events (GOL-5) captured from a stub `gtag`, from a `dataLayer`, and as DOM
// events by a listener — and nothing sent to a page without analytics.
let e: E2E;
let campaignId: string;
beforeAll(async () => {
  e = await startE2E();
  const campaigns = await e.app.admin.get<CampaignList>('/api/campaigns');
  campaignId = campaigns.body.items.find((c) => c.title === 'Website chat')!.id;
});
afterAll(() => e?.close());

const frameOf = (page: Page) => page.frameLocator('iframe[title="Chat with us"]');

type Captured = { ga: unknown[][]; dom: [string, unknown][]; on: unknown[] };

/**
 * A visitor's page on /demo with what the host page's analytics would see: `gtag` (a stub keeping its calls) or a
 * `dataLayer`, or neither; DOM listeners for every campaign event. Set before the loader runs.
 */
async function visitorPage(analytics: 'gtag' | 'dataLayer' | 'none') {
  const context: BrowserContext = await e.browser.newContext({
    baseURL: e.app.url,
    viewport: { width: 1100, height: 800 },
  });
  const page = await context.newPage();
  const warnings: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'warning') warnings.push(m.text());
  });
  await page.addInitScript((kind) => {
    const w = window as unknown as Record<string, unknown> & { __parley: Captured };
    w.__parley = { ga: [], dom: [], on: [] };
    if (kind === 'gtag')
      w.gtag = function (...args: unknown[]) {
        w.__parley.ga.push(args);
      };
    if (kind === 'dataLayer') w.dataLayer = [];
    for (const name of [
      'widget.loaded',
      'chat.started',
      'chat.closed',
      'agents.unavailable',
      'rating.given',
      'goal.reached',
    ])
      addEventListener(`parley:${name}`, (ev) => w.__parley.dom.push([name, (ev as CustomEvent).detail]));
  }, analytics);
  await page.goto('/demo');
  const captured = () => page.evaluate(() => (window as unknown as { __parley: Captured }).__parley);
  return { page, context, warnings, captured };
}

describe('GOL-3…5 end to end', () => {
  it('a goal with a changing value, reached by the snippet, in the transcript; GA4 through gtag; DOM events', async () => {
    const { page: agent } = await e.newPage({ viewport: { width: 1400, height: 900 } });
    await e.login(agent, ADMIN.email, ADMIN.password);

    // The manager adds the goal on the Goals tab and turns GA4 on.
    await agent.goto(`/campaigns/${campaignId}/goals`);
    await agent
      .getByRole('region', { name: 'Goals & sales' })
      .getByRole('button', { name: 'Add a goal' })
      .click();
    const dialog = agent.getByRole('dialog', { name: 'New goal' });
    await dialog.getByRole('textbox', { name: 'Title', exact: true }).fill('Order');
    await dialog.getByRole('radio', { name: 'Changing' }).check();
    await expect
      .poll(() => dialog.getByTestId('goal-snippet').textContent())
      .toBe("parley('goal', 'Order', EXAMPLE_VALUE);");
    await shot(agent, 'sales-goal-dialog');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await agent.getByText('The goals are saved.').waitFor();
    await agent
      .getByRole('region', { name: 'Goals & sales' })
      .getByText('Changing value, sent by your page')
      .waitFor();
    await agent
      .getByRole('region', { name: 'Analytics events' })
      .getByLabel('Also send these events to Google Analytics 4')
      .check();
    await agent.getByText('The analytics setting is saved.').waitFor();
    await shot(agent, 'sales-goals-tab');
    const saved = (await e.app.admin.get<GoalSalesSettings>(`/api/campaigns/${campaignId}/goals/sales`)).body;
    expect(saved).toMatchObject({ ga4: true, goals: [{ title: 'Order', valueKind: 'changing', value: '' }] });

    // The visitor: the page has gtag; the widget loads, the visitor chats with the agent.
    await agent.goto('/console');
    await agent.getByRole('status', { name: 'Connection: Connected' }).waitFor();
    const v = await visitorPage('gtag');
    await v.page.evaluate(() => {
      const w = window as unknown as { parley: (...a: unknown[]) => void; __parley: Captured };
      w.parley('on', 'goal.reached', (detail: unknown) => w.__parley.on.push(detail));
    });
    await expect.poll(async () => (await v.captured()).dom.map(([n]) => n)).toContain('widget.loaded');
    await v.page.getByRole('button', { name: 'Chat with us' }).click();
    const frame = frameOf(v.page);
    const field = frame.getByRole('textbox', { name: 'Type your message…' });
    await field.fill('I am about to order');
    await field.press('Enter');
    const option = agent
      .getByRole('listbox', { name: 'Your chats' })
      .getByRole('option', { name: /I am about to order/ });
    await option.waitFor();
    await option.click();
    await expect.poll(async () => (await v.captured()).dom.map(([n]) => n)).toContain('chat.started');

    // A wrong EXAMPLE_VALUE: refused in the console, nothing sent.
    await v.page.evaluate(() =>
      (window as unknown as { parley: (...a: unknown[]) => void }).parley('goal', 'Order', 'EXAMPLE_VALUE'),
    );
    await expect
      .poll(() => v.warnings.join('\n'))
      .toContain(
        "parley('goal', 'Order', EXAMPLE_VALUE): the goal was not sent. EXAMPLE_VALUE must be a number (49.95) or a 'quoted text' of digits ('49,95'), not 'EXAMPLE_VALUE'.",
      );
    // The snippet with a number: in the agent's transcript with its value.
    await v.page.evaluate(() =>
      (window as unknown as { parley: (...a: unknown[]) => void }).parley('goal', 'Order', 49.95),
    );
    await agent.getByText(/The visitor reached the goal “Order”, value 49\.95/).waitFor();
    await shot(agent, 'sales-transcript');

    const got = await v.captured();
    const ga = got.ga.filter((c) => c[0] === 'event').map((c) => [c[1], c[2]]);
    expect(ga).toEqual(
      expect.arrayContaining([
        ['parley_widget_loaded', {}],
        ['parley_chat_started', { proactive: false }],
        ['parley_goal_reached', { goal: 'Order', value: 49.95 }],
      ]),
    );
    // The refused call reached nothing.
    expect(ga.filter(([n]) => n === 'parley_goal_reached')).toHaveLength(1);
    expect(got.dom).toEqual(
      expect.arrayContaining([
        ['widget.loaded', {}],
        ['chat.started', { proactive: false }],
        ['goal.reached', { goal: 'Order', value: 49.95 }],
      ]),
    );
    expect(got.on).toEqual([{ goal: 'Order', value: 49.95 }]);

    // The agent closes the chat: chat.closed on the page too.
    await agent.getByRole('button', { name: 'Close chat' }).click();
    const confirm = agent.getByRole('dialog', { name: 'Close this chat?' });
    await confirm.getByRole('button', { name: 'Close chat' }).click();
    await expect.poll(async () => (await v.captured()).ga.map((c) => c[1])).toContain('parley_chat_closed');
    await v.context.close();
  });

  it('pushes to a dataLayer when the page has no gtag, and sends nothing to a page without analytics', async () => {
    const current = (await e.app.admin.get<GoalSalesSettings>(`/api/campaigns/${campaignId}/goals/sales`))
      .body;
    await e.app.admin.put(`/api/campaigns/${campaignId}/goals/sales`, { ...current, ga4: true });
    const tagManager = await visitorPage('dataLayer');
    await expect
      .poll(() =>
        tagManager.page.evaluate(() =>
          (window as unknown as { dataLayer: { event?: string }[] }).dataLayer.map((x) => x.event),
        ),
      )
      .toContain('parley_widget_loaded');
    await tagManager.context.close();

    const plain = await visitorPage('none');
    await expect.poll(async () => (await plain.captured()).dom.map(([n]) => n)).toContain('widget.loaded');
    const globals = await plain.page.evaluate(() => ({
      gtag: typeof (window as unknown as { gtag?: unknown }).gtag,
      dataLayer: typeof (window as unknown as { dataLayer?: unknown }).dataLayer,
      scripts: [...document.scripts].map((s) => s.src).filter((s) => s && !s.includes('/widget/')),
    }));
    expect(globals).toEqual({ gtag: 'undefined', dataLayer: 'undefined', scripts: [] });
    await plain.context.close();
  });
});
