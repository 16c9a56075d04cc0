import { cobrowseTextsFor, type CampaignToolSettings, type ChatTools, type Language } from '@parley/protocol';
import type { Deps } from '../../deps.js';
import { notFound } from '../../errors.js';
import { campaignTools, forgetCampaignTools, toolsOfRow } from '../campaigns/index.js';
import { chatForAgentRead } from '../chats/index.js';
import { assertManager, type Actor } from '../identity/index.js';
import * as repo from './repo.js';

// The campaign's "Tools" tab (TLS-7) and the cobrowsing settings (TLS-5), and what the console is told of a chat's
// tools. The toggles are read and enforced through the campaigns module (campaigns/tools.ts). docs/tools.md.

/** A text never saved is the default in the campaign's language. */
export function toolSettingsOf(c: repo.SettingsColumns): CampaignToolSettings {
  const d = cobrowseTextsFor(c.language as Language);
  return {
    tools: toolsOfRow(c),
    cobrowse: {
      text: c.cobrowse_text ?? d.text,
      onText: c.cobrowse_on_text ?? d.onText,
      offText: c.cobrowse_off_text ?? d.offText,
      cspDomains: c.cobrowse_csp_domains,
    },
  };
}

export async function toolSettings(
  deps: Pick<Deps, 'db'>,
  actor: Actor,
  campaignId: string,
): Promise<CampaignToolSettings> {
  assertManager(actor);
  const found = await repo.findToolSettingsColumns(deps.db, actor.accountId, campaignId);
  if (!found) throw notFound('Campaign');
  return toolSettingsOf(found);
}

/**
 * Saves the Tools tab. The chat window on the campaign's sites shows the change on its next ask (cobrowsing's
 * toggle); the server enforces it within the toggles' cache time on every instance.
 */
export async function saveToolSettings(
  deps: Pick<Deps, 'db' | 'events'>,
  actor: Actor,
  campaignId: string,
  s: CampaignToolSettings,
): Promise<CampaignToolSettings> {
  assertManager(actor);
  const saved = await repo.writeToolSettings(deps.db, actor.accountId, campaignId, {
    tool_web_tabs: s.tools.webTabs,
    tool_canned_responses: s.tools.cannedResponses,
    tool_cobrowsing: s.tools.cobrowsing,
    tool_visitor_info: s.tools.visitorInfo,
    tool_sneak_preview: s.tools.sneakPreview,
    cobrowse_text: s.cobrowse.text,
    cobrowse_on_text: s.cobrowse.onText,
    cobrowse_off_text: s.cobrowse.offText,
    cobrowse_csp_domains: s.cobrowse.cspDomains,
  });
  if (!saved) throw notFound('Campaign');
  forgetCampaignTools(actor.accountId, campaignId);
  await deps.events.emit('widget.settings_changed', { accountId: actor.accountId });
  return toolSettings(deps, actor, campaignId);
}

/** What the console shows of a chat's tools (its agent, or a manager reading it). */
export async function chatTools(deps: Pick<Deps, 'db'>, actor: Actor, chatId: string): Promise<ChatTools> {
  const chat = await chatForAgentRead(deps.db, actor, chatId);
  return {
    campaignId: chat.campaign_id,
    tools: await campaignTools(deps.db, actor.accountId, chat.campaign_id),
  };
}
