import { describe, expect, it } from 'vitest';
import { afterFailure, classifySmtpError, MAX_RETRY_MS, sendDecision, type SmtpError } from './decide.js';

// FUP-1 / FUP-2: what an SMTP failure means, when a follow-up is tried again, and whether it is still wanted.
describe('classifySmtpError', () => {
  const cases: [string, SmtpError, string, boolean][] = [
    [
      'wrong credentials',
      {
        code: 'EAUTH',
        responseCode: 535,
        response: '535 5.7.8 Authentication credentials invalid',
        message: 'Invalid login: 535 5.7.8 Authentication credentials invalid',
        permanent: true,
      },
      'auth',
      false,
    ],
    ['no credentials', { code: 'ENOAUTH', message: 'Missing credentials for "PLAIN"' }, 'auth', false],
    [
      'refused',
      { code: 'ESOCKET', originalCode: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:2525' },
      'connect',
      false,
    ],
    [
      'unknown host',
      { code: 'EDNS', originalCode: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND smtp.nowhere.example' },
      'connect',
      false,
    ],
    ['closed', { code: 'ECONNECTION', message: 'Connection closed unexpectedly' }, 'connect', false],
    ['timeout', { code: 'ETIMEDOUT', message: 'Greeting never received' }, 'timeout', false],
    [
      'self-signed',
      { code: 'ESOCKET', originalCode: 'DEPTH_ZERO_SELF_SIGNED_CERT', message: 'self-signed certificate' },
      'tls',
      false,
    ],
    ['starttls refused', { code: 'ETLS', message: 'Error upgrading connection with STARTTLS' }, 'tls', false],
    [
      'tls to a plain port',
      {
        code: 'ESOCKET',
        originalCode: 'ERR_SSL_WRONG_VERSION_NUMBER',
        message: 'ssl3_get_record:wrong version number',
      },
      'tls',
      false,
    ],
    [
      'recipient rejected',
      {
        code: 'EENVELOPE',
        responseCode: 550,
        response: '550 5.1.1 No such user',
        message: "Can't send mail - all recipients were rejected",
        permanent: true,
      },
      'rejected',
      true,
    ],
    [
      'mailbox full for now',
      {
        code: 'EENVELOPE',
        responseCode: 452,
        response: '452 4.2.2 Mailbox full',
        message: 'x',
        permanent: false,
      },
      'rejected',
      false,
    ],
    ['something else', { message: 'boom' }, 'other', false],
  ];
  it.each(cases)('%s', (_name, err, reason, permanent) => {
    const c = classifySmtpError(err);
    expect(c.reason).toBe(reason);
    expect(c.permanent).toBe(permanent);
    expect(c.detail).toBe((err.response ?? err.message)!.trim());
  });

  it('never keeps a secret the server or library echoed', () => {
    const c = classifySmtpError({ code: 'EAUTH', response: '535 bad password hunter2 for user' }, [
      'hunter2',
    ]);
    expect(c.detail).toBe('535 bad password *** for user');
  });
});

describe('afterFailure: back-off, then failed', () => {
  const transient = { permanent: false };
  it.each([
    [1, 60_000],
    [2, 120_000],
    [3, 240_000],
    [7, 3_840_000],
  ])('after attempt %i the next comes %i ms later', (attempts, ms) => {
    expect(afterFailure(attempts, 8, 60, transient)).toEqual({ state: 'pending', retryInMs: ms });
  });
  it('at most six hours apart, stretched by up to a fifth with jitter', () => {
    expect(afterFailure(20, 50, 60, transient)).toEqual({ state: 'pending', retryInMs: MAX_RETRY_MS });
    expect(afterFailure(1, 8, 60, transient, 1)).toEqual({ state: 'pending', retryInMs: 72_000 });
    expect(afterFailure(1, 8, 60, transient, 7)).toEqual({ state: 'pending', retryInMs: 72_000 });
  });
  it('the last attempt, or a permanent refusal, is final', () => {
    expect(afterFailure(8, 8, 60, transient)).toEqual({ state: 'failed' });
    expect(afterFailure(1, 8, 60, { permanent: true })).toEqual({ state: 'failed' });
  });
});

describe('sendDecision', () => {
  const base = {
    kind: 'transcript',
    enabled: true,
    optedOut: false,
    chatMode: 'live',
    chatClosed: true,
  } as const;
  it.each([
    ['a transcript', base, true],
    ['switched off meanwhile', { ...base, enabled: false }, false],
    ['unsubscribed meanwhile', { ...base, optedOut: true }, false],
    ['an answer to an NRT chat', { ...base, kind: 'answer', chatMode: 'nrt', chatClosed: false }, true],
    [
      'an answer the visitor came back to read',
      { ...base, kind: 'answer', chatMode: 'live', chatClosed: false },
      false,
    ],
    [
      'an answer to a chat closed since',
      { ...base, kind: 'answer', chatMode: 'live', chatClosed: true },
      true,
    ],
  ] as const)('%s', (_name, check, send) => {
    expect(sendDecision(check).send).toBe(send);
  });
});
