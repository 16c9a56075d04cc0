import { describe, expect, it, vi } from 'vitest';
import { isDatabaseUnavailable, retryWhileUnavailable } from './unavailable.js';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable: "try again" rather than "this is wrong"', () => {
  it.each([
    ['pg_terminate_backend', withCode('57P01', 'terminating connection due to administrator command')],
    ['server crash', withCode('57P02')],
    ['server starting', withCode('57P03', 'the database system is starting up')],
    ['too many connections', withCode('53300')],
    ['connection exception class', withCode('08006')],
    ['connection does not exist', withCode('08003')],
    ['refused', withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['reset', withCode('ECONNRESET')],
    ['timed out', withCode('ETIMEDOUT')],
    ['broken pipe', withCode('EPIPE')],
    ['dns', withCode('EAI_AGAIN')],
    ['socket closed under a query', new Error('Connection terminated unexpectedly')],
    ['connect timeout', new Error('Connection terminated due to connection timeout')],
    ['pool timeout', new Error('timeout exceeded when trying to connect')],
    ['dead client reused', new Error('Client has encountered a connection error and is not queryable')],
    ['every address refused', new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')])],
    ['wrapped', new Error('query failed', { cause: withCode('57P01') })],
  ])('%s', (_name, err) => {
    expect(isDatabaseUnavailable(err)).toBe(true);
  });

  it.each([
    ['unique violation', withCode('23505')],
    ['syntax error', withCode('42601')],
    ['invalid text for uuid', withCode('22P02')],
    ['serialization failure', withCode('40001')],
    ['query canceled by statement_timeout', withCode('57014')],
    ['a bug', new TypeError('cannot read properties of undefined')],
    ['some refused, some not', new AggregateError([withCode('ECONNREFUSED'), withCode('23505')])],
    ['not an error', 'Connection terminated'],
    ['nothing', undefined],
  ])('not %s', (_name, err) => {
    expect(isDatabaseUnavailable(err)).toBe(false);
  });

  it('does not loop on a cause that points to itself', () => {
    const err = new Error('loop') as Error & { cause?: unknown };
    err.cause = err;
    expect(isDatabaseUnavailable(err)).toBe(false);
  });
});

describe('retryWhileUnavailable', () => {
  it('runs the work again, later and later, until the database answers; other errors are reported once', async () => {
    vi.useFakeTimers();
    try {
      let calls = 0;
      const errors: unknown[] = [];
      await retryWhileUnavailable(
        async () => {
          if (++calls < 4) throw withCode('ECONNREFUSED');
        },
        (e) => errors.push(e),
      );
      expect(calls).toBe(1);
      await vi.advanceTimersByTimeAsync(1000);
      expect(calls).toBe(2);
      await vi.advanceTimersByTimeAsync(1999);
      expect(calls).toBe(2);
      await vi.advanceTimersByTimeAsync(1);
      expect(calls).toBe(3);
      await vi.advanceTimersByTimeAsync(4000);
      expect(calls).toBe(4);
      await vi.advanceTimersByTimeAsync(60_000);
      expect(calls).toBe(4);
      expect(errors).toEqual([]);

      const bug = new TypeError('bug');
      await retryWhileUnavailable(
        () => Promise.reject(bug),
        (e) => errors.push(e),
      );
      await vi.advanceTimersByTimeAsync(60_000);
      expect(errors).toEqual([bug]);
    } finally {
      vi.useRealTimers();
    }
  });
});
