/**
 * WCAG 2 contrast for `#rrggbb` colours, shared by the widget (its button, header and buttons on the campaign's
 * colour), the campaign form's colour picker and preview, and the manager UI's theme.
 */

/** Normal text needs this much contrast with its background (WCAG 2.2 AA, 1.4.3). */
export const TEXT_CONTRAST = 4.5;

function channels(hex: string): [number, number, number] | null {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex.trim());
  if (!m?.[1]) return null;
  const n = parseInt(m[1], 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** Relative luminance (0 black … 1 white); null for anything but `#rrggbb`. */
export function luminance(hex: string): number | null {
  const c = channels(hex);
  if (!c) return null;
  const lin = (v: number) => {
    const s = v / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2]);
}

/** Contrast ratio of two `#rrggbb` colours, 1 to 21; 1 when either is not a colour. */
export function contrastRatio(a: string, b: string): number {
  const la = luminance(a);
  const lb = luminance(b);
  if (la === null || lb === null) return 1;
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/**
 * The text colour for a `#rrggbb` background: white when white text reaches 4.5:1, else black (which then always
 * does: no colour has less than 4.58:1 with both).
 */
export function textColorOn(hex: string): '#000' | '#fff' {
  const l = luminance(hex);
  if (l === null) return '#fff';
  return 1.05 / (l + 0.05) >= TEXT_CONTRAST ? '#fff' : '#000';
}
