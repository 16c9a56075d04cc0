/** What a client is told when its request failed this way (REST 503 and the `unavailable` socket frame). */
export const UNAVAILABLE_MESSAGE = 'The service cannot reach its database right now; try again in a moment';

/**
 * Errors that mean "the database cannot be reached right now" rather than "this statement is wrong": a lost or
 * refused connection, a server shutting down or restarting, too many connections. The work was not done (or,
 * for a commit cut off mid-answer, is found by its idempotency key on the retry), so callers answer "try again"
 * (HTTP 503, the `unavailable` socket frame) instead of an internal error.
 */

/** SQLSTATE codes: class 08 (connection exception) is checked by prefix. */
const UNAVAILABLE_SQLSTATES = new Set([
  '57P01', // admin_shutdown: pg_terminate_backend, or the server stopping
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up, in recovery
  '53300', // too_many_connections
]);

/** Node socket errors on the way to the database. */
const UNAVAILABLE_ERRNOS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** What node-postgres and pg-pool say (without a code) when the connection went away under them. */
const UNAVAILABLE_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error and is not queryable',
];

export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 4) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (code.length === 5 && code.startsWith('08')) return true;
    if (UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_ERRNOS.has(code)) return true;
  }
  const message = (err as { message?: unknown }).message;
  if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((m) => message.startsWith(m))) return true;
  // AggregateError (several addresses refused) and wrapped errors.
  const errors = (err as { errors?: unknown }).errors;
  if (Array.isArray(errors) && errors.length > 0 && errors.every((e) => isDatabaseUnavailable(e, depth + 1)))
    return true;
  const cause = (err as { cause?: unknown }).cause;
  return cause !== undefined && isDatabaseUnavailable(cause, depth + 1);
}

/**
 * For work that must happen once the database is back (a closed socket's "visitor left" deadline): while the
 * database is unreachable, `fn` runs again later (1 s, doubling up to 30 s) in the background; any other error
 * goes to `onError`. Safe only for idempotent work.
 */
export function retryWhileUnavailable(
  fn: () => Promise<unknown>,
  onError: (err: unknown) => void,
  delayMs = 1_000,
): Promise<void> {
  return fn().then(
    () => undefined,
    (err: unknown) => {
      if (!isDatabaseUnavailable(err)) return onError(err);
      setTimeout(
        () => void retryWhileUnavailable(fn, onError, Math.min(30_000, delayMs * 2)),
        delayMs,
      ).unref();
    },
  );
}
