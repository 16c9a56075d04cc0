import { describe, expect, it } from 'vitest';
import { contrastRatio } from '@parley/protocol/constants';
import { safeColor, textColorOn, textOnSafe } from './color';

describe('colours', () => {
  it('picks text that reaches 4.5:1 on the accent colour', () => {
    expect(textColorOn('#1971c2')).toBe('#fff');
    expect(textColorOn('#000000')).toBe('#fff');
    // White on the old default blue had 4.2:1: black it is.
    expect(textColorOn('#1c7ed6')).toBe('#000');
    expect(textColorOn('#2f9e44')).toBe('#000');
    expect(textColorOn('#ffffff')).toBe('#000');
    expect(textColorOn('#ffd43b')).toBe('#000');
    for (let grey = 0; grey < 256; grey += 5) {
      const hex = `#${grey.toString(16).padStart(2, '0').repeat(3)}`;
      expect(contrastRatio(hex, textColorOn(hex) === '#fff' ? '#ffffff' : '#000000')).toBeGreaterThanOrEqual(
        4.5,
      );
    }
  });

  it('lets only #rrggbb into CSS', () => {
    expect(safeColor('#AbCdEf')).toBe('#AbCdEf');
    expect(safeColor('red;background:url(x)')).toBe('#1971c2');
    expect(safeColor('', '#000000')).toBe('#000000');
  });

  it("the loader's short textOnSafe answers as textColorOn, for every seventh colour and every grey", () => {
    const hex = (n: number) => `#${n.toString(16).padStart(6, '0')}`;
    let differ = 0;
    for (let n = 0; n <= 0xffffff; n += 7) if (textOnSafe(hex(n)) !== textColorOn(hex(n))) differ++;
    for (let g = 0; g < 256; g++)
      if (textOnSafe(hex(g * 0x10101)) !== textColorOn(hex(g * 0x10101))) differ++;
    expect(differ).toBe(0);
    expect(textOnSafe('#1971C2')).toBe('#fff');
  });
});
