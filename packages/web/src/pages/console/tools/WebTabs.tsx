import type { AgentChatSummary } from '@parley/protocol';

/** The Details panel's section for the campaign's WebTabs (TLS-1), visitor variables filled in. */
export function WebTabs(_props: { chat: AgentChatSummary }) {
  return null;
}
