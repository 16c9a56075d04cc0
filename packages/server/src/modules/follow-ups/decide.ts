import type { SmtpFailure } from '@parley/protocol';

/**
 * The follow-up sender's decisions, pure (table-tested in decide.test.ts): what an SMTP error means, when to try
 * again, and whether a follow-up is still wanted when its turn comes.
 */

/** What nodemailer (10) puts on its errors; see its errors.d.ts. */
export type SmtpError = {
  message?: string;
  code?: string;
  originalCode?: string;
  responseCode?: number;
  response?: string;
  permanent?: boolean;
};

export type Classified = { reason: SmtpFailure; detail: string; permanent: boolean };

const TLS_CODES =
  /^(ERR_TLS_|ERR_SSL_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT|CERT_|EPROTO$)/;
const CONNECT_CODES =
  /^(ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN|ECONNRESET|EADDRNOTAVAIL)$/;

/**
 * Names an SMTP failure for the manager and keeps the server's own answer (`detail`). `permanent`: the same
 * email would be refused again (a 5xx answer to the envelope or the message), so trying again is pointless; a
 * refused sign-in is not permanent, since the manager may correct the password meanwhile.
 */
export function classifySmtpError(err: SmtpError, secrets: readonly string[] = []): Classified {
  const code = err.code ?? '';
  const original = err.originalCode ?? '';
  const message = err.message ?? String(err);
  let detail = (err.response ?? message).trim() || message;
  // Never let a secret through into what is stored or shown, whatever a server or library echoes.
  for (const s of secrets) if (s) detail = detail.split(s).join('***');
  detail = detail.slice(0, 1000);
  const tlsish = /certificate|self[- ]signed|\bssl\b|\btls\b|wrong version number/i;
  let reason: SmtpFailure;
  if (code === 'EAUTH' || code === 'ENOAUTH') reason = 'auth';
  else if (code === 'ETIMEDOUT' || /timed? ?out/i.test(message)) reason = 'timeout';
  else if (code === 'ETLS' || TLS_CODES.test(original) || TLS_CODES.test(code) || tlsish.test(message))
    reason = 'tls';
  else if (
    code === 'EDNS' ||
    code === 'ECONNECTION' ||
    CONNECT_CODES.test(original) ||
    CONNECT_CODES.test(code) ||
    (code === 'ESOCKET' && !err.responseCode)
  )
    reason = 'connect';
  else if (code === 'EENVELOPE' || code === 'EMESSAGE' || (err.responseCode ?? 0) >= 500) reason = 'rejected';
  else reason = 'other';
  const permanent = reason === 'rejected' && (err.permanent ?? (err.responseCode ?? 0) >= 500);
  return { reason, detail, permanent };
}

/** The longest wait between two attempts. */
export const MAX_RETRY_MS = 6 * 3600_000;

export type AfterFailure = { state: 'failed' } | { state: 'pending'; retryInMs: number };

/**
 * After attempt number `attempts` failed: listed as failed when that was the last allowed attempt or the failure
 * is permanent; else tried again after `firstRetrySeconds`, doubling each time (at most six hours), stretched by
 * `jitter` (0…1: up to a fifth more) so that many follow-ups that failed together do not all come back at once.
 */
export function afterFailure(
  attempts: number,
  maxAttempts: number,
  firstRetrySeconds: number,
  failure: Pick<Classified, 'permanent'>,
  jitter = 0,
): AfterFailure {
  if (failure.permanent || attempts >= maxAttempts) return { state: 'failed' };
  const base = Math.min(firstRetrySeconds * 1000 * 2 ** Math.max(0, attempts - 1), MAX_RETRY_MS);
  return { state: 'pending', retryInMs: Math.round(base * (1 + Math.min(Math.max(jitter, 0), 1) / 5)) };
}

export type SendCheck = {
  kind: 'transcript' | 'answer';
  /** The campaign's settings exist and are switched on. */
  enabled: boolean;
  /** The address unsubscribed (in this account). */
  optedOut: boolean;
  /** The chat's mode now: an answer whose visitor came back to the chat was read there. */
  chatMode: 'live' | 'nrt' | null;
  chatClosed: boolean;
};

export type SendDecision = { send: true } | { send: false; reason: string };

/** Whether a follow-up whose turn came is still to be sent; when not, the reason kept with it. */
export function sendDecision(c: SendCheck): SendDecision {
  if (!c.enabled) return { send: false, reason: 'Follow-ups were switched off for the campaign' };
  if (c.optedOut) return { send: false, reason: 'The visitor unsubscribed' };
  if (c.kind === 'answer' && c.chatMode === 'live' && !c.chatClosed)
    return { send: false, reason: 'The visitor came back and read the answer in the chat' };
  return { send: true };
}
