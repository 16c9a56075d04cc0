import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import AxeBuilder from '@axe-core/playwright';
import type { Result } from 'axe-core';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  Campaign,
  CampaignList,
  CampaignToolSettings,
  Group,
  Language,
  User,
  Website,
} from '@parley/protocol';
import { ADMIN, seedStatistics, shot, startE2E, type E2E } from './support.js';

// Issue 12: axe-core on every page, dialog and widget state, failing on any WCAG 2.2 AA violation (no rule
// turned off). A page or widget state that a later issue adds joins the list below: a name, the page it runs
// on, and how to bring that page into the state.
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const PHONE = { width: 390, height: 844 };

/** The pages the states run on, each its own browser context (own cookies). */
type Who =
  | 'anon'
  | 'manager'
  | 'agent'
  | 'phone'
  | 'visitor'
  | 'phoneVisitor'
  | `manager-${(typeof OTHER_LANGUAGES)[number]}`;
const OTHER_LANGUAGES = ['nl', 'de', 'fr', 'es'] as const;

interface State {
  name: string;
  on: Who;
  /** Brings the page into the state (each state starts where the previous one on the same page left off). */
  open: (page: Page) => Promise<void>;
  /** A widget state: the chat frame must be among what axe read. */
  frame?: boolean;
  /** Saved as e2e/screenshots/a11y-<name>.png. */
  screenshot?: boolean;
  /**
   * Not read: a manager's own content shown in a sandboxed frame (a custom chat button's preview, INV-9). It is not
   * our UI, and its sandbox lets no script in (axe would wait on it for ever).
   */
  exclude?: (string | string[])[];
}

let e: E2E;
const pages = new Map<Who, Page>();
const contexts = new Map<Who, BrowserContext>();
const ids = {} as {
  campaign: string;
  /** A campaign with greetings (the Automatic Invites list). */
  greetings: string;
  user: string;
  group: string;
  sites: Record<'prechat' | 'dark' | 'offline' | 'greeting' | Language, Website>;
  /** TLS-4: the forum of the canned-response states. */
  forum: string;
};
const AGENT = { email: 'axe.agent@example.com', password: 'agent-password-1' };

/**
 * Waits until no CSS transition or animation runs (a dialog fading in has a contrast of its own), and until an
 * open menu is fully shown: Mantine mounts a menu transparent and starts its fade a frame later, so for a moment
 * nothing runs and the menu's text is still faint (a CI run measured the user menu mid-fade: 4.15:1).
 */
async function settled(page: Page): Promise<void> {
  // Mantine fades dialogs, menus and popovers in with inline styles that change frame by frame; between two of
  // those frames no CSS animation may be running, so the opacity itself is checked, twice, 100 ms apart.
  const still = () =>
    page.waitForFunction(
      () =>
        document
          .getAnimations()
          .every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity) &&
        [
          ...document.querySelectorAll(
            '[data-menu-dropdown], .mantine-Modal-content, .mantine-Modal-overlay, .mantine-Popover-dropdown',
          ),
        ].every((m) => getComputedStyle(m).opacity === '1'),
    );
  await still();
  await page.waitForTimeout(100);
  await still();
}

async function heading(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, name }).first().waitFor();
}

/** Goes to a manager page and waits for its heading. */
const visit =
  (path: string, h1: string | RegExp, then?: (page: Page) => Promise<void>) =>
  async (page: Page): Promise<void> => {
    await page.goto(path);
    await heading(page, h1);
    await page
      .getByRole('status', { name: /loading/i })
      .first()
      .waitFor({ state: 'detached' })
      .catch(() => undefined);
    if (then) await then(page);
  };

const dialog = (name: string | RegExp) => async (page: Page) => {
  await page.getByRole('dialog', { name }).waitFor();
};

/** A customer's page with the embed snippet of `site`, on the site's own host name (routed by the browser). */
async function hostPage(page: Page, site: Website): Promise<void> {
  const snippet = await e.app.admin.get<{ snippet: string }>(`/api/websites/${site.id}/snippet`);
  await page.route(`http://${site.host}/**`, (route) =>
    route.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Shop</title></head><body><main><h1>A shop</h1><p>A page of a customer's website.</p></main>${snippet.body.snippet}</body></html>`,
    }),
  );
  await page.goto(`http://${site.host}/`);
  await page.locator('[data-parley] >> internal:role=button').first().waitFor();
}

const frameOf = (page: Page) => page.frameLocator('iframe[src*="/widget/frame.html"]');

async function openWidget(page: Page): Promise<void> {
  await page.locator('[data-parley] >> internal:role=button').first().click();
  await frameOf(page).getByRole('textbox').waitFor();
}

async function sendFromWidget(page: Page, text: string): Promise<void> {
  const field = frameOf(page).getByRole('textbox');
  await field.fill(text);
  await field.press('Enter');
}

/**
 * A site of its own with a campaign for it alone (a site's config is cached on the server for seconds), whose chats
 * go to the Demo manager only (the other signed-in users' consoles do not take them).
 */
async function siteWithCampaign(
  host: string,
  settings: Partial<Campaign>,
  memberId: () => string = () => e.app.admin.me!.user.id,
): Promise<Website> {
  const site = await e.app.admin.post<Website>('/api/websites', { host });
  expect(site.status).toBe(201);
  const campaign = await e.app.admin.post<Campaign>('/api/campaigns', {
    title: `Campaign ${host}`,
    allWebsites: false,
    websiteIds: [site.body.id],
    ...settings,
  });
  expect(campaign.status).toBe(201);
  const routing = await e.app.admin.put(`/api/campaigns/${campaign.body.id}/routing`, {
    levels: [{ title: 'Demo', method: 'least_chats', members: [{ type: 'user', id: memberId() }] }],
    forwarding: { enabled: false, members: [] },
  });
  expect(routing.status).toBe(200);
  return site.body;
}

/** TLS-5: the replay of the visitor's page in the console's Screen share section. */
const REPLAY = 'iframe[src^="/cobrowse/replay/"]';
/** TLS-1: a WebTab's site in the console: a local page, not our UI. */
const WEB_TAB_FRAME = 'iframe[title$="(WebTab)"]';
/** The WebTabs' sites: /help lets itself be framed, /deny refuses (X-Frame-Options). */
let tabSite: Server;

/** INV-9: the custom button's preview, the manager's HTML and CSS in a sandboxed frame. */
const CUSTOM_PREVIEW = 'iframe[title="Preview of the custom button"]';

const consoleList = (page: Page) => page.getByRole('listbox', { name: /chats/i });

const states: State[] = [
  // ---- signed out
  {
    name: 'login',
    on: 'anon',
    screenshot: true,
    open: async (p) => p.goto('/login').then(() => heading(p, /./)),
  },
  {
    name: 'login-error',
    on: 'anon',
    open: async (p) => {
      await p.getByLabel('Email', { exact: true }).fill(ADMIN.email);
      await p.getByLabel('Password', { exact: true }).fill('wrong-password-123');
      await p.getByRole('button', { name: 'Login' }).click();
      await p.getByRole('alert').waitFor();
    },
  },

  // ---- manager pages and dialogs
  // The account has no chat yet: the list's empty state.
  {
    name: 'chats-empty',
    on: 'manager',
    screenshot: true,
    open: visit('/chats', 'Chats', (p) => p.getByText('No chats in this period').waitFor()),
  },
  { name: 'statistics', on: 'manager', open: visit('/chats/statistics', 'Statistics') },
  { name: 'exports', on: 'manager', open: visit('/chats/exports', 'Exports') },
  {
    name: 'exports-links-empty',
    on: 'manager',
    open: async (p) => {
      await p.getByRole('button', { name: 'Show more settings' }).click();
      await p.getByText('No links yet').waitFor();
    },
  },
  {
    name: 'exports-link-created',
    on: 'manager',
    open: async (p) => {
      await p.getByRole('button', { name: 'Create link' }).click();
      await p.getByRole('cell', { name: 'Never used' }).first().waitFor();
    },
  },
  {
    name: 'exports-revoke-dialog',
    on: 'manager',
    open: async (p) => {
      await p
        .getByRole('button', { name: /^Revoke the / })
        .first()
        .click();
      await dialog('Revoke this link?')(p);
      await settled(p);
    },
  },
  {
    name: 'campaigns',
    on: 'manager',
    open: visit('/campaigns', 'Campaigns', (p) =>
      p
        .getByRole('table')
        .waitFor()
        .then(() => undefined),
    ),
  },
  {
    name: 'campaigns-delete-dialog',
    on: 'manager',
    open: async (p) => {
      await p
        .getByRole('button', { name: /^Delete / })
        .first()
        .click();
      await dialog('Delete campaign?')(p);
    },
  },
  { name: 'campaign-new', on: 'manager', open: visit('/campaigns/new', 'Add Campaign') },
  {
    name: 'campaign-general',
    on: 'manager',
    open: async (p) => visit(`/campaigns/${ids.campaign}/general`, /./)(p),
  },
  {
    name: 'campaign-colour-picker',
    on: 'manager',
    open: async (p) => {
      await p.getByLabel('Window colour').click();
      await p.locator('.mantine-ColorInput-dropdown').waitFor();
    },
  },
  {
    name: 'campaign-add-website-dialog',
    on: 'manager',
    open: async (p) => {
      await p.keyboard.press('Escape');
      await p.getByRole('button', { name: 'Add Website' }).click();
      await p.getByRole('dialog').waitFor();
    },
  },
  // The Automatic Invites tab (INV-3…INV-6): a greeting's form with a moment of each criterion sort, the form
  // after a refused save, a campaign's list with greetings and its delete dialog (the empty list is below).
  {
    name: 'campaign-invite-new',
    on: 'manager',
    screenshot: true,
    open: async (p) => {
      await visit(`/campaigns/${ids.campaign}/automatic-invites/new?kind=yes_no`, /./, (pp) =>
        pp.getByRole('heading', { name: 'New Yes/No greeting' }).waitFor(),
      )(p);
      await p.getByRole('button', { name: 'Add moment' }).click();
      await p.getByRole('button', { name: 'Add criterion' }).click();
      await p.getByLabel('Moment 1, criterion 2', { exact: true }).click();
      await p.getByRole('option', { name: 'Previous page' }).click();
      await p.getByLabel('Moment 1, criterion 2: page address').waitFor();
    },
  },
  {
    name: 'campaign-invite-errors',
    on: 'manager',
    open: async (p) => {
      await p.getByRole('button', { name: 'Save' }).click();
      await p.getByText('Enter a title').waitFor();
    },
  },
  {
    name: 'campaign-invites-list',
    on: 'manager',
    screenshot: true,
    open: async (p) => {
      // Leaving the refused form through Cancel: the page asks first.
      await p.getByRole('button', { name: 'Cancel' }).click();
      await dialog('Leave without saving?')(p);
      await p.getByRole('button', { name: 'Leave without saving' }).click();
      await p.getByText('No greetings yet').waitFor();
      const campaign = await e.app.admin.post<Campaign>('/api/campaigns', {
        title: 'Greetings',
        enabled: false,
      });
      expect(campaign.status).toBe(201);
      ids.greetings = campaign.body.id;
      for (const body of [
        { kind: 'yes_no', title: 'Need help?', text: 'Can we help?', acceptText: 'Yes', declineText: 'No' },
        { kind: 'chat_window', title: 'Questions?', text: 'Ask us', enabled: false },
      ]) {
        const res = await e.app.admin.post(`/api/campaigns/${campaign.body.id}/invites`, {
          ...body,
          moments: [
            { name: 'Two minutes', criteria: [{ kind: 'time_on_page', operator: '>=', minutes: 2 }] },
          ],
        });
        expect(res.status).toBe(201);
      }
      await visit(`/campaigns/${campaign.body.id}/automatic-invites`, /./, (pp) =>
        pp.getByRole('link', { name: 'Need help?' }).waitFor(),
      )(p);
    },
  },
  {
    name: 'campaign-invite-delete-dialog',
    on: 'manager',
    open: async (p) => {
      await p.getByRole('button', { name: 'Delete Questions?' }).click();
      await dialog('Delete greeting?')(p);
    },
  },
  // The Chat buttons tab (INV-7…INV-9): a footer button's page with certain addresses, the page after a refused
  // save, a custom button's page (its sandboxed preview), the "Generate code" dialog, the list with it and the
  // delete dialog, and a campaign without buttons.
  {
    name: 'campaign-button-new',
    on: 'manager',
    screenshot: true,
    open: async (p) => {
      await visit(
        `/campaigns/${ids.campaign}/chat-buttons/new?placement=footer&starts=instantly`,
        /./,
        (pp) => pp.getByRole('heading', { name: 'New chat button' }).waitFor(),
      )(p);
      await p.getByRole('radio', { name: 'Certain pages' }).check();
      await p.getByRole('button', { name: 'Add address' }).click();
      await p.getByLabel('Address 1', { exact: true }).waitFor();
    },
  },
  {
    name: 'campaign-button-errors',
    on: 'manager',
    open: async (p) => {
      await p.getByRole('button', { name: 'Save' }).click();
      await p.getByText('Enter a name').waitFor();
    },
  },
  {
    name: 'campaign-button-custom',
    on: 'manager',
    screenshot: true,
    exclude: [CUSTOM_PREVIEW],
    open: async (p) => {
      await p.getByRole('radio', { name: /Custom button: starts after the first message/ }).check();
      await p.getByRole('textbox', { name: 'Name' }).fill('Contact');
      await p.getByRole('radio', { name: 'All pages' }).check();
      await p.frameLocator(CUSTOM_PREVIEW).getByRole('button', { name: 'Chat with us' }).waitFor();
    },
  },
  {
    name: 'campaign-button-code-dialog',
    on: 'manager',
    screenshot: true,
    exclude: [CUSTOM_PREVIEW],
    open: async (p) => {
      await p.getByRole('button', { name: 'Generate code' }).click();
      await dialog('Code for “Contact”')(p);
      await settled(p);
    },
  },
  {
    name: 'campaign-buttons-list',
    on: 'manager',
    open: async (p) => {
      await p.keyboard.press('Escape');
      await p.getByRole('dialog').waitFor({ state: 'detached' });
      await p.getByRole('link', { name: 'Back to the chat buttons' }).click();
      await p.getByRole('link', { name: 'Contact' }).waitFor();
    },
  },
  {
    name: 'campaign-button-delete-dialog',
    on: 'manager',
    open: async (p) => {
      await p.getByRole('button', { name: 'Delete Contact' }).click();
      await dialog('Delete chat button?')(p);
      await settled(p);
    },
  },
  {
    name: 'campaign-buttons-empty',
    on: 'manager',
    open: async (p) => {
      const campaign = await e.app.admin.post<Campaign>('/api/campaigns', {
        title: 'No buttons',
        enabled: false,
      });
      expect(campaign.status).toBe(201);
      const path = `/api/campaigns/${campaign.body.id}/buttons`;
      for (const b of (await e.app.admin.get<{ items: { id: string }[] }>(path)).body.items)
        expect((await e.app.admin.delete(`${path}/${b.id}`)).status).toBe(204);
      await visit(`/campaigns/${campaign.body.id}/chat-buttons`, /./, (pp) =>
        pp.getByText('No chat buttons').waitFor(),
      )(p);
    },
  },
  // ---- TLS-1: WebTabs' "More settings": the tabs with an example address, the variables menu, a refused save
  {
    name: 'campaign-tools-web-tabs',
    on: 'manager',
    screenshot: true,
    open: async (p) => {
      const saved = await e.app.admin.put(`/api/campaigns/${ids.campaign}/tools/web-tabs`, {
        tabs: [
          { name: 'Customer record', url: 'https://crm.example.com/find?email={visitorEmail}' },
          { name: 'Orders', url: 'https://shop.example.com/orders' },
        ],
      });
      expect(saved.status).toBe(200);
      await visit(`/campaigns/${ids.campaign}/tools/web-tabs`, /./, (pp) =>
        pp.getByRole('region', { name: 'Variables' }).waitFor(),
      )(p);
    },
  },
  {
    name: 'campaign-tools-web-tabs-menu',
    on: 'manager',
    open: async (p) => {
      await p.getByRole('button', { name: 'Insert a variable into the address of Orders' }).click();
      await p.getByRole('menuitem', { name: '{currentPage}' }).waitFor();
      await settled(p);
    },
  },
  {
    name: 'campaign-tools-web-tabs-errors',
    on: 'manager',
    open: async (p) => {
      await p.keyboard.press('Escape');
      const tabs = p.getByRole('region', { name: 'Tabs' });
      await tabs.getByRole('textbox', { name: 'Address of tab 2' }).fill('javascript:alert(1)');
      await tabs.getByRole('button', { name: 'Add tab' }).click();
      await tabs.getByRole('button', { name: 'Save' }).click();
      await tabs.getByText('Enter an address starting with http:// or https://').waitFor();
      await tabs.getByText('Enter a name').waitFor();
    },
  },
  {
    name: 'campaign-tools-web-tabs-discarded',
    on: 'manager',
    open: async (p) => {
      await p.getByRole('region', { name: 'Tabs' }).getByRole('button', { name: 'Discard changes' }).click();
      await p
        .getByRole('textbox', { name: 'Address of tab 2' })
        .and(p.locator('[value="https://shop.example.com/orders"]'))
        .waitFor();
    },
  },
  // ---- TLS-2…TLS-4: Canned Responses' "More settings" (the campaign's forums), forum management, a forum with its
  // Q&As: one saved ("✓ Saved"), one refused ("Not saved"), one removed ("Undo Removal" and its seconds)
  {
    name: 'campaign-tools-canned-responses',
    on: 'manager',
    open: async (p) => {
      const forum = await e.app.admin.post<{ id: string }>('/api/canned-forums', {
        title: 'Returns and refunds',
      });
      expect(forum.status).toBe(201);
      ids.forum = forum.body.id;
      for (const body of [
        { shortkey: 'returns', question: 'Can I send it back?', answer: 'Within 30 days, free of charge.' },
        { shortkey: 'refund', question: 'When is my refund paid?', answer: 'Within 5 working days.' },
        { shortkey: 'label', question: 'Where is the return label?', answer: 'In your order confirmation.' },
      ])
        expect((await e.app.admin.post(`/api/canned-forums/${ids.forum}/responses`, body)).status).toBe(201);
      await visit(`/campaigns/${ids.campaign}/tools/canned-responses`, /./, (pp) =>
        pp.getByRole('checkbox', { name: 'Returns and refunds' }).waitFor(),
      )(p);
    },
  },
  {
    name: 'campaign-canned-forums',
    on: 'manager',
    open: async (p) => {
      await p.getByRole('link', { name: 'Forum management' }).click();
      await p.getByRole('link', { name: 'Returns and refunds' }).waitFor();
    },
  },
  {
    name: 'campaign-canned-forum',
    on: 'manager',
    open: async (p) => {
      await p.getByRole('link', { name: 'Returns and refunds' }).click();
      await p.getByRole('article', { name: '#returns' }).waitFor();
    },
  },
  {
    name: 'campaign-canned-forum-saved',
    on: 'manager',
    screenshot: true,
    open: async (p) => {
      const item = p.getByRole('article', { name: '#returns' });
      await item.getByRole('button', { name: 'Click to edit' }).click();
      await item
        .getByRole('textbox', { name: 'Answer' })
        .fill('Within 30 days, free of charge. Use the label.');
      await item.getByTestId('qa-save-state').getByText('Saved').waitFor();
    },
  },
  {
    name: 'campaign-canned-forum-not-saved',
    on: 'manager',
    open: async (p) => {
      const item = p.getByRole('article', { name: '#returns' });
      await item.getByRole('textbox', { name: 'Shortkey' }).fill('send back');
      await item.getByText('Not saved: A shortkey has no spaces').waitFor();
    },
  },
  {
    name: 'campaign-canned-forum-undo',
    on: 'manager',
    screenshot: true,
    open: async (p) => {
      const item = p.getByRole('article', { name: '#refund' });
      await item.getByRole('button', { name: 'Click to edit' }).click();
      await item.getByRole('button', { name: 'Remove #refund' }).click();
      await p.getByRole('button', { name: /^Undo Removal/ }).waitFor();
    },
  },
  ...['automatic-invites', 'chat-buttons', 'routing', 'tools', 'goals', 'follow-ups'].map((tab): State => ({
    name: `campaign-${tab}`,
    on: 'manager',
    screenshot: tab === 'follow-ups',
    open: async (p) =>
      visit(`/campaigns/${ids.campaign}/${tab}`, /./, (pp) =>
        tab === 'chat-buttons'
          ? pp.getByText('When the chat button shows').waitFor()
          : tab === 'follow-ups'
            ? pp.getByRole('button', { name: /^Retry the email to / }).waitFor()
            : pp.getByRole('tabpanel').waitFor(),
      )(p),
  })),
  // ---- FUP-1, FUP-2: the Follow-ups tab (above: with a failed follow-up listed), a test email that failed,
  // and the preview's plain-text part
  {
    name: 'campaign-follow-ups-test-failed',
    on: 'manager',
    screenshot: true,
    open: async (p) => {
      await p.getByRole('button', { name: /^Retry the email to / }).waitFor();
      await p.getByLabel('SMTP server', { exact: true }).fill('127.0.0.1');
      await p.getByLabel('Port', { exact: true }).fill('9');
      await p.getByLabel('From address', { exact: true }).fill('support@shop.example');
      await p.getByRole('button', { name: 'Send test email' }).click();
      await p.getByText('The server could not be reached.', { exact: false }).waitFor();
    },
  },
  {
    name: 'campaign-follow-ups-preview-text',
    on: 'manager',
    screenshot: true,
    open: async (p) => {
      await p.getByText('Answer to an offline message', { exact: true }).click();
      // By keyboard: Mantine's switch input sits under its track, which takes the pointer.
      await p.getByRole('switch', { name: 'Show the plain-text part' }).focus();
      await p.keyboard.press('Space');
      await p.getByText('Subject: Demo answered your message', { exact: false }).waitFor();
    },
  },
  // ---- TLS-5: Cobrowsing's "More settings": the chat window's texts and the replay's extra CSP domains (after the
  // Follow-ups states, which go on from the Follow-ups tab)
  {
    name: 'campaign-tools-cobrowsing',
    on: 'manager',
    open: async (p) =>
      visit(`/campaigns/${ids.campaign}/tools/cobrowsing`, /./, (pp) =>
        pp.getByRole('heading', { name: 'In the chat window' }).waitFor(),
      )(p),
  },
  // GOL-1, GOL-2: the Goals tab being edited — a code added, saved without a name (the error), the comment box on.
  {
    name: 'campaign-goals-editing',
    on: 'manager',
    screenshot: true,
    open: async (p) => {
      await visit(`/campaigns/${ids.campaign}/goals`, /./)(p);
      const codes = p.getByRole('region', { name: 'Success codes' });
      await codes.getByRole('button', { name: 'Add code' }).click();
      await codes.getByRole('button', { name: 'Save' }).click();
      await codes.getByText('Enter a name').waitFor();
      await p
        .getByRole('region', { name: 'Customer survey' })
        .getByLabel('Allow visitors to send additional comments')
        .check();
    },
  },
  {
    name: 'campaign-goals-discarded',
    on: 'manager',
    open: async (p) => {
      for (const region of ['Success codes', 'Customer survey'])
        await p
          .getByRole('region', { name: region })
          .getByRole('button', { name: 'Discard changes' })
          .click();
      await p.getByRole('region', { name: 'Success codes' }).getByText('No success codes yet.').waitFor();
    },
  },
  // GOL-3, GOL-4: a goal's dialog — a changing value (the snippet and EXAMPLE_VALUE explained), a moment, saved
  // without a title (the error); then saved, in the list, with the GA4 toggle of GOL-5 on.
  {
    name: 'campaign-goal-dialog',
    on: 'manager',
    screenshot: true,
    open: async (p) => {
      await p
        .getByRole('region', { name: 'Goals & sales' })
        .getByRole('button', { name: 'Add a goal' })
        .click();
      const d = p.getByRole('dialog', { name: 'New goal' });
      await d.getByRole('radio', { name: 'Changing' }).check();
      await d.getByRole('button', { name: 'Add moment' }).click();
      await d.getByRole('button', { name: 'Save' }).click();
      await d.getByText('Enter a title').waitFor();
      await d.getByText(/Replace EXAMPLE_VALUE/).waitFor();
    },
  },
  {
    name: 'campaign-goals-sales-saved',
    on: 'manager',
    screenshot: true,
    open: async (p) => {
      const d = p.getByRole('dialog', { name: 'New goal' });
      await d.getByRole('textbox', { name: 'Title', exact: true }).fill('Order');
      await d.getByRole('button', { name: 'Remove moment 1' }).click();
      await d.getByRole('button', { name: 'Save' }).click();
      await d.waitFor({ state: 'detached' });
      await p
        .getByRole('region', { name: 'Analytics events' })
        .getByLabel('Also send these events to Google Analytics 4')
        .check();
      await p.getByText('The analytics setting is saved.').waitFor();
    },
  },
  {
    name: 'campaign-delete-dialog',
    on: 'manager',
    open: async (p) => {
      await p.getByRole('button', { name: 'Delete campaign' }).click();
      await dialog('Delete campaign?')(p);
    },
  },
  {
    name: 'users',
    on: 'manager',
    open: visit('/users', 'Users & Groups', (p) => p.getByRole('table').waitFor()),
  },
  { name: 'user-new', on: 'manager', open: visit('/users/new', 'Add user') },
  {
    name: 'user-new-errors',
    on: 'manager',
    open: async (p) => {
      await p.getByRole('button', { name: 'Save' }).click();
      await p.locator('[aria-invalid="true"]').first().waitFor();
    },
  },
  { name: 'user-personal', on: 'manager', open: async (p) => visit(`/users/${ids.user}`, /./)(p) },
  {
    name: 'user-groups',
    on: 'manager',
    open: async (p) =>
      visit(`/users/${ids.user}?tab=groups`, /./, (pp) =>
        pp.getByRole('tabpanel').getByRole('checkbox').first().waitFor(),
      )(p),
  },
  {
    name: 'user-security',
    on: 'manager',
    open: async (p) => visit(`/users/${ids.user}?tab=security`, /./)(p),
  },
  {
    name: 'user-delete-dialog',
    on: 'manager',
    open: async (p) => {
      await p.getByRole('button', { name: 'Delete user' }).click();
      await dialog('Delete user?')(p);
    },
  },
  {
    name: 'groups',
    on: 'manager',
    open: visit('/users/groups', 'Users & Groups', (p) => p.getByRole('table').waitFor()),
  },
  { name: 'group-new', on: 'manager', open: visit('/users/groups/new', 'Add group') },
  { name: 'group-edit', on: 'manager', open: async (p) => visit(`/users/groups/${ids.group}`, 'Support')(p) },
  {
    name: 'group-delete-dialog',
    on: 'manager',
    open: async (p) => {
      await p.getByRole('button', { name: 'Delete group' }).click();
      await dialog('Delete group?')(p);
    },
  },
  {
    name: 'your-website',
    on: 'manager',
    open: visit('/your-website', 'Your Website', (p) => p.getByLabel('Embed code').waitFor()),
  },
  {
    name: 'user-menu',
    on: 'manager',
    open: async (p) => {
      await p.getByRole('button', { name: /User menu/ }).click();
      await p.getByRole('menu').waitFor();
    },
  },
  { name: 'not-found', on: 'manager', open: visit('/no-such-page', /./) },
  { name: 'agent-no-access', on: 'agent', open: visit('/users', /./) },
  { name: 'console-empty', on: 'agent', open: visit('/console', 'Console') },
  // TLS-6: the Visitors view, before and while visitors browse (the latter further down).
  {
    name: 'console-visitors-empty',
    on: 'agent',
    open: visit('/console?view=visitors', 'Console', (p) =>
      p
        .getByRole('status')
        .filter({ hasText: /visitors?$/ })
        .waitFor(),
    ),
  },

  // ---- a live chat: the widget on a customer's page and the manager's console
  // INV-2: the server refuses a live chat nobody can take, so an agent is in the console before the visitor comes.
  {
    name: 'console-waiting',
    on: 'manager',
    open: async (p) => {
      await visit('/console', 'Console')(p);
      await p.getByRole('status', { name: 'Connection: Connected' }).waitFor();
    },
  },
  { name: 'widget-button', on: 'visitor', frame: false, open: async (p) => hostPage(p, ids.sites.en) },
  { name: 'widget-open', on: 'visitor', frame: true, open: openWidget },
  {
    name: 'console-live-chat',
    on: 'manager',
    screenshot: true,
    open: async (p) => {
      await visit('/console', 'Console')(p);
      await p.getByRole('status', { name: 'Connection: Connected' }).waitFor();
      await sendFromWidget(pages.get('visitor')!, 'Hello, is anyone there?');
      await consoleList(p).getByRole('option').first().click();
      await p.getByRole('log', { name: 'Transcript' }).getByText('Hello, is anyone there?').waitFor();
      await p.getByRole('textbox', { name: 'Message' }).fill('Yes, how can I help?');
      await p.getByRole('button', { name: 'Send' }).click();
    },
  },
  // TLS-1: a WebTab open in the Details panel (the site itself is not ours: left out), and a site that refuses
  // being framed (the en site's campaign has WebTabs on, with two tabs on a local server).
  {
    name: 'console-web-tab',
    on: 'manager',
    screenshot: true,
    exclude: [WEB_TAB_FRAME],
    open: async (p) => {
      const tabs = p.getByRole('complementary').getByRole('region', { name: 'WebTabs' });
      await tabs.getByRole('button', { name: 'Help desk' }).click();
      await p.frameLocator(WEB_TAB_FRAME).getByRole('heading', { name: 'Help desk' }).waitFor();
    },
  },
  {
    name: 'console-web-tab-enlarged',
    on: 'manager',
    exclude: [WEB_TAB_FRAME],
    open: async (p) => {
      await p.getByRole('button', { name: 'Enlarge' }).click();
      await p.getByRole('dialog', { name: 'Help desk' }).waitFor();
      await p.frameLocator(WEB_TAB_FRAME).getByRole('heading', { name: 'Help desk' }).waitFor();
    },
  },
  {
    name: 'console-web-tab-refused',
    on: 'manager',
    screenshot: true,
    open: async (p) => {
      await p.keyboard.press('Escape');
      await p.getByRole('dialog', { name: 'Help desk' }).waitFor({ state: 'detached' });
      const tabs = p.getByRole('complementary').getByRole('region', { name: 'WebTabs' });
      await tabs.getByRole('button', { name: 'Refusing site' }).click();
      await tabs.getByText('This site does not allow being shown here').waitFor();
    },
  },
  // TLS-2: `#` + the start of a shortkey in the message field shows the chat's canned responses; Quick Response in
  // the Details panel searches them (the en site's campaign offers a forum).
  {
    name: 'console-canned-suggestions',
    on: 'manager',
    screenshot: true,
    open: async (p) => {
      const message = p.getByRole('textbox', { name: 'Message' });
      await message.click();
      await message.pressSequentially('#h');
      await p.getByRole('listbox', { name: 'Canned responses' }).getByRole('option').first().waitFor();
    },
  },
  {
    name: 'console-canned-quick-response',
    on: 'manager',
    open: async (p) => {
      await p.keyboard.press('Escape');
      await p.getByRole('textbox', { name: 'Message' }).fill('');
      const quick = p.getByRole('complementary').getByRole('region', { name: 'Quick Response' });
      await quick.getByRole('searchbox', { name: 'Search canned responses' }).fill('open');
      await quick.getByRole('button', { name: '#hours Opening hours?' }).waitFor();
    },
  },
  {
    name: 'widget-conversation',
    on: 'visitor',
    frame: true,
    screenshot: true,
    open: async (p) => {
      await frameOf(p).getByText('Yes, how can I help?').waitFor();
    },
  },
  // ---- TLS-5: the screen-share toggle in the chat window (the en site's campaign has Cobrowsing), off and on,
  // and the console's Screen share section replaying the page live. The replayed page itself is the visitor's
  // (not our UI) in a sandboxed frame that lets no script in: not read. Sharing stops again before the states
  // below.
  {
    name: 'widget-share-toggle',
    on: 'visitor',
    frame: true,
    open: async (p) => {
      await frameOf(p).getByRole('button', { name: 'Share my screen' }).waitFor();
    },
  },
  {
    name: 'widget-sharing',
    on: 'visitor',
    frame: true,
    screenshot: true,
    open: async (p) => {
      await frameOf(p).getByRole('button', { name: 'Share my screen' }).click();
      await frameOf(p).getByRole('button', { name: 'Stop sharing' }).waitFor();
    },
  },
  {
    name: 'console-screen-share-live',
    on: 'manager',
    screenshot: true,
    // The WebTab open since the states above is a local site too (TLS-1).
    exclude: [[REPLAY, 'iframe'], WEB_TAB_FRAME],
    open: async (p) => {
      const section = p.getByRole('region', { name: 'Screen share' });
      await section.getByText('Live: the visitor is sharing their page.').waitFor();
      await section.frameLocator(REPLAY).frameLocator('iframe').getByText('A page of a customer').waitFor();
      await section.getByText('Waiting for the visitor').waitFor({ state: 'detached' });
    },
  },
  {
    name: 'widget-sharing-stopped',
    on: 'visitor',
    frame: true,
    open: async (p) => {
      await frameOf(p).getByRole('button', { name: 'Stop sharing' }).click();
      await frameOf(p).getByRole('button', { name: 'Share my screen' }).waitFor();
      await pages.get('manager')!.getByText('The visitor stopped sharing their screen.').waitFor();
    },
  },
  {
    name: 'console-transfer-dialog',
    on: 'manager',
    open: async (p) => {
      await p.getByRole('button', { name: 'Transfer' }).click();
      await p.getByRole('dialog').getByRole('radiogroup').waitFor();
    },
  },
  {
    name: 'widget-unread-badge',
    on: 'visitor',
    frame: false,
    open: async (p) => {
      await frameOf(p)
        .getByRole('button', { name: /minimi/i })
        .click();
      const m = pages.get('manager')!;
      await m.keyboard.press('Escape');
      await m.getByRole('textbox', { name: 'Message' }).fill('Are you still there?');
      await m.getByRole('button', { name: 'Send' }).click();
      await p.locator('[data-parley] >> .badge').waitFor();
    },
  },
  {
    name: 'console-close-dialog',
    on: 'manager',
    open: async (p) => {
      await p.getByRole('button', { name: 'Close chat' }).click();
      await dialog('Close this chat?')(p);
    },
  },
  {
    name: 'console-closed-chat',
    on: 'manager',
    open: async (p) => {
      await p.getByRole('dialog').getByRole('button', { name: 'Close chat' }).click();
      await p.getByText('This chat is closed').waitFor();
    },
  },
  {
    name: 'widget-ended',
    on: 'visitor',
    frame: true,
    open: async (p) => {
      await openWidget(p).catch(() => undefined);
      await frameOf(p)
        .getByRole('button', { name: /new chat/i })
        .waitFor();
    },
  },

  // ---- GOL-2: the survey after the chat ended (the en site's campaign asks with smileys, a comment and thanks)
  {
    name: 'widget-survey-rated',
    on: 'visitor',
    frame: true,
    screenshot: true,
    open: async (p) => {
      const rates = frameOf(p).getByRole('group', { name: 'How would you rate this chat?' });
      await rates.getByRole('radio', { name: 'Good', exact: true }).check();
      await frameOf(p).getByLabel('Would you like to tell us more?').fill('Very helpful');
    },
  },
  {
    name: 'console-rated',
    on: 'manager',
    open: async (p) => {
      await p.getByText('The visitor’s rating: 4 of 5 (Good)').waitFor();
    },
  },
  {
    name: 'widget-survey-sent',
    on: 'visitor',
    frame: true,
    open: async (p) => {
      await frameOf(p).getByRole('button', { name: 'Send', exact: true }).click();
      await frameOf(p).getByText('Thank you for your feedback!').waitFor();
    },
  },
  {
    name: 'console-visitors',
    on: 'manager',
    screenshot: true,
    open: visit('/console?view=visitors', 'Console', (p) =>
      p.getByRole('table', { name: 'Visitors on your websites' }).getByRole('row').nth(1).waitFor(),
    ),
  },

  // ---- the widget's other states
  {
    name: 'widget-prechat',
    on: 'visitor',
    frame: true,
    open: async (p) => {
      await hostPage(p, ids.sites.prechat);
      await openWidget(p);
      await sendFromWidget(p, 'I have a question');
      await frameOf(p).getByRole('button', { name: 'Yes, start chat!' }).waitFor();
    },
  },
  {
    name: 'widget-dark',
    on: 'visitor',
    frame: true,
    open: async (p) => {
      await hostPage(p, ids.sites.dark);
      await openWidget(p);
      await sendFromWidget(p, 'Hello from the dark side');
      await frameOf(p).getByText('Hello from the dark side').waitFor();
    },
  },
  ...OTHER_LANGUAGES.map((lang): State => ({
    name: `widget-${lang}`,
    on: 'visitor',
    frame: true,
    open: async (p) => {
      await hostPage(p, ids.sites[lang]);
      await openWidget(p);
      await sendFromWidget(p, `Question in ${lang}`);
      await frameOf(p).getByText(`Question in ${lang}`).waitFor();
    },
  })),
  {
    name: 'widget-phone',
    on: 'phoneVisitor',
    frame: true,
    screenshot: true,
    open: async (p) => {
      await hostPage(p, ids.sites.en);
      await openWidget(p);
      await sendFromWidget(p, 'Hello from a phone');
      await frameOf(p).getByText('Hello from a phone').waitFor();
    },
  },

  // ---- INV-2: nobody can take the chat: the offline form, its errors, and what the visitor is told after
  {
    name: 'widget-offline-form',
    on: 'visitor',
    frame: true,
    screenshot: true,
    open: async (p) => {
      await hostPage(p, ids.sites.offline);
      await openWidget(p);
      await sendFromWidget(p, 'Do you ship abroad?');
      await frameOf(p).getByRole('button', { name: 'Send message' }).waitFor();
    },
  },
  {
    name: 'widget-offline-errors',
    on: 'visitor',
    frame: true,
    open: async (p) => {
      await frameOf(p).getByLabel('Email (optional)').fill('not-an-address');
      await frameOf(p).getByLabel('Message').fill('');
      await frameOf(p).getByRole('button', { name: 'Send message' }).click();
      await frameOf(p).getByText('Write your message.').waitFor();
    },
  },
  {
    name: 'widget-offline-sent',
    on: 'visitor',
    frame: true,
    screenshot: true,
    open: async (p) => {
      await frameOf(p).getByLabel('Email (optional)').fill('vera@example.com');
      await frameOf(p).getByLabel('Message').fill('Do you ship abroad?');
      await frameOf(p).getByRole('button', { name: 'Send message' }).click();
      await frameOf(p).getByText('We will answer you by email.', { exact: false }).waitFor();
    },
  },

  // ---- INV-3: a Yes/No greeting appearing by itself beside the button (a moment that matches at once)
  {
    name: 'widget-greeting',
    on: 'visitor',
    screenshot: true,
    open: async (p) => {
      await hostPage(p, ids.sites.greeting);
      await p.getByRole('dialog', { name: 'Need a hand?' }).waitFor();
    },
  },

  // ---- a phone, 390 × 844: the manager pages and the console (screenshots in e2e/screenshots/)
  ...(
    [
      ['chats', () => '/chats', 'Chats'],
      ['campaigns', () => '/campaigns', 'Campaigns'],
      ['campaign-general', () => `/campaigns/${ids.campaign}/general`, /./],
      ['campaign-routing', () => `/campaigns/${ids.campaign}/routing`, /./],
      ['campaign-invites', () => `/campaigns/${ids.greetings}/automatic-invites`, /./],
      ['campaign-chat-buttons', () => `/campaigns/${ids.campaign}/chat-buttons`, /./],
      ['users', () => '/users', 'Users & Groups'],
      ['user-personal', () => `/users/${ids.user}`, /./],
      ['groups', () => '/users/groups', 'Users & Groups'],
      ['your-website', () => '/your-website', 'Your Website'],
      ['account', () => '/account', 'Account settings'],
    ] as const
  ).map(([name, path, h1]): State => ({
    name: `phone-${name}`,
    on: 'phone',
    screenshot: true,
    open: async (p) => visit(path(), h1)(p),
  })),
  {
    name: 'phone-menu',
    on: 'phone',
    screenshot: true,
    open: async (p) => {
      await p.getByRole('button', { name: 'Menu', exact: true }).click();
      await p.getByRole('dialog').getByRole('link', { name: 'Campaigns' }).waitFor();
    },
  },
  {
    name: 'phone-console-list',
    on: 'phone',
    screenshot: true,
    open: async (p) => {
      await p.keyboard.press('Escape');
      await visit('/console', 'Console')(p);
      await p.getByRole('status', { name: 'Connection: Connected' }).waitFor();
      await consoleList(p).getByRole('option').first().waitFor();
    },
  },
  {
    name: 'phone-console-chat',
    on: 'phone',
    screenshot: true,
    open: async (p) => {
      await consoleList(p).getByRole('option').first().click();
      await p.getByRole('log', { name: 'Transcript' }).waitFor();
      // On a phone the list and the chat are separate views.
      expect(await consoleList(p).count()).toBe(0);
    },
  },
  {
    name: 'phone-console-details',
    on: 'phone',
    screenshot: true,
    open: async (p) => {
      await p.getByRole('button', { name: 'Visitor details' }).click();
      await p.getByRole('dialog', { name: 'Visitor details' }).getByText('Current page').waitFor();
    },
  },

  // ---- the manager UI and the console in the other languages
  ...OTHER_LANGUAGES.flatMap((lang): State[] => [
    { name: `${lang}-campaigns`, on: `manager-${lang}`, open: visit('/campaigns', /./) },
    {
      name: `${lang}-campaign-general`,
      on: `manager-${lang}`,
      screenshot: true,
      open: async (p) => visit(`/campaigns/${ids.campaign}/general`, /./)(p),
    },
    { name: `${lang}-users`, on: `manager-${lang}`, open: visit('/users', /./) },
    {
      name: `${lang}-campaign-follow-ups`,
      on: `manager-${lang}`,
      screenshot: lang === 'de',
      open: async (p) =>
        visit(`/campaigns/${ids.campaign}/follow-ups`, /./, (pp) => pp.getByRole('table').waitFor())(p),
    },
    { name: `${lang}-console`, on: `manager-${lang}`, screenshot: true, open: visit('/console', /./) },
    {
      name: `${lang}-chats`,
      on: `manager-${lang}`,
      open: visit('/chats', /./, (p) => p.locator('tbody tr').first().waitFor()),
    },
  ]),

  // ---- the Chats section with the chats above (CHT-1…3), and the account's time zone
  {
    name: 'chats-list',
    on: 'manager',
    screenshot: true,
    open: visit('/chats', 'Chats', (p) => p.locator('tbody tr').first().waitFor()),
  },
  {
    name: 'chats-filter-open',
    on: 'manager',
    open: async (p) => {
      await p.getByLabel('Participants', { exact: true }).first().click();
      await p.getByRole('option', { name: 'Several agents' }).waitFor();
    },
  },
  {
    name: 'chats-custom-range',
    on: 'manager',
    open: async (p) => {
      await p.keyboard.press('Escape');
      await p.getByLabel('Date', { exact: true }).first().click();
      await p.getByRole('option', { name: 'Custom range' }).click();
      await p.getByLabel('From', { exact: true }).waitFor();
    },
  },
  {
    name: 'chats-period-too-long',
    on: 'manager',
    open: async (p) => {
      await p.getByLabel('From', { exact: true }).fill('2020-01-01');
      await p.getByText(/A period covers at most/).waitFor();
    },
  },
  {
    name: 'chat-page',
    on: 'manager',
    screenshot: true,
    open: async (p) => {
      await visit('/chats', 'Chats', (page) => page.locator('tbody tr').first().waitFor())(p);
      await p.locator('tbody tr').first().click();
      await p.getByRole('log', { name: 'Transcript' }).waitFor();
      await p.getByRole('region', { name: 'Information' }).waitFor();
    },
  },
  {
    name: 'phone-chat-page',
    on: 'phone',
    screenshot: true,
    open: async (p) => {
      await visit('/chats', 'Chats', (page) => page.locator('tbody tr').first().waitFor())(p);
      await p.locator('tbody tr').first().click();
      await p.getByRole('log', { name: 'Transcript' }).waitFor();
    },
  },
  { name: 'account-time-zone', on: 'manager', open: visit('/account', 'Account settings') },
  {
    name: 'account-time-zone-open',
    on: 'manager',
    open: async (p) => {
      await p.getByLabel('Time zone', { exact: true }).first().click();
      await p.getByRole('option', { name: 'UTC', exact: true }).waitFor();
    },
  },
  // ---- last, as it adds sample agents and campaigns to the account: the statistics with data (STA-1…9)
  {
    name: 'statistics-data',
    on: 'manager',
    screenshot: true,
    open: async (p) => {
      const { from, to } = await seedStatistics(e);
      await visit(`/chats/statistics?from=${from}&to=${to}`, 'Statistics')(p);
      await p.locator('[data-chart] .recharts-bar-rectangle').first().waitFor();
    },
  },
];

beforeAll(async () => {
  e = await startE2E();
  const campaigns = await e.app.admin.get<CampaignList>('/api/campaigns');
  ids.campaign = campaigns.body.items.find((c) => c.title === 'Website chat')!.id;
  const user = await e.app.admin.post<User>('/api/users', {
    email: AGENT.email,
    password: AGENT.password,
    firstName: 'Axe',
    lastName: 'Agent',
    rights: 'agent',
  });
  ids.user = user.body.id;
  // FUP-2: a follow-up of the Website chat campaign that failed for good, for the Follow-ups tab's list (its chat
  // is from long ago, so the Chats list of today stays empty).
  const db = e.app.runtime.database.db;
  const visitor = await db
    .insertInto('visitors')
    .values({
      account_id: e.app.admin.me!.account.id,
      token_hash: 'axe-follow-up-visitor',
      email: 'vera@example.com',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const chat = await db
    .insertInto('chats')
    .values({
      account_id: e.app.admin.me!.account.id,
      campaign_id: ids.campaign,
      visitor_id: visitor.id,
      status: 'closed',
      started_at: '2020-01-06T10:00:00Z',
      closed_at: new Date('2020-01-06T10:10:00Z'),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('follow_ups')
    .values({
      account_id: e.app.admin.me!.account.id,
      campaign_id: ids.campaign,
      chat_id: chat.id,
      kind: 'transcript',
      to_address: 'vera@example.com',
      from_seq: 1,
      to_seq: 3,
      state: 'failed',
      attempts: 8,
      last_error: 'auth: 535 5.7.8 Authentication credentials invalid',
      done_at: new Date(),
    })
    .execute();
  const group = await e.app.admin.post<Group>('/api/groups', { name: 'Support', userIds: [ids.user] });
  ids.group = group.body.id;
  const nobody = (
    await e.app.admin.post<User>('/api/users', {
      email: 'axe.nobody@example.com',
      password: AGENT.password,
      firstName: 'Never',
      lastName: 'Here',
      rights: 'agent',
    })
  ).body.id;
  ids.sites = {
    en: await siteWithCampaign('shop-en.localhost', {}),
    prechat: await siteWithCampaign('shop-prechat.localhost', { prechatEnabled: true }),
    dark: await siteWithCampaign('shop-dark.localhost', { theme: 'dark' }),
    nl: await siteWithCampaign('shop-nl.localhost', { language: 'nl' }),
    de: await siteWithCampaign('shop-de.localhost', { language: 'de' }),
    fr: await siteWithCampaign('shop-fr.localhost', { language: 'fr' }),
    es: await siteWithCampaign('shop-es.localhost', { language: 'es' }),
    // INV-2: a campaign whose only agent never signs in, so a chat started there becomes an offline message.
    offline: await siteWithCampaign('shop-offline.localhost', {}, () => nobody),
    greeting: await siteWithCampaign('shop-greeting.localhost', {}),
  } as typeof ids.sites;
  // GOL-1, GOL-2: the en site's campaign has success codes (the close dialog offers them) and asks for a rating.
  const enCampaign = (await e.app.admin.get<CampaignList>('/api/campaigns')).body.items.find(
    (c) => c.title === 'Campaign shop-en.localhost',
  )!.id;
  expect(
    (
      await e.app.admin.put(`/api/campaigns/${enCampaign}/goals/success-codes`, {
        allowMultiple: false,
        required: false,
        codes: [{ name: 'Sales' }, { name: 'Support' }],
      })
    ).status,
  ).toBe(200);
  // TLS-5: and Cobrowsing (the screen-share toggle in its chat window).
  const tools = await e.app.admin.get<CampaignToolSettings>(`/api/campaigns/${enCampaign}/tools`);
  expect(
    (
      await e.app.admin.put(`/api/campaigns/${enCampaign}/tools`, {
        ...tools.body,
        tools: { ...tools.body.tools, cobrowsing: true },
      })
    ).status,
  ).toBe(200);
  const survey = await e.app.admin.get<object>(`/api/campaigns/${enCampaign}/goals/survey`);
  expect(
    (
      await e.app.admin.put(`/api/campaigns/${enCampaign}/goals/survey`, {
        ...survey.body,
        enabled: true,
        comment: true,
        thanks: true,
      })
    ).status,
  ).toBe(200);
  // TLS-1: the en site's campaign has WebTabs on, with a tab that can be framed and one that refuses.
  tabSite = createServer((req, res) => {
    if (req.url?.startsWith('/deny')) res.setHeader('x-frame-options', 'DENY');
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(
      '<!doctype html><html lang="en"><head><title>Help desk</title></head><body><main><h1>Help desk</h1><p>A ticket.</p></main></body></html>',
    );
  });
  await new Promise<void>((resolve) => tabSite.listen(0, '127.0.0.1', resolve));
  const tabSiteUrl = `http://127.0.0.1:${(tabSite.address() as AddressInfo).port}`;
  const enTools = await e.app.admin.get<CampaignToolSettings>(`/api/campaigns/${enCampaign}/tools`);
  expect(
    (
      await e.app.admin.put(`/api/campaigns/${enCampaign}/tools`, {
        ...enTools.body,
        tools: { ...enTools.body.tools, webTabs: true },
      })
    ).status,
  ).toBe(200);
  expect(
    (
      await e.app.admin.put(`/api/campaigns/${enCampaign}/tools/web-tabs`, {
        tabs: [
          { name: 'Help desk', url: `${tabSiteUrl}/help?chat={chatId}` },
          { name: 'Refusing site', url: `${tabSiteUrl}/deny` },
        ],
      })
    ).status,
  ).toBe(200);
  // TLS-2: the en site's campaign offers a forum of canned responses (the console's `#` list and Quick Response).
  const shopForum = await e.app.admin.post<{ id: string }>('/api/canned-forums', { title: 'Shop answers' });
  expect(shopForum.status).toBe(201);
  for (const body of [
    { shortkey: 'hello', question: 'Greeting', answer: 'Hello! How can I help you today?' },
    { shortkey: 'hours', question: 'Opening hours?', answer: 'We are open from 9 to 5, Monday to Friday.' },
  ])
    expect((await e.app.admin.post(`/api/canned-forums/${shopForum.body.id}/responses`, body)).status).toBe(
      201,
    );
  expect(
    (
      await e.app.admin.put(`/api/campaigns/${enCampaign}/tools/canned-responses`, {
        forumIds: [shopForum.body.id],
      })
    ).status,
  ).toBe(200);
  // INV-3: the greeting site's campaign greets at once, whoever is signed in.
  const greetingCampaign = (await e.app.admin.get<CampaignList>('/api/campaigns')).body.items.find(
    (c) => c.title === 'Campaign shop-greeting.localhost',
  )!.id;
  expect(
    (
      await e.app.admin.put(`/api/campaigns/${greetingCampaign}/invites/availability`, {
        availability: 'always',
      })
    ).status,
  ).toBe(200);
  expect(
    (
      await e.app.admin.post(`/api/campaigns/${greetingCampaign}/invites`, {
        kind: 'yes_no',
        title: 'Need a hand?',
        text: 'We can help you choose a size.',
        acceptText: 'Yes please',
        declineText: 'No thanks',
        moments: [{ name: 'At once', criteria: [{ kind: 'time_on_page', operator: '>=', minutes: 0 }] }],
      })
    ).status,
  ).toBe(201);

  const open = async (who: Who, viewport?: { width: number; height: number }) => {
    const { context, page } = await e.newPage(viewport ? { viewport } : {});
    contexts.set(who, context);
    pages.set(who, page);
    return page;
  };
  await open('anon');
  await e.login(await open('manager'), ADMIN.email, ADMIN.password);
  await e.login(await open('phone', PHONE), ADMIN.email, ADMIN.password);
  await e.login(await open('agent'), AGENT.email, AGENT.password);
  for (const lang of OTHER_LANGUAGES) {
    const email = `manager.${lang}@example.com`;
    const created = await e.app.admin.post<User>('/api/users', {
      email,
      password: AGENT.password,
      firstName: 'Manager',
      lastName: lang.toUpperCase(),
      rights: 'manager',
      language: lang,
    });
    expect(created.status).toBe(201);
    await e.login(await open(`manager-${lang}`), email, AGENT.password);
  }
  // Customer pages on *.localhost reach the app on 127.0.0.1 only with the browser's local network permission.
  for (const who of ['visitor', 'phoneVisitor'] as const) {
    await open(who, who === 'phoneVisitor' ? PHONE : undefined);
    await contexts.get(who)!.grantPermissions(['local-network-access']);
  }
});
afterAll(async () => {
  await new Promise((resolve) => (tabSite ? tabSite.close(resolve) : resolve(undefined)));
  await e?.close();
});

function describeViolations(violations: Result[]): string {
  return violations
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help}\n` +
        v.nodes
          .slice(0, 6)
          .map((n) => `    ${n.target.join(' >> ')}\n      ${n.failureSummary?.replace(/\n/g, '\n      ')}`)
          .join('\n'),
    )
    .join('\n');
}

const counts: Record<string, number> = {};

describe('axe-core finds no WCAG 2.2 AA violation', () => {
  for (const state of states) {
    it(state.name, async () => {
      const page = pages.get(state.on)!;
      await state.open(page);
      await settled(page);
      const axe = new AxeBuilder({ page }).withTags(TAGS);
      for (const selector of state.exclude ?? []) axe.exclude(selector);
      const results = await axe.analyze();
      if (state.frame) {
        // Nodes inside a frame are named by the frame's selector and theirs.
        const inFrame = [...results.passes, ...results.violations].some((r) =>
          r.nodes.some((n) => n.target.length > 1),
        );
        expect(inFrame, 'axe read the chat frame').toBe(true);
      }
      if (state.screenshot) await shot(page, `a11y-${state.name}`);
      counts[state.name] = results.violations.reduce((n, v) => n + v.nodes.length, 0);
      expect(results.violations, describeViolations(results.violations)).toEqual([]);
    });
  }
  afterAll(() => {
    console.log(
      'violating nodes per state',
      counts,
      'total',
      Object.values(counts).reduce((a, b) => a + b, 0),
    );
  });
});
