export { textColorOn } from '@parley/protocol/constants';

/** A `#rrggbb` colour or the fallback: config values end up in CSS, so nothing else gets through. */
export function safeColor(value: string, fallback = '#1971c2'): string {
  return /^#[0-9a-f]{6}$/i.test(value.trim()) ? value.trim() : fallback;
}

/**
 * `textColorOn` for a colour `safeColor` let through (`#rrggbb`): the same answer, the same sums in the same
 * order, in fewer bytes of the loader that every page view pays for (issue 14).
 */
export function textOnSafe(hex: string): '#000' | '#fff' {
  const n = parseInt(hex.slice(1), 16);
  let l = 0;
  [16, 8, 0].forEach((shift, i) => {
    const s = ((n >> shift) & 255) / 255;
    l += [0.2126, 0.7152, 0.0722][i]! * (s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4);
  });
  return 1.05 / (l + 0.05) >= 4.5 ? '#fff' : '#000';
}
