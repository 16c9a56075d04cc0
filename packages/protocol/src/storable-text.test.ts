import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isStorableText, unstorableTextAt } from './storable-text.js';

/** Any UTF-16 code unit, lone surrogates and NUL included. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
const anyText = fc.string({ unit: fc.oneof(codeUnit, fc.constantFrom('\u0000', '\ud800', '\udc00')) });
/** Storable iff it has a UTF-8 form (encodeURIComponent refuses unpaired surrogates) and no NUL. */
const oracle = (s: string) => {
  try {
    encodeURIComponent(s);
  } catch {
    return false;
  }
  return !s.includes('\u0000');
};

describe('isStorableText', () => {
  it('refuses exactly NUL and unpaired surrogates', () => {
    fc.assert(
      fc.property(anyText, (s) => isStorableText(s) === oracle(s)),
      { numRuns: 2000 },
    );
  });

  it.each([
    ['', true],
    ['plain', true],
    ['emoji 😀 pair', true],
    ['a\u0000b', false],
    ['\ud800', false],
    ['x\udc00', false],
    ['\udc00\ud800', false],
    ['\ud83d\ude00\ud83d', false],
  ])('%j → %s', (s, ok) => expect(isStorableText(s)).toBe(ok));
});

describe('unstorableTextAt', () => {
  it('finds nothing in values made of storable text', () => {
    const storable = fc.string({ unit: 'binary' }).filter((s) => !s.includes('\u0000'));
    const json = fc.jsonValue({ maxDepth: 4, stringUnit: 'binary' });
    fc.assert(
      fc.property(json, storable, (v, s) => {
        const clean = JSON.parse(JSON.stringify([v, s]).replace(/\\u0000/g, '')) as unknown;
        expect(unstorableTextAt(clean)).toBeUndefined();
      }),
    );
  }, 30_000); // deep JSON values: a few seconds on a busy machine

  it('names the path of a bad string planted anywhere', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string({ minLength: 1, maxLength: 5 }), fc.nat(3)), { maxLength: 5 }),
        fc.constantFrom('a\u0000', '\ud800', 'ok\udfff'),
        (path, bad) => {
          let v: unknown = bad;
          for (let i = path.length - 1; i >= 0; i--) {
            const k = path[i]!;
            v = typeof k === 'number' ? [...Array<string>(k).fill('ok'), v] : { fine: 'yes', [k]: v };
          }
          expect(unstorableTextAt(v)).toEqual(path);
        },
      ),
    );
  });

  it('names a bad key readably', () => {
    expect(unstorableTextAt({ data: { 'a\u0000': 'x' } })).toEqual(['data', 'a\ufffd']);
  });

  it('walks very deep values without recursion', () => {
    let v: unknown = '\u0000';
    for (let i = 0; i < 200_000; i++) v = [v];
    expect(unstorableTextAt(v)).toHaveLength(200_000);
  });
});
