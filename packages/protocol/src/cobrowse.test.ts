import { describe, expect, it } from 'vitest';
import { cobrowseParts, COBROWSE_PART_MAX } from './constants.js';
import { unstorableTextAt } from './storable-text.js';

// TLS-5: a batch of recorded events goes to the server in parts, each well-formed text.
describe('cobrowseParts', () => {
  it('cuts into parts of at most the limit that join to the whole', () => {
    const text = 'a'.repeat(COBROWSE_PART_MAX * 2 + 5);
    const parts = cobrowseParts(text);
    expect(parts.map((p) => p.length)).toEqual([COBROWSE_PART_MAX, COBROWSE_PART_MAX, 5]);
    expect(parts.join('')).toBe(text);
    expect(cobrowseParts('')).toEqual([]);
    expect(cobrowseParts('[]')).toEqual(['[]']);
  });

  it('never cuts between the two halves of a surrogate pair', () => {
    const text = 'ab😀cd😀';
    for (let max = 2; max <= 8; max++) {
      const parts = cobrowseParts(text, max);
      expect(parts.join('')).toBe(text);
      for (const p of parts) expect(unstorableTextAt(p), `${max}: ${JSON.stringify(parts)}`).toBeUndefined();
    }
  });
});
