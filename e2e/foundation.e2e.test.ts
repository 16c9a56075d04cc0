import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User, UserPage, WebsiteList } from '@parley/protocol';
import { ADMIN, shot, startE2E, type E2E } from './support.js';

// Issue 3 in a real browser: AUTH-1…AUTH-6, USR-1…USR-7.
let e: E2E;
beforeAll(async () => {
  e = await startE2E();
});
afterAll(() => e?.close());

describe('sign-in (AUTH-1, AUTH-2, AUTH-5)', () => {
  it('shows the login page with a Help link, refuses a wrong password, signs in and out', async () => {
    const { page } = await e.newPage();
    await page.goto('/login');
    await expect
      .poll(() => page.getByRole('link', { name: 'Help' }).getAttribute('href'))
      .toBe(e.app.config.helpUrl);
    await shot(page, 'login');

    await page.getByLabel('Email', { exact: true }).fill(ADMIN.email);
    await page.getByLabel('Password', { exact: true }).fill('wrong-password-123');
    await page.getByRole('button', { name: 'Login' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Wrong email or password');
    await shot(page, 'login-wrong-password');

    await e.login(page, ADMIN.email, ADMIN.password);
    const nav = page.getByRole('navigation', { name: 'Main' });
    for (const name of ['Chats', 'Campaigns', 'Users & Groups']) {
      await expect.poll(() => nav.getByRole('link', { name, exact: true }).isVisible()).toBe(true);
    }
    await shot(page, 'home-manager');

    await page.getByRole('button', { name: /User menu/ }).click();
    await page.getByRole('menuitem', { name: 'Sign Out' }).click();
    await page.waitForURL('**/login');
    await page.goto('/users');
    await page.waitForURL('**/login');
  });
});

describe('users (USR-1…USR-6) and groups (USR-7)', () => {
  it('creates a user with a generated password who can then sign in', async () => {
    const { page } = await e.newPage();
    await e.login(page, ADMIN.email, ADMIN.password);
    await page.goto('/users');
    await page.getByRole('link', { name: 'Add user' }).click();
    await page.getByRole('textbox', { name: /^Email/ }).fill('new.agent@example.com');
    await page.getByRole('button', { name: 'Generate' }).click();
    const password = await page.getByLabel(/^Password/).inputValue();
    expect(password).toHaveLength(16);
    await page.getByLabel(/^First name/).fill('Nora');
    await page.getByLabel(/^Last name/).fill('Agent');
    await page.getByLabel('Nickname').fill('Nora');
    await page.getByRole('radio', { name: 'Agent only' }).check();
    await shot(page, 'user-new');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/\/users\/[0-9a-f-]{36}/);
    await shot(page, 'user-created');

    const { page: agentPage } = await e.newPage();
    await e.login(agentPage, 'new.agent@example.com', password);
    expect(new URL(agentPage.url()).pathname).toBe('/console');
  });

  it('edits the chat limits and shows them in the list as live / NRT', async () => {
    const created = await e.app.admin.post<User>('/api/users', {
      email: 'limits@example.com',
      password: 'long-enough-pw',
      firstName: 'Lim',
      lastName: 'Its',
      rights: 'agent',
    });
    const { page } = await e.newPage();
    await e.login(page, ADMIN.email, ADMIN.password);
    await page.goto(`/users/${created.body.id}`);
    await page.getByLabel('Simultaneous chats limit').check();
    await page.getByLabel('Maximum live chats').fill('28');
    await page.getByLabel('Simultaneous NRT chats limit').check();
    await page.getByLabel('Maximum NRT chats').fill('15');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(async () => (await e.app.admin.get<User>(`/api/users/${created.body.id}`)).body.liveChatLimit)
      .toBe(28);
    expect((await e.app.admin.get<User>(`/api/users/${created.body.id}`)).body.nrtChatLimit).toBe(15);
    await page.goto('/users?q=limits');
    await expect.poll(() => page.getByRole('row', { name: /Lim Its/ }).textContent()).toContain('28 / 15');
    await shot(page, 'users-list-limits');
  });

  it('adds a group with a user', async () => {
    const { page } = await e.newPage();
    await e.login(page, ADMIN.email, ADMIN.password);
    await page.goto('/users/groups');
    await page.getByRole('link', { name: 'Add group' }).click();
    await page.getByLabel(/^Name/).fill('Night shift');
    await page.getByLabel('Users', { exact: true }).click();
    await page.getByRole('option', { name: /Demo Manager/ }).click();
    await page.keyboard.press('Escape');
    await shot(page, 'group-new');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/\/users\/groups(\/[0-9a-f-]{36})?$/);
    await page.goto('/users/groups');
    await expect.poll(() => page.getByRole('row', { name: /Night shift/ }).count()).toBe(1);
    await shot(page, 'groups-list');
    const users = await e.app.admin.get<UserPage>('/api/users?q=admin%40example.com');
    expect(users.body.items[0]!.groupIds).toHaveLength(1);
  });

  it('restricts a user by IP: a bad line is named, then sign-in from elsewhere is refused', async () => {
    const created = await e.app.admin.post<User>('/api/users', {
      email: 'ip.limited@example.com',
      password: 'long-enough-pw',
      firstName: 'Ip',
      lastName: 'Limited',
      rights: 'agent',
    });
    const { page } = await e.newPage();
    await e.login(page, ADMIN.email, ADMIN.password);
    await page.goto(`/users/${created.body.id}`);
    await page.getByRole('tab', { name: 'Security' }).click();
    await page.getByLabel('Limit access by IP address').check();
    const box = page.getByLabel('IPs or CIDR subnets, one per line');
    await box.fill('10.0.0.0/8\n10.1.2.300');
    await page.getByRole('button', { name: 'Save IP settings' }).click();
    await expect
      .poll(() => page.getByText('Line 2: “10.1.2.300” is not an IP address or CIDR subnet').count())
      .toBe(1);
    await shot(page, 'user-ip-invalid');
    await box.fill('10.0.0.0/8\n2001:db8::/32');
    await page.getByRole('button', { name: 'Save IP settings' }).click();
    await expect
      .poll(async () => (await e.app.admin.get<User>(`/api/users/${created.body.id}`)).body.ipAllowlist)
      .toBe('10.0.0.0/8\n2001:db8::/32');

    const { page: other } = await e.newPage();
    await other.goto('/login');
    await other.getByLabel('Email', { exact: true }).fill('ip.limited@example.com');
    await other.getByLabel('Password', { exact: true }).fill('long-enough-pw');
    await other.getByRole('button', { name: 'Login' }).click();
    await expect.poll(() => other.getByRole('alert').textContent()).toContain('is not allowed');
    await shot(other, 'login-ip-refused');
  });

  it('shows an agent-only user no management pages', async () => {
    await e.app.admin.post('/api/users', {
      email: 'only.agent@example.com',
      password: 'long-enough-pw',
      firstName: 'Only',
      lastName: 'Agent',
      rights: 'agent',
    });
    const { page } = await e.newPage();
    await e.login(page, 'only.agent@example.com', 'long-enough-pw');
    expect(new URL(page.url()).pathname).toBe('/console');
    expect(await page.getByRole('link', { name: 'Users & Groups' }).count()).toBe(0);
    await page.goto('/users');
    await expect
      .poll(() => page.getByText("You don't have access to management pages").count())
      .toBeGreaterThan(0);
    await shot(page, 'agent-no-access');
  });

  it('shows the embed code of a website and adds a website (AUTH-6)', async () => {
    const { page } = await e.newPage();
    await e.login(page, ADMIN.email, ADMIN.password);
    await page.getByRole('button', { name: /User menu/ }).click();
    await page.getByRole('menuitem', { name: 'Your Website' }).click();
    await page.waitForURL('**/your-website');
    await expect.poll(() => page.getByLabel('Embed code').textContent()).toContain('/widget/loader.js?site=');
    await shot(page, 'your-website');

    // Adds a website from a pasted address: only its host name is kept, and its embed code is shown.
    await page.getByLabel(/^Host name/).fill('https://shop.example.org/cart?x=1');
    await page.getByRole('button', { name: 'Add website' }).click();
    await expect.poll(() => page.getByText('shop.example.org was added').count()).toBe(1);
    const added = (await e.app.admin.get<WebsiteList>('/api/websites')).body.items.find(
      (w) => w.host === 'shop.example.org',
    );
    expect(added).toBeDefined();
    await expect
      .poll(() => page.getByLabel('Website', { exact: true }).inputValue())
      .toBe('shop.example.org');
    await expect
      .poll(() => page.getByLabel('Embed code').textContent())
      .toContain(`/widget/loader.js?site=${added!.id}`);
  });
});
