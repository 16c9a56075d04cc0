import { goalValueOf } from '@parley/protocol/constants';

/**
 * GOL-4: one `parley('goal', 'Title', EXAMPLE_VALUE)` call of the page, checked: the title a text, EXAMPLE_VALUE
 * left out or a number or a 'quoted text' of digits (`goalValueOf`). Anything else is refused with the message
 * the browser console shows.
 */
export function goalCall(args: readonly unknown[]): { title: string; value: string } | { message: string } {
  const [title, value] = args;
  const exact = value === undefined ? '' : goalValueOf(value);
  if (typeof title != 'string' || !title.trim())
    return {
      message: "parley('goal', 'Title', EXAMPLE_VALUE): the goal was not sent. Its title is a 'quoted text'.",
    };
  if (exact === null)
    return {
      message: `parley('goal', '${title}', EXAMPLE_VALUE): the goal was not sent. EXAMPLE_VALUE must be a number (49.95) or a 'quoted text' of digits ('49,95'), not ${describe(value)}.`,
    };
  return { title: title.trim(), value: exact };
}

const describe = (v: unknown) =>
  typeof v == 'string' ? `'${v}'` : typeof v == 'object' && v !== null ? 'an object' : String(v);
