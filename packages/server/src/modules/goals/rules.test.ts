import { describe, expect, it } from 'vitest';
import { closeNeedsCode, codeChoiceProblem, distinctIds } from './rules.js';

describe('GOL-1 the rules of success codes', () => {
  it.each([
    [[], false, null],
    [['a'], false, null],
    [['a', 'a'], false, null],
    [['a', 'b'], false, 'This campaign allows one success code per chat'],
    [['a', 'b'], true, null],
    [['a', 'b', 'c', 'a'], true, null],
  ])('a choice of %j with multiple=%s: %s', (ids, multiple, problem) => {
    expect(codeChoiceProblem(ids, multiple)).toBe(problem);
  });

  it.each([
    [{ required: false, options: 3, chosen: 0 }, false],
    [{ required: true, options: 3, chosen: 0 }, true],
    [{ required: true, options: 3, chosen: 1 }, false],
    [{ required: true, options: 3, chosen: 2 }, false],
    // A forced choice among no codes would make the campaign's chats impossible to close.
    [{ required: true, options: 0, chosen: 0 }, false],
    // A code chosen before it was deleted from the list still counts.
    [{ required: true, options: 0, chosen: 1 }, false],
  ])('a close with %j needs a code first: %s', (c, needs) => {
    expect(closeNeedsCode(c)).toBe(needs);
  });

  it('keeps each code once, in the order chosen', () => {
    expect(distinctIds(['b', 'a', 'b', 'c', 'a'])).toEqual(['b', 'a', 'c']);
  });
});
