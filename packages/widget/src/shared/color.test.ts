import { describe, expect, it } from 'vitest';
import { safeColor, textColorOn } from './color';

describe('colours', () => {
  it('picks readable text on the accent colour', () => {
    expect(textColorOn('#1c7ed6')).toBe('#fff');
    expect(textColorOn('#000000')).toBe('#fff');
    expect(textColorOn('#2f9e44')).toBe('#fff');
    expect(textColorOn('#ffffff')).toBe('#000');
    expect(textColorOn('#ffd43b')).toBe('#000');
  });

  it('lets only #rrggbb into CSS', () => {
    expect(safeColor('#AbCdEf')).toBe('#AbCdEf');
    expect(safeColor('red;background:url(x)')).toBe('#1c7ed6');
    expect(safeColor('', '#000000')).toBe('#000000');
  });
});
