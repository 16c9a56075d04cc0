import {
  fillWebTabUrl,
  type ChatWebTabCheck,
  type ChatWebTabs,
  type WebTab,
  type WebTabSettings,
  type WebTabSettingsInput,
} from '@parley/protocol';
import type { Deps } from '../../deps.js';
import type { ChatRow } from '../../db/schema.js';
import { invalid, notFound } from '../../errors.js';
import { assertTool, findCampaignRow } from '../campaigns/index.js';
import { chatForAgentRead } from '../chats/index.js';
import { assertManager, type Actor } from '../identity/index.js';
import { visitorTabValues } from '../visitors/index.js';
import { checkFraming } from './frame-check.js';
import * as repo from './web-tabs-repo.js';

// WebTabs (TLS-1; docs/tools.md): the campaign's tabs on the Tools tab's "More settings" (saved as a whole, as
// the Goals tab's success codes are), and a chat's tabs for its agent, filled with the chat's visitor and checked
// for framing. Refused with `tool_disabled` while the campaign's WebTabs tool is off.

async function ownCampaignTabs(deps: Pick<Deps, 'db'>, actor: Actor, campaignId: string): Promise<WebTab[]> {
  if (!(await findCampaignRow(deps.db, actor.accountId, campaignId))) throw notFound('Campaign');
  return repo.listTabs(deps.db, actor.accountId, campaignId);
}

export async function webTabSettings(
  deps: Pick<Deps, 'db'>,
  actor: Actor,
  campaignId: string,
): Promise<WebTabSettings> {
  assertManager(actor);
  return { tabs: await ownCampaignTabs(deps, actor, campaignId) };
}

export async function saveWebTabSettings(
  deps: Pick<Deps, 'db'>,
  actor: Actor,
  campaignId: string,
  input: WebTabSettingsInput,
): Promise<WebTabSettings> {
  assertManager(actor);
  await deps.db.transaction().execute(async (tx) => {
    if (!(await repo.lockCampaign(tx, actor.accountId, campaignId))) throw notFound('Campaign');
    const ids = input.tabs.flatMap((t) => (t.id ? [t.id] : []));
    const unknown = new Set(await repo.tabsNotInList(tx, actor.accountId, campaignId, ids));
    if (unknown.size > 0) {
      const fields: Record<string, string> = {};
      input.tabs.forEach((t, i) => {
        if (t.id && unknown.has(t.id)) fields[`tabs.${i}.id`] = 'This tab is not in the list any more';
      });
      throw invalid(fields, 'Some tabs are not in the list any more: reload the page');
    }
    await repo.replaceTabs(tx, actor.accountId, campaignId, input.tabs);
  });
  return webTabSettings(deps, actor, campaignId);
}

/** The chat's agent (or a manager reading it) may use its tabs while its campaign has WebTabs on. */
async function chatWithTabs(deps: Pick<Deps, 'db'>, actor: Actor, chatId: string): Promise<ChatRow> {
  const chat = await chatForAgentRead(deps.db, actor, chatId);
  await assertTool(deps.db, actor.accountId, chat.campaign_id, 'webTabs');
  return chat;
}

/** Each tab's address with this chat's visitor filled in, URL-encoded. */
async function filledTabs(deps: Pick<Deps, 'db'>, chat: ChatRow, tabs: WebTab[]): Promise<WebTab[]> {
  if (tabs.length === 0) return [];
  const v = await visitorTabValues(deps.db, chat.account_id, chat.visitor_id);
  const values = {
    visitorId: chat.visitor_id,
    visitorName: v?.name ?? '',
    visitorEmail: v?.email ?? '',
    currentPage: v?.currentUrl ?? '',
    chatId: chat.id,
    data: v?.data ?? {},
  };
  return tabs.map((t) => ({ ...t, url: fillWebTabUrl(t.url, values) }));
}

/** `GET /api/chats/:id/web-tabs`: the campaign's tabs, filled for this chat. */
export async function chatWebTabs(
  deps: Pick<Deps, 'db'>,
  actor: Actor,
  chatId: string,
): Promise<ChatWebTabs> {
  const chat = await chatWithTabs(deps, actor, chatId);
  if (!chat.campaign_id) return { tabs: [] };
  return {
    tabs: await filledTabs(deps, chat, await repo.listTabs(deps.db, chat.account_id, chat.campaign_id)),
  };
}

/** `GET /api/chats/:id/web-tabs/:tabId`: one tab, filled, and whether the console at `consoleOrigin` may frame it. */
export async function chatWebTab(
  deps: Pick<Deps, 'db'>,
  actor: Actor,
  chatId: string,
  tabId: string,
  consoleOrigin: string,
): Promise<ChatWebTabCheck> {
  const chat = await chatWithTabs(deps, actor, chatId);
  const tab = chat.campaign_id && (await repo.findTab(deps.db, chat.account_id, chat.campaign_id, tabId));
  if (!tab) throw notFound('Tab');
  const [filled] = await filledTabs(deps, chat, [tab]);
  const check = await checkFraming(filled!.url, consoleOrigin);
  return { ...filled!, ...check };
}
