import { describe, expect, it } from 'vitest';
import { percentOf } from './statistics.js';

describe('percentOf (shares in the statistics)', () => {
  it.each([
    [0, 0, null],
    [5, 0, null],
    [0, 7, 0],
    [1, 3, 33.3],
    [2, 3, 66.7],
    [1, 8, 12.5],
    [49, 400, 12.3], // 12.25 rounds half up
    [1, 2000, 0.1], // 0.05 rounds half up
    [1, 2001, 0],
    [7, 7, 100],
  ])('%i of %i is %s %%', (part, whole, want) => {
    expect(percentOf(part, whole)).toBe(want);
  });
});
