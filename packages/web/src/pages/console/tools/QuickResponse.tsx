import type { AgentChatSummary } from '@parley/protocol';

/** The Details panel's section for canned responses (TLS-2): a search with a forum selector; choosing one puts it in the message field. */
export function QuickResponse(_props: { chat: AgentChatSummary; onInsert: (text: string) => void }) {
  return null;
}
