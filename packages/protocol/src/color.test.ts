import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contrastRatio, textColorOn } from './color.js';

describe('contrast', () => {
  it('measures as WCAG does', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#1c7ed6', '#ffffff')).toBeCloseTo(4.2, 1);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    expect(contrastRatio('nonsense', '#ffffff')).toBe(1);
  });

  it('always picks a text colour with at least 4.5:1', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffff }), (n) => {
        const hex = `#${n.toString(16).padStart(6, '0')}`;
        const text = textColorOn(hex) === '#fff' ? '#ffffff' : '#000000';
        expect(contrastRatio(hex, text)).toBeGreaterThanOrEqual(4.5);
      }),
    );
  });
});
