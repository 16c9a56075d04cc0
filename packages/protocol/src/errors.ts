import { z } from 'zod';

/** Machine-readable error codes; every error body is `{ error: { code, message, fields? } }`. */
export const ErrorCode = {
  validationFailed: 'validation_failed',
  unauthenticated: 'unauthenticated',
  invalidCredentials: 'invalid_credentials',
  forbidden: 'forbidden',
  csrfFailed: 'csrf_failed',
  ipNotAllowed: 'ip_not_allowed',
  notFound: 'not_found',
  conflict: 'conflict',
  payloadTooLarge: 'payload_too_large',
  unsupportedMediaType: 'unsupported_media_type',
  rateLimited: 'rate_limited',
  /** The database is unreachable for a moment (503): nothing was done; send the same request again shortly. */
  unavailable: 'unavailable',
  /** A limit that waiting a moment does not lift (files per chat, chats per address per minute). */
  limitReached: 'limit_reached',
  /** INV-2: a live chat was asked for and nobody of the campaign can take it now: leave an offline message. */
  nobodyAvailable: 'nobody_available',
  /** GOL-1 (409): the campaign forces a success code before the chat can be closed. */
  successCodeRequired: 'success_code_required',
  /** GOL-2 (409): the survey of this chat is not open (sent, over 24 hours after the close, or none). */
  surveyClosed: 'survey_closed',
  /** TLS-7 (403): the chat's campaign has this agent tool turned off (Tools tab); nothing was done. */
  toolDisabled: 'tool_disabled',
  /** TLS-3 (410): the seconds to undo a removal are over; the removal is final. */
  undoExpired: 'undo_expired',
  internal: 'internal',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    /** Per-field messages, keyed by the field's path joined with dots (`groupIds.0`). */
    fields: z.record(z.string(), z.string()).optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
