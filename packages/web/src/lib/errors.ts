import { ApiError } from '../api/client';
import { t, type MessageKey } from '../i18n';
import { en } from '../i18n/messages/en';

/**
 * The server and the protocol's schemas speak English. Their fixed messages are in the catalogue under `server.*`
 * with the English text as it is sent; this finds a message's key from that text, so it shows in the user's
 * language. A message not listed (one with a name in it) shows as sent.
 */
const serverKeys = new Map<string, MessageKey>(
  (Object.entries(en) as [MessageKey, string][])
    .filter(([key]) => key.startsWith('server.'))
    .map(([key, text]) => [text, key]),
);

/** An English message from the server or a schema, in the user's language when it is a known one. */
export function translateServerText(message: string): string {
  const key = serverKeys.get(message);
  return key ? t(key) : message;
}

/** Errors named by their code alone, whatever the server's words. */
const byCode: Partial<Record<string, MessageKey>> = {
  network_error: 'errors.network',
  csrf_failed: 'errors.csrf',
  rate_limited: 'errors.rateLimited',
  payload_too_large: 'errors.tooLarge',
  unsupported_media_type: 'errors.unsupportedType',
  internal: 'errors.server',
};

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status >= 500) return t('errors.server');
    if (error.code === 'ip_not_allowed') {
      return t('errors.ipNotAllowed', { ip: /\(([^)]+)\)/.exec(error.message)?.[1] ?? '' });
    }
    const key = byCode[error.code];
    return key ? t(key) : translateServerText(error.message);
  }
  if (error instanceof Error) return translateServerText(error.message);
  return t('common.somethingWentWrong');
}

/** Per-field messages from the server or a schema, each in the user's language. */
export function translateFields(fields: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, translateServerText(v)]));
}
