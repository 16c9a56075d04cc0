/**
 * Text colour on the given `#rrggbb` background: white while it keeps a WCAG contrast of at least 3:1 (bold
 * button and header text on brand colours such as the default #1c7ed6), otherwise black.
 */
export function textColorOn(hex: string): '#000' | '#fff' {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex.trim());
  if (!m?.[1]) return '#fff';
  const n = parseInt(m[1], 16);
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  const l = 0.2126 * lin((n >> 16) & 255) + 0.7152 * lin((n >> 8) & 255) + 0.0722 * lin(n & 255);
  return 1.05 / (l + 0.05) >= 3 ? '#fff' : '#000';
}

/** A `#rrggbb` colour or the fallback: config values end up in CSS, so nothing else gets through. */
export function safeColor(value: string, fallback = '#1c7ed6'): string {
  return /^#[0-9a-f]{6}$/i.test(value.trim()) ? value.trim() : fallback;
}
