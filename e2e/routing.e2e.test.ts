import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Campaign, Group, RoutingConfig, User } from '@parley/protocol';
import { ADMIN, shot, startE2E, type E2E } from './support.js';

// The campaign's Routing tab in a real browser: RTE-1, RTE-2, RTE-4. The agents and the group are made once
// and only read; each test works on a campaign of its own, so any test passes alone and in any order.
let e: E2E;
const users: Record<string, User> = {};
let group: Group;

async function agent(firstName: string, lastName: string): Promise<User> {
  const res = await e.app.admin.post<User>('/api/users', {
    email: `${firstName.toLowerCase()}.${lastName.toLowerCase()}@example.com`,
    password: 'agent-password-1',
    firstName,
    lastName,
    rights: 'agent',
  });
  expect(res.status).toBe(201);
  return res.body;
}

beforeAll(async () => {
  e = await startE2E();
  users.ann = await agent('Ann', 'Router');
  users.ben = await agent('Ben', 'Backup');
  users.cleo = await agent('Cleo', 'Forward');
  const created = await e.app.admin.post<Group>('/api/groups', {
    name: 'Night shift',
    userIds: [users.ben.id],
  });
  expect(created.status).toBe(201);
  group = created.body;
});
afterAll(() => e?.close());

/** A new campaign of its own for one test; with `saved`, the routing the first test saves through the page. */
async function campaign(saved = false): Promise<string> {
  const res = await e.app.admin.post<Campaign>('/api/campaigns', { title: `Routing ${crypto.randomUUID()}` });
  expect(res.status).toBe(201);
  if (saved) {
    const routing = await e.app.admin.put<RoutingConfig>(`/api/campaigns/${res.body.id}/routing`, {
      levels: [
        { title: 'First line', method: 'sequential', members: [{ type: 'user', id: users.ann!.id }] },
        { title: 'Back-up', method: 'most_space', members: [{ type: 'group', id: group.id }] },
      ],
      forwarding: { enabled: true, members: [{ type: 'user', id: users.cleo!.id }] },
    });
    expect(routing.status).toBe(200);
  }
  return res.body.id;
}

/** Opens a users-and-groups picker, searches and picks one option. */
async function pick(page: Page, field: string, search: string, option: RegExp) {
  const input = page.getByLabel(field, { exact: true });
  await input.click();
  await input.fill(search);
  await page.getByRole('option', { name: option }).click();
  await page.keyboard.press('Escape');
}

async function chooseMethod(page: Page, field: string, method: string) {
  await page.getByLabel(field, { exact: true }).click();
  await page.getByRole('option', { name: method, exact: true }).click();
}

/** Full-page screenshot from the top (the sticky header otherwise lands mid-page). */
async function shotFromTop(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, name);
}

const level = (page: Page, n: number) => page.getByRole('region', { name: `Level ${n}`, exact: true });

describe('routing tab (RTE-1, RTE-2, RTE-4)', () => {
  it('adds two levels and the forwarding level, saves them and shows them again', async () => {
    const campaignId = await campaign();
    const { page } = await e.newPage({ viewport: { width: 1280, height: 900 } });
    await e.login(page, ADMIN.email, ADMIN.password);
    await page.goto(`/campaigns/${campaignId}/routing`);
    await expect.poll(() => page.getByText('No routing levels').count()).toBe(1);
    expect(await page.getByText(/goes to all agents of your account/).count()).toBe(1);
    expect(await page.getByRole('tab', { name: 'Routing', selected: true }).count()).toBe(1);
    await shotFromTop(page, 'routing-empty');

    await page.getByRole('button', { name: 'Add level' }).click();
    // The new level's title has the focus.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('Level 1 title');
    await page.getByLabel('Level 1 title', { exact: true }).fill('First line');
    await pick(page, 'Level 1 users and groups', 'ann', /Ann Router/);
    await chooseMethod(page, 'Level 1 routing method', 'Sequentially');
    expect(await level(page, 1).getByText('Each agent in turn, in the order listed').count()).toBe(1);

    await page.getByRole('button', { name: 'Add level' }).click();
    await page.getByLabel('Level 2 title', { exact: true }).fill('Back-up');
    await pick(page, 'Level 2 users and groups', 'night', /Night shift/);
    await chooseMethod(page, 'Level 2 routing method', 'With most space');
    expect(
      await level(page, 2)
        .getByText(/most free slots under their own chat limit/)
        .count(),
    ).toBe(1);

    const forwarding = page.getByRole('switch', { name: 'Forwarding level' });
    expect(await forwarding.isChecked()).toBe(false);
    await forwarding.check({ force: true });
    // Turned on with nobody in it: "More settings" opens by itself.
    await expect
      .poll(() => page.getByRole('button', { name: 'More settings' }).getAttribute('aria-expanded'))
      .toBe('true');
    await pick(page, 'Forwarding level users and groups', 'cleo.forward@', /Cleo Forward/);
    await shotFromTop(page, 'routing-filled');

    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.getByText('Routing saved').count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Discard changes' }).isDisabled()).toBe(true);

    await page.reload();
    await expect
      .poll(() => page.getByLabel('Level 1 title', { exact: true }).inputValue())
      .toBe('First line');
    expect(await page.getByLabel('Level 1 routing method', { exact: true }).inputValue()).toBe(
      'Sequentially',
    );
    expect(await level(page, 1).getByText('Ann Router', { exact: true }).count()).toBe(1);
    expect(await page.getByLabel('Level 2 title', { exact: true }).inputValue()).toBe('Back-up');
    expect(await page.getByLabel('Level 2 routing method', { exact: true }).inputValue()).toBe(
      'With most space',
    );
    expect(await level(page, 2).getByText('Night shift', { exact: true }).count()).toBe(1);
    expect(await page.getByRole('switch', { name: 'Forwarding level' }).isChecked()).toBe(true);
    const forwardingCard = page.getByRole('region', { name: 'Forwarding level' });
    expect(await forwardingCard.getByText('Cleo Forward · With least chats').count()).toBe(1);
    await page.getByRole('button', { name: 'More settings' }).click();
    expect(await forwardingCard.getByText('Cleo Forward', { exact: true }).count()).toBe(1);
    await shotFromTop(page, 'routing-saved');
    await page.setViewportSize({ width: 390, height: 844 });
    await shotFromTop(page, 'routing-phone');

    const saved = await e.app.admin.get<RoutingConfig>(`/api/campaigns/${campaignId}/routing`);
    expect(saved.status).toBe(200);
    expect(saved.body.levels.map(({ title, method, members }) => ({ title, method, members }))).toEqual([
      {
        title: 'First line',
        method: 'sequential',
        members: [{ type: 'user', id: users.ann!.id, name: 'Ann Router' }],
      },
      {
        title: 'Back-up',
        method: 'most_space',
        members: [{ type: 'group', id: group.id, name: 'Night shift' }],
      },
    ]);
    expect(saved.body.forwarding).toEqual({
      enabled: true,
      method: 'least_chats',
      members: [{ type: 'user', id: users.cleo!.id, name: 'Cleo Forward' }],
    });
  });

  it('moves a level up and discards the change', async () => {
    const campaignId = await campaign(true);
    const { page } = await e.newPage();
    await e.login(page, ADMIN.email, ADMIN.password);
    await page.goto(`/campaigns/${campaignId}/routing`);
    await expect.poll(() => page.getByLabel('Level 2 title', { exact: true }).inputValue()).toBe('Back-up');
    await page.getByRole('button', { name: 'Move level 2 up' }).click();
    expect(await page.getByLabel('Level 1 title', { exact: true }).inputValue()).toBe('Back-up');
    expect(await page.getByLabel('Level 1 routing method', { exact: true }).inputValue()).toBe(
      'With most space',
    );
    await page.getByRole('button', { name: 'Discard changes' }).click();
    expect(await page.getByLabel('Level 1 title', { exact: true }).inputValue()).toBe('First line');
  });

  it('shows the server’s message next to a level with nobody in it', async () => {
    const campaignId = await campaign(true);
    const { page } = await e.newPage({ viewport: { width: 1280, height: 900 } });
    await e.login(page, ADMIN.email, ADMIN.password);
    await page.goto(`/campaigns/${campaignId}/routing`);
    await expect.poll(() => page.getByLabel('Level 2 title', { exact: true }).inputValue()).toBe('Back-up');
    await page.getByRole('button', { name: 'Add level' }).click();
    await page.getByLabel('Level 3 title', { exact: true }).fill('Nobody here');

    const answer = page.waitForResponse(
      (res) => res.url().endsWith(`/api/campaigns/${campaignId}/routing`) && res.request().method() === 'PUT',
    );
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const res = await answer;
    expect(res.status()).toBe(400);
    expect(((await res.json()) as { error: { fields: Record<string, string> } }).error.fields).toEqual({
      'levels.2.members': 'Add at least one user or group',
    });

    const third = level(page, 3);
    await expect
      .poll(() => third.getByText('Add at least one user or group', { exact: true }).count())
      .toBe(1);
    // The message is the picker's own error, read out with it.
    const describedBy = (await page
      .getByLabel('Level 3 users and groups', { exact: true })
      .getAttribute('aria-describedby'))!;
    const error = third.getByText('Add at least one user or group', { exact: true });
    expect(describedBy.split(' ')).toContain(await error.getAttribute('id'));
    expect(await level(page, 1).getByText('Add at least one user or group').count()).toBe(0);
    await shotFromTop(page, 'routing-invalid');

    // Nothing was saved.
    const saved = await e.app.admin.get<RoutingConfig>(`/api/campaigns/${campaignId}/routing`);
    expect(saved.body.levels).toHaveLength(2);
  });
});
