import type { AgentChatSummary } from '@parley/protocol';

/** The Details panel's section for cobrowsing (TLS-5): the visitor's page, live, once they share it. */
export function ScreenShare(_props: { chat: AgentChatSummary }) {
  return null;
}
