import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, seedStatistics, shot, startE2E, type E2E } from './support.js';

// STA-1…9 in the browser: the statistics page of an account with sample data draws its charts (screenshot),
// keeps its filters in the address, says plainly when a period has no chats, and passes axe with data and empty.
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

let e: E2E;
let page: Page;
let period: { from: string; to: string };

beforeAll(async () => {
  e = await startE2E();
  period = await seedStatistics(e);
  page = (await e.newPage()).page;
  await e.login(page, ADMIN.email, ADMIN.password);
});
afterAll(() => e?.close());

async function axe() {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
}

describe('the statistics page', () => {
  it('draws the charts of a period with chats, with the numbers as tables for screen readers', async () => {
    await page.goto(`/chats/statistics?from=${period.from}&to=${period.to}`);
    await page.getByRole('heading', { level: 1, name: 'Statistics' }).waitFor();
    await page.getByRole('heading', { name: 'Chats per day' }).waitFor();
    const bars = page.locator('[data-chart] .recharts-bar-rectangle');
    await bars.first().waitFor();
    expect(await bars.count()).toBeGreaterThan(10);
    const perDay = page.getByRole('table', { name: 'Chats per day, as a table' });
    expect(await perDay.getByRole('row').count()).toBe(15); // a header and 14 days
    await page
      .getByRole('table', { name: 'Chats per hour of the day, as a table' })
      .waitFor({ state: 'attached' });
    await expect.poll(() => page.getByText('Average first response').count()).toBe(1);
    await shot(page, 'statistics');
    await axe();
  });

  it('keeps a filter in the address and shows the figures for it', async () => {
    await page.getByRole('combobox', { name: 'Type' }).click();
    await page.getByRole('option', { name: 'Offline message' }).click();
    await page.waitForURL(/type=offline/);
    // Offline messages have no agent: the agents' chart says so instead of drawing nothing.
    await page.getByText('No agent had a chat of these.').waitFor();
    await shot(page, 'statistics-filtered');
    await axe();
    // The chat list has the same filter bar: the period and filters go along to it, and back.
    const section = page.getByRole('navigation', { name: 'Chats section' });
    await section.getByRole('link', { name: 'Chats' }).click();
    await page.getByRole('heading', { level: 1, name: 'Chats' }).waitFor();
    const list = new URL(page.url()).searchParams;
    expect([list.get('type'), list.get('from'), list.get('to')]).toEqual(['offline', period.from, period.to]);
    expect(await page.getByLabel('Type', { exact: true }).first().inputValue()).toBe('Offline message');
    await section.getByRole('link', { name: 'Statistics' }).click();
    await page.getByRole('heading', { level: 1, name: 'Statistics' }).waitFor();
    await page.getByText('No agent had a chat of these.').waitFor();
    expect(new URL(page.url()).searchParams.get('type')).toBe('offline');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.waitForURL((u) => !u.search.includes('type='));
  });

  it('says what will appear when the period has no chats', async () => {
    await page.goto('/chats/statistics?from=2020-01-01&to=2020-01-07');
    await page.getByText('No chats in this period').waitFor();
    await page.getByText(/No chat started between/).waitFor();
    // Dates alone in the address (links made before the period had a name) are a custom range.
    expect(await page.getByLabel('Date', { exact: true }).first().inputValue()).toBe('Custom range');
    await shot(page, 'statistics-empty');
    await axe();
  });
});
