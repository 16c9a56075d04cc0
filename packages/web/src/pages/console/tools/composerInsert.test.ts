import { describe, expect, it } from 'vitest';
import { insertIntoComposer, listenForInserts, spliceText } from './composerInsert';

// TLS-2: an answer goes into the composer in place of the `#key` typed, or at the caret.
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

describe('insertIntoComposer', () => {
  it('reaches the composer of that chat while it listens', () => {
    const got: string[] = [];
    const stop = listenForInserts('chat-1', (t) => got.push(t));
    expect(insertIntoComposer('chat-2', 'no')).toBe(false);
    expect(insertIntoComposer('chat-1', 'yes')).toBe(true);
    stop();
    expect(insertIntoComposer('chat-1', 'gone')).toBe(false);
    expect(got).toEqual(['yes']);
  });
});
