// GOL-1's decisions, pure (table-driven tests beside): which choices of codes a campaign takes, and when a close
// must wait for a code.

/** The codes as chosen, each once, in the order given. */
export const distinctIds = (ids: readonly string[]): string[] => [...new Set(ids)];

/** Why this choice of codes is refused (another problem, an unknown code, is the caller's to find); null: fine. */
export function codeChoiceProblem(codeIds: readonly string[], allowMultiple: boolean): string | null {
  if (!allowMultiple && distinctIds(codeIds).length > 1)
    return 'This campaign allows one success code per chat';
  return null;
}

/**
 * "Agents are forced to choose a code before they can close the chat": only when the campaign has codes to choose
 * from (a forced choice among none would make its chats impossible to close).
 */
export function closeNeedsCode(c: { required: boolean; options: number; chosen: number }): boolean {
  return c.required && c.options > 0 && c.chosen === 0;
}

export const CODE_REQUIRED_MESSAGE = 'Choose a success code before closing this chat';
