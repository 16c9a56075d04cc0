// TLS-2: how Quick Response (in the Details panel) reaches the open chat's composer without the panels between
// them passing anything along: the composer of a chat listens, the panel asks it to insert a text.

type Insert = (text: string) => void;
const composers = new Map<string, Insert>();

/** The composer of `chatId` takes inserted texts while it is shown; returns the way to stop. */
export function listenForInserts(chatId: string, insert: Insert): () => void {
  composers.set(chatId, insert);
  return () => {
    if (composers.get(chatId) === insert) composers.delete(chatId);
  };
}

/** Inserts `text` into the composer of `chatId` at its caret; false when no composer of that chat is shown. */
export function insertIntoComposer(chatId: string, text: string): boolean {
  const insert = composers.get(chatId);
  if (!insert) return false;
  insert(text);
  return true;
}

/**
 * A text with `insert` put in place of `[start, end)`, and where the caret goes after it. Pure: the composer's
 * `#key` replaced by its answer, or an answer put at the caret (replacing what is selected).
 */
export function spliceText(
  text: string,
  start: number,
  end: number,
  insert: string,
): { text: string; caret: number } {
  const a = Math.max(0, Math.min(start, text.length));
  const b = Math.max(a, Math.min(end, text.length));
  return { text: text.slice(0, a) + insert + text.slice(b), caret: a + insert.length };
}
