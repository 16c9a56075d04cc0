import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  localDateOf,
  addDays,
  startOfLocalDay,
  type AgentServerFrame,
  type VisitorServerFrame,
  type WebsiteList,
} from '@parley/protocol';
import { cid, WsClient, wsUrl } from '../packages/server/test/ws-client.js';
import { ADMIN, shot, startE2E, type E2E } from './support.js';

// The Chats section in a real browser (CHT-1…3): filters in the address (reload and a shared link keep them),
// the table, "Load more", a chat's page with its transcript, a deep link, and the account's time zone setting.
let e: E2E;
let chatId: string;
const ZONE = 'Europe/Amsterdam';
const HOSTILE = '<b>Bold?</b> <img src=x onerror="window.__xss=1">';

const db = () => e.app.runtime.database.db;

/** A chat written into the tables as the product writes them: `hoursAgo` before the start of today (local). */
async function insertChat(opts: { at: Date; offline?: boolean; url?: string }): Promise<string> {
  const accountId = e.app.admin.me!.account.id;
  const visitor = await db()
    .insertInto('visitors')
    .values({ account_id: accountId, token_hash: cid(), name: 'Fixture visitor' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const row = await db()
    .insertInto('chats')
    .values({
      account_id: accountId,
      visitor_id: visitor.id,
      status: 'closed',
      mode: opts.offline ? 'nrt' : 'live',
      offline_message: opts.offline ?? false,
      start_url: opts.url ?? 'https://shop.example/products',
      started_at: opts.at,
      closed_at: new Date(opts.at.getTime() + 125_000),
      closed_by: 'visitor',
      duration_seconds: 125,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

beforeAll(async () => {
  e = await startE2E();
  expect((await e.app.admin.patch('/api/account', { timeZone: ZONE })).status).toBe(200);
  const today = localDateOf(new Date(), ZONE);
  const startOfToday = startOfLocalDay(today, ZONE);
  const startOfYesterday = startOfLocalDay(addDays(today, -1), ZONE);
  // Yesterday: one offline message and 55 live chats (more than one page of 50).
  await insertChat({ at: new Date(startOfYesterday.getTime() + 3_600_000), offline: true });
  for (let i = 0; i < 55; i++)
    await insertChat({ at: new Date(startOfYesterday.getTime() + 7_200_000 + i * 60_000) });
  // Today: a real conversation, with a file.
  const siteId = (await e.app.admin.get<WebsiteList>('/api/websites')).body.items[0]!.id;
  const manager = await WsClient.open<AgentServerFrame>(wsUrl(e.app.url, '/ws/agent'), {
    headers: { cookie: e.app.admin.cookie, origin: e.app.url },
  });
  await manager.next('welcome');
  manager.send({ type: 'presence.set', status: 'available' });
  await manager.next('presence', (f) => f.status === 'available');
  const v = await WsClient.open<VisitorServerFrame>(wsUrl(e.app.url, `/ws/visitor?site=${siteId}`), {
    headers: { origin: 'http://localhost' },
  });
  v.send({ type: 'hello', chats: [], page: { url: 'http://localhost/pricing', title: 'Pricing' } });
  await v.next('welcome');
  const c = cid();
  v.send({ type: 'chat.start', cid: c, text: HOSTILE });
  chatId = (await v.next('ack', (f) => f.cid === c)).chatId;
  v.send({ type: 'sync', chatId, afterSeq: 0 });
  await manager.next('chat.upsert', (f) => f.chat.id === chatId && f.chat.status === 'active');
  const m = cid();
  manager.send({ type: 'message.send', chatId, cid: m, text: 'Hello! Here is our price list.' });
  await manager.next('ack', (f) => f.cid === m);
  const form = new FormData();
  form.append('file', new Blob(['price list'], { type: 'text/plain' }), 'prices.txt');
  expect((await e.app.admin.post(`/api/chats/${chatId}/files`, form)).status).toBe(201);
  manager.send({ type: 'chat.close', chatId });
  await v.untilTranscript(chatId, (events) => events.some((x) => x.type === 'closed'));
  v.close();
  manager.close();
  expect(startOfToday.getTime()).toBeLessThanOrEqual(Date.now());
});
afterAll(() => e?.close());

const rows = (page: Page) => page.locator('tbody tr');

async function choose(page: Page, label: string, option: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).first().click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

describe('the chat list (CHT-1, CHT-2)', () => {
  it('filters, keeps the filters in the address (reload, shared link), pages with Load more', async () => {
    const { page } = await e.newPage({ viewport: { width: 1400, height: 900 } });
    await e.login(page, ADMIN.email, ADMIN.password);
    await page.goto('/chats');
    await page.getByRole('heading', { level: 1, name: 'Chats' }).waitFor();
    await expect.poll(() => rows(page).count()).toBe(50);
    await expect.poll(() => page.getByText('Showing 50 of 57 chats').count()).toBe(1);
    await expect.poll(() => page.getByText(`times in ${ZONE}`).count()).toBe(1);
    await shot(page, 'chats-list');
    await page.getByRole('button', { name: 'Load more' }).click();
    await expect.poll(() => rows(page).count()).toBe(57);
    expect(await page.getByRole('button', { name: 'Load more' }).count()).toBe(0);

    await choose(page, 'Type', 'Offline message');
    await expect.poll(() => new URL(page.url()).searchParams.get('type')).toBe('offline');
    await expect.poll(() => rows(page).count()).toBe(1);
    expect(await rows(page).first().textContent()).toContain('Offline message');
    await shot(page, 'chats-filtered');

    // A reload keeps the view; so does the address opened by someone else.
    await page.reload();
    await expect.poll(() => rows(page).count()).toBe(1);
    expect(await page.getByLabel('Type', { exact: true }).first().inputValue()).toBe('Offline message');
    const shared = page.url();
    const { page: other } = await e.newPage();
    await e.login(other, ADMIN.email, ADMIN.password);
    await other.goto(shared);
    await expect.poll(() => rows(other).count()).toBe(1);
    expect(await other.getByLabel('Type', { exact: true }).first().inputValue()).toBe('Offline message');

    // Today has no offline message: the empty state says so and offers what to do.
    await choose(page, 'Date', 'Today');
    await expect.poll(() => new URL(page.url()).searchParams.get('period')).toBe('today');
    await page.getByText('No chats match these filters').waitFor();
    await shot(page, 'chats-empty-filtered');
    await page.getByRole('button', { name: 'Clear filters' }).first().click();
    await expect.poll(() => rows(page).count()).toBe(1);
    expect(new URL(page.url()).searchParams.get('type')).toBeNull();

    // A custom range of one day before yesterday: nothing, and it says what would appear.
    await choose(page, 'Date', 'Custom range');
    const twoDaysAgo = addDays(localDateOf(new Date(), ZONE), -2);
    await page.getByLabel('From', { exact: true }).fill(twoDaysAgo);
    await page.getByLabel('To', { exact: true }).fill(twoDaysAgo);
    await expect.poll(() => new URL(page.url()).searchParams.get('to')).toBe(twoDaysAgo);
    await page.getByText('No chats in this period').waitFor();
    await shot(page, 'chats-empty');

    // Oldest first.
    await choose(page, 'Date', 'Last 7 days');
    await page.getByRole('button', { name: 'Date' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('sort')).toBe('asc');
    await expect.poll(() => rows(page).first().textContent()).toContain('Offline message');
  });
});

describe('a chat’s page (CHT-3)', () => {
  it('opens from the list with its information and transcript; the visitor’s text stays text', async () => {
    const { page } = await e.newPage({ viewport: { width: 1400, height: 1000 } });
    await e.login(page, ADMIN.email, ADMIN.password);
    await page.goto('/chats?period=today');
    await expect.poll(() => rows(page).count()).toBe(1);
    await rows(page).first().click();
    await page.waitForURL(`**/chats/${chatId}`);
    const transcript = page.getByRole('log', { name: 'Transcript' });
    await expect.poll(() => transcript.textContent()).toContain(HOSTILE);
    expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
    expect(await transcript.locator('img').count()).toBe(0);
    await expect.poll(() => transcript.textContent()).toContain('Hello! Here is our price list.');
    const file = transcript.getByRole('link', { name: /prices\.txt/ });
    const href = await file.getAttribute('href');
    const download = await page.request.get(href!);
    expect(await download.text()).toBe('price list');
    const info = page.getByRole('region', { name: 'Information' });
    await expect.poll(() => info.textContent()).toContain('Website chat');
    await expect
      .poll(() => page.getByRole('region', { name: 'Agents' }).textContent())
      .toContain('Demo Manager');
    await shot(page, 'chat-detail');
    // Back to the list as it was.
    await page.getByRole('navigation', { name: 'Breadcrumbs' }).getByRole('link', { name: 'Chats' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('period')).toBe('today');
  });

  it('opens from a deep link', async () => {
    const { page } = await e.newPage();
    await page.goto(`/chats/${chatId}`);
    // Signed out: the sign-in page, then the chat.
    await page.waitForURL((u) => u.pathname.startsWith('/login'));
    await page.getByLabel('Email', { exact: true }).fill(ADMIN.email);
    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await page.getByRole('button', { name: 'Login' }).click();
    await page.waitForURL(`**/chats/${chatId}`);
    await expect.poll(() => page.getByRole('log', { name: 'Transcript' }).textContent()).toContain(HOSTILE);
    await page.goto('/chats/00000000-0000-4000-8000-000000000000');
    await page.getByText('Chat not found').waitFor();
  });
});

describe('the account’s time zone', () => {
  it('is set from the user menu; dates follow it', async () => {
    const { page } = await e.newPage();
    await e.login(page, ADMIN.email, ADMIN.password);
    await page.goto('/chats');
    await page.getByRole('button', { name: /User menu/ }).click();
    await page.getByRole('menuitem', { name: 'Account settings' }).click();
    await page.getByRole('heading', { level: 1, name: 'Account settings' }).waitFor();
    const field = page.getByLabel('Time zone', { exact: true }).first();
    expect(await field.inputValue()).toBe('Europe/Amsterdam');
    await field.fill('Tokyo');
    await page.getByRole('option', { name: 'Asia/Tokyo' }).click();
    await shot(page, 'account-time-zone');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Time zone set to Asia/Tokyo').waitFor();
    await page.goto('/chats');
    await expect.poll(() => page.getByText('times in Asia/Tokyo').count()).toBe(1);
    await e.app.admin.patch('/api/account', { timeZone: ZONE });
  });
});
