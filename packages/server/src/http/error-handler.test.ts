import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { installErrorHandler } from './error-handler.js';

// Issue 10.1: a request that failed because the database is unreachable answers 503 "unavailable" (try again),
// not 500; any other failure stays a 500 that hides its details.
describe('the error handler and a lost database', () => {
  const app = Fastify({ logger: false });
  installErrorHandler(app);
  app.get('/terminated', async () => {
    throw Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
  });
  app.get('/refused', async () => {
    throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
  });
  app.get('/bug', async () => {
    throw new TypeError('x is undefined');
  });

  it.each(['/terminated', '/refused'])('%s: 503 unavailable with Retry-After', async (url) => {
    const res = await app.inject({ url });
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('2');
    expect(res.json()).toEqual({
      error: {
        code: 'unavailable',
        message: 'The service cannot reach its database right now; try again in a moment',
      },
    });
  });

  it('anything else: 500 internal, details hidden', async () => {
    const res = await app.inject({ url: '/bug' });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: { code: 'internal', message: 'Something went wrong on our side' } });
  });
});
