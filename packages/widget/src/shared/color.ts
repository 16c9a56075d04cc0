export { textColorOn } from '@parley/protocol/constants';

/** A `#rrggbb` colour or the fallback: config values end up in CSS, so nothing else gets through. */
export function safeColor(value: string, fallback = '#1971c2'): string {
  return /^#[0-9a-f]{6}$/i.test(value.trim()) ? value.trim() : fallback;
}
