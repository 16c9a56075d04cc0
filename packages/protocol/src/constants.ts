/**
 * Plain values with no zod behind them, importable by the widget (`@parley/protocol/constants`) without
 * bundling any schema. The schema modules re-export them.
 */
export const MESSAGE_MAX_LENGTH = 5000;
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
/** Accepted attachments; images are shown inline, everything else is downloaded (CON-7). */
export const ATTACHMENT_TYPES = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
  'text/plain',
  'application/zip',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
] as const;
export const SOCKET_MAX_PAYLOAD = 64 * 1024;
/** Sneak-preview text is throttled by the widget to one frame per this many ms (CON-5). */
export const TYPING_THROTTLE_MS = 300;
/** Header carrying the visitor token on widget HTTP calls (file upload). */
export const VISITOR_TOKEN_HEADER = 'x-visitor-token';
/** Name of the global function the embed snippet defines on the host page. */
export const WIDGET_GLOBAL = 'parley';
export { fillText, plural } from './widget-texts.js';
export { contrastRatio, luminance, TEXT_CONTRAST, textColorOn } from './color.js';
