import { describe, expect, it } from 'vitest';
import { sniffImageType } from './sniff.js';

const bytes = (...b: number[]) => new Uint8Array(b);

describe('sniffImageType', () => {
  it.each([
    [bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a), 'image/png'],
    [bytes(0xff, 0xd8, 0xff, 0xe0), 'image/jpeg'],
    [new TextEncoder().encode('GIF89a'), 'image/gif'],
    [new TextEncoder().encode('RIFF\0\0\0\0WEBPVP8 '), 'image/webp'],
    [
      new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      null,
    ],
    [new TextEncoder().encode('<html><script>alert(1)</script>'), null],
    [bytes(), null],
  ])('%#', (data, type) => {
    expect(sniffImageType(data)).toBe(type);
  });
});
