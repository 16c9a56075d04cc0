import { describe, expect, it } from 'vitest';
import { CannedResponsePatch, cannedTsQuery, shortkeyAt, shortkeyProblem } from './canned-responses.js';

// TLS-2: the shortkey's rules (one function for the manager's field and the server), the search's query words,
// and the `#key` the composer sees before the caret.
describe('shortkeyProblem', () => {
  it.each([
    ['', null],
    ['ship', null],
    ['Ship_EU-2', null],
    ['rückgabe', null],
    ['配送', null],
    ['x'.repeat(40), null],
  ])('accepts %j', (key, problem) => expect(shortkeyProblem(key)).toBe(problem));

  it.each([
    ['free ship', 'A shortkey has no spaces'],
    [' ship', 'A shortkey has no spaces'],
    ['ship\t', 'A shortkey has no spaces'],
    ['ship\u00a0eu', 'A shortkey has no spaces'],
    ['#ship', 'Type the shortkey without the #'],
    ['x'.repeat(41), 'At most 40 characters'],
    ['ship!', 'Use only letters, digits, - and _'],
    ['ship.eu', 'Use only letters, digits, - and _'],
    ['a#b', 'Use only letters, digits, - and _'],
  ])('refuses %j', (key, problem) => expect(shortkeyProblem(key)).toBe(problem));

  it('is the schema’s check, naming the field', () => {
    const r = CannedResponsePatch.safeParse({ shortkey: 'a b' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]).toMatchObject({ path: ['shortkey'], message: 'A shortkey has no spaces' });
    expect(CannedResponsePatch.parse({ answer: 'Hi' })).toEqual({ answer: 'Hi' });
  });
});

describe('cannedTsQuery', () => {
  it.each([
    ['', null],
    ['   ', null],
    ['#', null],
    ['!&|():*', null],
    ['ship', 'ship:*'],
    ['Free SHIPPING', 'free:* & shipping:*'],
    ['ship-cost', 'ship:* & cost:*'],
    ['#invoice', 'invoice:*'],
    ["it's", 'it:* & s:*'],
    ["a' | b:* & !c", 'a:* & b:* & c:*'],
    ['Ämter 30', 'ämter:* & 30:*'],
    ['ship ship SHIP', 'ship:*'],
  ])('%j → %j', (q, expected) => expect(cannedTsQuery(q)).toBe(expected));

  it('keeps at most eight words', () => {
    expect(cannedTsQuery('a b c d e f g h i j')).toBe('a:* & b:* & c:* & d:* & e:* & f:* & g:* & h:*');
  });
});

describe('shortkeyAt', () => {
  const at = (text: string) => shortkeyAt(text.replace('|', ''), text.indexOf('|'));
  it.each([
    ['#|', { start: 0, key: '' }],
    ['#sh|', { start: 0, key: 'sh' }],
    ['Hello #ship|', { start: 6, key: 'ship' }],
    ['Hello\n#Ship_EU|', { start: 6, key: 'Ship_EU' }],
    ['#sh| and more', { start: 0, key: 'sh' }],
  ])('%j → %j', (text, expected) => expect(at(text)).toEqual(expected));

  it.each(['ship|', 'a#ship|', '#ship |', '#ship.|', 'see #ship, |', `#${'x'.repeat(41)}|`])(
    '%j is no key being typed',
    (text) => expect(at(text)).toBeNull(),
  );
});
