/**
 * Text the product can store. PostgreSQL refuses NUL in `text` and `jsonb`, and an unpaired UTF-16 surrogate
 * has no UTF-8 form (`jsonb` refuses it; a `text` parameter would silently become U+FFFD). No person types
 * either, so the edge refuses them in every field of every request and frame, before any SQL sees them.
 */
// eslint-disable-next-line no-control-regex -- NUL is exactly what this looks for
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const UNSTORABLE_ALL = new RegExp(UNSTORABLE.source, 'g');

export const UNSTORABLE_TEXT_MESSAGE =
  'Contains a character that is not allowed (NUL or a broken Unicode character)';

export const isStorableText = (s: string): boolean => !UNSTORABLE.test(s);

const isPlainObject = (v: object): v is Record<string, unknown> => {
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
};

type Step = { v: unknown; key?: string | number; parent?: Step };

const pathOf = (step: Step): (string | number)[] => {
  const path: (string | number)[] = [];
  for (let s: Step | undefined = step; s?.parent; s = s.parent) path.push(s.key!);
  return path.reverse();
};

/**
 * Where the first unstorable string (a value or an object key) is in a parsed request or frame, as a path
 * (`['groupIds', 0]`, `[]` for the value itself), or undefined when everything can be stored. Walks arrays and
 * plain objects without recursion (and builds a path only for what it finds), so a deeply nested value costs
 * time in proportion to its size and cannot exhaust the stack.
 */
export function unstorableTextAt(value: unknown): (string | number)[] | undefined {
  const stack: Step[] = [{ v: value }];
  while (stack.length > 0) {
    const step = stack.pop()!;
    const v = step.v;
    if (typeof v === 'string') {
      if (!isStorableText(v)) return pathOf(step);
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], key: i, parent: step });
    } else if (v !== null && typeof v === 'object' && isPlainObject(v)) {
      const keys = Object.keys(v);
      // The key is named readably (the error goes back to the client as JSON, and into logs).
      for (const k of keys)
        if (!isStorableText(k)) return [...pathOf(step), k.replace(UNSTORABLE_ALL, '\ufffd')];
      for (let i = keys.length - 1; i >= 0; i--) stack.push({ v: v[keys[i]!], key: keys[i]!, parent: step });
    }
  }
  return undefined;
}
