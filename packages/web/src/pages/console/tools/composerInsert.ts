// TLS-2: an answer put into the composer's text in place of the `#key` typed.

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
