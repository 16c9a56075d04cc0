import fc from 'fast-check';

/**
 * Hostile input for property tests: strings no person types (NUL, unpaired surrogates, 1 MB), values of the
 * wrong type, deeply nested JSON, and values shaped by a route's or frame's JSON schema with hostile leaves, so
 * that most of them pass the schema's shape and reach the code behind it.
 */

export const ONE_MB = 'x'.repeat(1 << 20);

/** Any UTF-16 code unit: NUL, control characters and both halves of surrogate pairs included. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));

const nasty = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfff',
  '\udbff',
  '\udc00\ud800',
  '😀\ud83d',
  '\ufffe\uffff',
  '\u202e\u200b\u2028',
  '%00',
  '%',
  '%zz',
  '\\',
  "'",
  '"',
  "'; drop table users; --",
  '%_\\',
  '../../etc/passwd',
  '\r\n\r\n',
  '',
  ' ',
  '\t',
  '9'.repeat(40),
  '-1',
  '2147483648',
  '1e309',
  'NaN',
  'null',
  'true',
  '[]',
  '{}',
  '__proto__',
  'constructor',
  '<script>alert(1)</script>',
  'a@b',
  'x@example.com',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '2026-13-45T99:99:99Z',
  '1970-01-01',
  '#zzzzzz',
  '10.0.0.0/8\n::1',
];

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...nasty) },
  { weight: 3, arbitrary: fc.string({ unit: codeUnit, maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  {
    weight: 3,
    arbitrary: fc
      .tuple(
        fc.string({ maxLength: 12 }),
        fc.constantFrom('\u0000', '\ud800', '\udc00', '\udbff'),
        fc.string({ maxLength: 12 }),
      )
      .map(([a, b, c]) => a + b + c),
  },
  { weight: 1, arbitrary: fc.constantFrom(ONE_MB, `${ONE_MB.slice(1)}\u0000`, 'y'.repeat(70_000)) },
);

/** JSON text nested far deeper than any schema (for raw bodies and frames). */
export const deepJsonText = fc
  .constantFrom(10_000, 100_000)
  .chain((n) =>
    fc
      .constantFrom('[]', '{"a":}', 'str')
      .map((kind) =>
        kind === '[]'
          ? '['.repeat(n) + ']'.repeat(n)
          : kind === 'str'
            ? `${'['.repeat(n)}"\\u0000"${']'.repeat(n)}`
            : '{"a":'.repeat(n) + '1' + '}'.repeat(n),
      ),
  );

/** A value of any JSON type, unrelated to what is expected. */
export const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.constantFrom(
    null,
    true,
    false,
    0,
    -1,
    -0,
    0.5,
    2 ** 31,
    -(2 ** 31) - 1,
    2 ** 53,
    2 ** 63,
    1e308,
    -1e308,
    [],
    {},
  ),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.array(hostileString, { maxLength: 3 }),
  fc.dictionary(hostileString, hostileString, { maxKeys: 3 }),
  fc.constantFrom(100, 1000).map((n) => {
    let v: unknown = '\u0000';
    for (let i = 0; i < n; i++) v = [v];
    return v;
  }),
);

export type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  format?: string;
  pattern?: string;
};

/** Values that fit a string schema (so that its neighbours' hostile values are what the code meets). */
function fittingString(s: JsonSchema, ids: string[]): fc.Arbitrary<string> {
  if (s.format === 'uuid')
    return ids.length
      ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...ids) }, { weight: 1, arbitrary: fc.uuid() })
      : fc.uuid();
  if (s.format === 'email') return fc.stringMatching(/^[a-z0-9.]{1,20}$/).map((l) => `u${l}@example.com`);
  // A host name (its pattern has a look-ahead, which fast-check does not generate from).
  if (s.pattern?.includes('localhost'))
    return fc.constantFrom('example.com', 'www.shop.example.org', 'localhost:3000', '127.0.0.1:8080');
  if (s.pattern) {
    try {
      return fc.stringMatching(new RegExp(s.pattern));
    } catch {
      /* a pattern fast-check cannot generate from */
    }
  }
  const min = s.minLength ?? 0;
  const max = Math.max(min, Math.min(s.maxLength ?? 40, 40));
  return fc.oneof(
    fc.string({ minLength: min, maxLength: max }),
    fc.string({ minLength: min, maxLength: max, unit: 'binary' }),
  );
}

/** A string that fits the schema's length but carries NUL or an unpaired surrogate. */
function sneakyString(s: JsonSchema): fc.Arbitrary<string> {
  return fittingString({ ...s, format: undefined, pattern: undefined }, []).chain((v) =>
    fc
      .tuple(fc.nat(v.length), fc.constantFrom('\u0000', '\ud800', '\udfff'))
      .map(([at, bad]) => (v.slice(0, at) + bad + v.slice(at + 1)).slice(0, Math.max(1, s.maxLength ?? 40))),
  );
}

/**
 * A value shaped by a JSON schema. `hostile`: each leaf fitting, sneaky (right length, bad characters) or
 * hostile, and now and then the wrong type altogether; otherwise (`fit`) every leaf fits the schema, so that the
 * value reaches the code and the database. `ids` are real ids to use where a uuid is expected.
 */
export function fromSchema(
  schema: JsonSchema,
  ids: string[],
  mode: 'hostile' | 'fit' = 'hostile',
  depth = 0,
): fc.Arbitrary<unknown> {
  const shaped = shapedBy(schema, ids, mode, depth);
  if (mode === 'fit') return shaped;
  const wrong = depth > 6 ? fc.constant(null) : wrongValue;
  return fc.oneof({ weight: 8, arbitrary: shaped }, { weight: 1, arbitrary: wrong });
}

function shapedBy(
  schema: JsonSchema,
  ids: string[],
  mode: 'hostile' | 'fit',
  depth: number,
): fc.Arbitrary<unknown> {
  const hostile = mode === 'hostile';
  const inner = (s: JsonSchema) => fromSchema(s, ids, mode, depth + 1);
  const options = schema.anyOf ?? schema.oneOf;
  if (options?.length) return fc.oneof(...options.map(inner));
  if (schema.allOf?.length) return inner(schema.allOf[0]!);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum?.length)
    return hostile
      ? fc.oneof(fc.constantFrom(...schema.enum), hostileString)
      : fc.constantFrom(...schema.enum);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  const nullable = schema.nullable || (Array.isArray(schema.type) && schema.type.includes('null'));
  const value = ((): fc.Arbitrary<unknown> => {
    switch (type) {
      case 'string': {
        if (!hostile) return fittingString(schema, ids);
        // An id or a constrained value is mostly right, so that the request gets past it to the free text.
        const constrained = !!(schema.format || schema.pattern);
        return fc.oneof(
          { weight: constrained ? 8 : 2, arbitrary: fittingString(schema, ids) },
          { weight: 3, arbitrary: sneakyString(schema) },
          { weight: 2, arbitrary: hostileString },
        );
      }
      case 'integer':
      case 'number': {
        const min = schema.minimum ?? -(2 ** 31);
        const max = schema.maximum ?? 2 ** 31 - 1;
        const inRange = fc.integer({ min: Math.max(min, -(2 ** 31)), max: Math.min(max, 2 ** 31 - 1) });
        if (!hostile) return fc.oneof(inRange, fc.constantFrom(min, max));
        return fc.oneof(
          inRange,
          fc.constantFrom(min - 1, max + 1, 2 ** 31, 2 ** 53 - 1, -(2 ** 53) + 1, 1e308, 0.5, -0),
        );
      }
      case 'boolean':
        return fc.boolean();
      case 'array':
        return fc.array(schema.items ? inner(schema.items) : wrongValue, {
          minLength: hostile ? 0 : Math.min(schema.minItems ?? 0, 4),
          maxLength: Math.min(4, schema.maxItems ?? 4),
        });
      case 'object':
      case undefined: {
        if (!schema.properties && type === undefined) return hostile ? wrongValue : fc.constant(null);
        const props = schema.properties ?? {};
        const required = new Set(schema.required ?? []);
        const model: Record<string, fc.Arbitrary<unknown>> = {};
        for (const [k, s] of Object.entries(props)) model[k] = inner(s);
        const record = fc.record(model, {
          requiredKeys: Object.keys(props).filter((k) => required.has(k)),
        });
        if (!hostile) return record;
        const extra =
          typeof schema.additionalProperties === 'object'
            ? fc.dictionary(hostileString, inner(schema.additionalProperties), { maxKeys: 3 })
            : fc.dictionary(hostileString, hostileString, { maxKeys: 1 });
        return fc
          .tuple(record, fc.oneof({ weight: 4, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: extra }))
          .map(([r, e]) => ({ ...e, ...r }));
      }
      default:
        return hostile ? wrongValue : fc.constant(null);
    }
  })();
  return nullable ? fc.oneof(value, fc.constant(null)) : value;
}

/**
 * Percent-encodes any string for a URL, unpaired surrogates included (as the bytes of their would-be UTF-8
 * form, which is what a hostile client sends: `encodeURIComponent` refuses them).
 */
export function encodeAny(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const next = s.charCodeAt(i + 1);
    if (c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      out += encodeURIComponent(s[i]! + s[i + 1]!);
      i++;
    } else if (c >= 0xd800 && c <= 0xdfff) {
      out += [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join('');
    } else out += encodeURIComponent(s[i]!);
  }
  return out;
}

/** Pieces put into URLs as they are (broken escapes a client may send). */
export const rawUrlPiece = fc.constantFrom(
  '%00',
  '%zz',
  '%',
  '%ED%A0%80',
  '%C0%80',
  '..%2F..',
  '%2e%2e',
  '%FF',
);

/**
 * A value as it appears in a URL: strings encoded, anything else as its JSON or text; cut to 2,000 characters,
 * since a longer address is refused (431) before any route sees it and would hide everything else.
 */
export const inUrl = (v: unknown): string =>
  encodeAny(
    (typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v)).slice(0, 2000),
  );
