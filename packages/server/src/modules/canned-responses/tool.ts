import type { Deps } from '../../deps.js';
import type { ChatRow } from '../../db/schema.js';

/**
 * TLS-7: the Canned Responses tool must be on for the chat's campaign. Placeholder until the tools core lands
 * (then: `campaignTools` of modules/tools, 403 `tool_disabled`).
 */
export async function assertCannedResponsesOn(_deps: Pick<Deps, 'db'>, _chat: ChatRow): Promise<void> {}
