import type { Deps } from '../../deps.js';
import { chatForAgentWrite } from '../chats/index.js';
import type { Actor } from '../identity/index.js';
import { findToolSettingsColumns } from '../tools/index.js';
import { findWebsiteById } from '../websites/index.js';
import { replayCsp } from './csp.js';

/**
 * TLS-5: the CSP of the replay of a chat's shared screen, for the chat's own agent only (as the events
 * themselves, `cobrowse.watch`): another agent's or account's chat is 404.
 */
export async function replayPolicy(deps: Pick<Deps, 'db'>, actor: Actor, chatId: string): Promise<string> {
  const chat = await chatForAgentWrite(deps.db, actor, chatId);
  const site = chat.website_id ? await findWebsiteById(deps.db, chat.website_id) : undefined;
  const settings = chat.campaign_id
    ? await findToolSettingsColumns(deps.db, actor.accountId, chat.campaign_id)
    : undefined;
  return replayCsp(site?.host ?? null, settings?.cobrowse_csp_domains ?? []);
}
