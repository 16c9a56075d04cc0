import { describe, expect, it } from 'vitest';
import { codesChanged, newCodeRow, toCodesForm, toCodesInput } from './codesForm';

const saved = toCodesForm({
  allowMultiple: false,
  required: true,
  codes: [
    { id: 'a', name: 'Sales' },
    { id: 'b', name: 'Support' },
  ],
});

describe('GOL-1 the success codes form', () => {
  it('saves kept codes with their id and new ones without', () => {
    const row = { ...newCodeRow(), name: 'Registration' };
    expect(toCodesInput({ ...saved, codes: [saved.codes[1]!, row] })).toEqual({
      allowMultiple: false,
      required: true,
      codes: [{ id: 'b', name: 'Support' }, { name: 'Registration' }],
    });
  });

  it.each([
    ['nothing changed', saved, false],
    [
      'spaces around a name',
      { ...saved, codes: [{ ...saved.codes[0]!, name: ' Sales ' }, saved.codes[1]!] },
      false,
    ],
    ['a rename', { ...saved, codes: [{ ...saved.codes[0]!, name: 'Sale' }, saved.codes[1]!] }, true],
    ['a new order', { ...saved, codes: [saved.codes[1]!, saved.codes[0]!] }, true],
    ['a deletion', { ...saved, codes: [saved.codes[0]!] }, true],
    ['an option', { ...saved, allowMultiple: true }, true],
  ])('%s: changed %s', (_what, v, changed) => {
    expect(codesChanged(v, saved)).toBe(changed);
  });
});
