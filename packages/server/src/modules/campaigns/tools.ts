import { defaultCampaignTools, ErrorCode, type CampaignTools, type Tool } from '@parley/protocol';
import type { Db } from '../../db/database.js';
import type { CampaignRow } from '../../db/schema.js';
import { AppError } from '../../errors.js';

// TLS-7: which agent tools a campaign's chats have (columns of migration 019). The server enforces them: the
// realtime gateways ask on every sneak-preview and cobrowse frame, the console's routes on every request. A toggle
// takes effect within TOOLS_CACHE_MS on every instance.

/** How long one instance trusts a campaign's toggles it read (sneak-preview frames come every 300 ms). */
export const TOOLS_CACHE_MS = 2_000;
const CACHE_MAX = 10_000;

export const toolColumns = [
  'tool_web_tabs',
  'tool_canned_responses',
  'tool_cobrowsing',
  'tool_visitor_info',
  'tool_sneak_preview',
] as const;
export type ToolColumns = Pick<CampaignRow, (typeof toolColumns)[number]>;

export const toolsOfRow = (c: ToolColumns): CampaignTools => ({
  webTabs: c.tool_web_tabs,
  cannedResponses: c.tool_canned_responses,
  cobrowsing: c.tool_cobrowsing,
  visitorInfo: c.tool_visitor_info,
  sneakPreview: c.tool_sneak_preview,
});

export const toolNames: Record<Tool, string> = {
  webTabs: 'WebTabs',
  cannedResponses: 'Canned Responses',
  cobrowsing: 'Cobrowsing',
  visitorInfo: 'Visitor Info',
  sneakPreview: 'Chat Sneak Preview',
};

const cache = new Map<string, { at: number; tools: CampaignTools }>();

/**
 * The tools of a campaign's chats; a chat without a campaign (or whose campaign was deleted) has the defaults.
 * Cached for TOOLS_CACHE_MS per instance; `fresh` reads the database.
 */
export async function campaignTools(
  db: Db,
  accountId: string,
  campaignId: string | null,
  opts: { fresh?: boolean } = {},
): Promise<CampaignTools> {
  if (!campaignId) return defaultCampaignTools;
  const key = `${accountId}:${campaignId}`;
  const now = Date.now();
  const hit = cache.get(key);
  if (hit && !opts.fresh && now - hit.at < TOOLS_CACHE_MS) return hit.tools;
  const row = await db
    .selectFrom('campaigns')
    .select(toolColumns)
    .where('account_id', '=', accountId)
    .where('id', '=', campaignId)
    .executeTakeFirst();
  const tools = row ? toolsOfRow(row) : defaultCampaignTools;
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(key, { at: now, tools });
  return tools;
}

/** Forget what this instance read of a campaign (after its manager saved the Tools tab here). */
export function forgetCampaignTools(accountId: string, campaignId: string): void {
  cache.delete(`${accountId}:${campaignId}`);
}

export const toolDisabled = (tool: Tool) =>
  new AppError(ErrorCode.toolDisabled, `${toolNames[tool]} is turned off for this chat's campaign`, 403);

/** Throws `tool_disabled` (403) unless the campaign's chats have the tool. */
export async function assertTool(
  db: Db,
  accountId: string,
  campaignId: string | null,
  tool: Tool,
): Promise<void> {
  if (!(await campaignTools(db, accountId, campaignId))[tool]) throw toolDisabled(tool);
}
