/**
 * TLS-7: is the Canned Responses tool on for this chat's campaign? Placeholder until the tools core lands (then:
 * `useChatTools(chatId).tools.cannedResponses`). The server refuses the requests anyway when it is off.
 */
export function useCannedToolOn(_chatId: string): boolean {
  return true;
}
