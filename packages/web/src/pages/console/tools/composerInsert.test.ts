import { describe, expect, it } from 'vitest';
import { spliceText } from './composerInsert';

// TLS-2: an answer goes into the composer in place of the `#key` typed.
describe('spliceText', () => {
  it('replaces the #key before the caret with the answer', () => {
    expect(spliceText('Hello #sh', 6, 9, 'Shipping is free.')).toEqual({
      text: 'Hello Shipping is free.',
      caret: 23,
    });
  });
  it('keeps what follows the caret', () => {
    expect(spliceText('#sh and more', 0, 3, 'Free')).toEqual({ text: 'Free and more', caret: 4 });
  });
  it('inserts at the caret, or over the selection', () => {
    expect(spliceText('ab', 1, 1, 'X')).toEqual({ text: 'aXb', caret: 2 });
    expect(spliceText('abcd', 1, 3, 'X')).toEqual({ text: 'aXd', caret: 2 });
  });
  it('keeps positions inside the text', () => {
    expect(spliceText('ab', 5, 9, 'X')).toEqual({ text: 'abX', caret: 3 });
    expect(spliceText('ab', -1, 1, 'X')).toEqual({ text: 'Xb', caret: 1 });
  });
});
