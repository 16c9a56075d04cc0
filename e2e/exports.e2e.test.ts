import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, shot, startE2E, type E2E } from './support.js';

// EXP-1…9 in a real browser: download an export and read it, create a token link, use it, revoke it.
let e: E2E;
beforeAll(async () => {
  e = await startE2E();
  const res = await e.app.admin.post('/api/users', {
    email: 'zoe.export@example.com',
    password: 'long-enough-pw',
    firstName: 'Zoë',
    lastName: '=Ærø "Q", Jr',
    rights: 'agent',
  });
  expect(res.status).toBe(201);
});
afterAll(() => e?.close());

describe('Exports page', () => {
  it('downloads the Agents report for a custom period and it parses as CSV', async () => {
    const { page } = await e.newPage();
    await e.login(page, ADMIN.email, ADMIN.password);
    await page.goto('/chats/exports');
    await page.getByRole('heading', { level: 1, name: 'Exports' }).waitFor();
    await page.getByRole('radio', { name: /^Agents/ }).check();
    await page.getByRole('combobox', { name: 'Date' }).click();
    await page.getByRole('option', { name: 'Custom range' }).click();
    await page.getByLabel('From', { exact: true }).fill('2026-01-01');
    await page.getByLabel('To', { exact: true }).fill('2026-01-31');
    await expect.poll(() => page.getByText('From 2026-01-01 to 2026-01-31 inclusive').count()).toBe(1);
    await shot(page, 'exports');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download Agents (CSV)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('agents_2026-01-01_2026-01-31.csv');
    const rows = parse(await readFile((await download.path())!, 'utf8'), { bom: true }) as string[][];
    expect(rows[0]!.slice(0, 5)).toEqual(['agent_id', 'username', 'first_name', 'last_name', 'email']);
    const zoe = rows.find((r) => r[4] === 'zoe.export@example.com')!;
    expect(zoe.slice(2, 4)).toEqual(['Zoë', `'=Ærø "Q", Jr`]);
    expect(rows.some((r) => r[4] === ADMIN.email)).toBe(true);
  });

  it('creates a token link that downloads without signing in, then revokes it', async () => {
    const { page, context } = await e.newPage();
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await e.login(page, ADMIN.email, ADMIN.password);
    await page.goto('/chats/exports');
    await page.getByRole('button', { name: 'Show more settings' }).click();
    await page.getByText('No links yet').waitFor();
    await page.getByRole('combobox', { name: 'Report for the link' }).click();
    await page.getByRole('option', { name: 'Hosts' }).click();
    await page.getByRole('button', { name: 'Create link' }).click();
    const url = (await page.getByLabel('Link', { exact: true }).textContent())!.trim();
    expect(url).toMatch(/\/exports\/t\/[A-Za-z0-9_-]{43}\/hosts\.csv$/);
    await page.getByRole('button', { name: 'Copy link' }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(url);
    await expect.poll(() => page.getByRole('cell', { name: 'Never used' }).count()).toBe(1);
    await shot(page, 'exports-link-created');

    // Anyone with the link: no cookie.
    const res = await fetch(`${url}?days=7`);
    expect(res.status).toBe(200);
    const rows = parse(await res.text(), { bom: true }) as string[][];
    expect(rows[0]!.slice(0, 2)).toEqual(['website_id', 'host']);
    expect(rows.map((r) => r[1])).toContain('localhost');

    await page.reload();
    await page.getByRole('button', { name: 'Show more settings' }).click();
    await expect.poll(() => page.getByRole('cell', { name: 'Never used' }).count()).toBe(0);
    await page.getByRole('button', { name: /^Revoke the Hosts link/ }).click();
    await page
      .getByRole('dialog', { name: 'Revoke this link?' })
      .getByRole('button', { name: 'Revoke' })
      .click();
    await page.getByText('No links yet').waitFor();
    expect((await fetch(`${url}?days=7`)).status).toBe(404);
  });
});
