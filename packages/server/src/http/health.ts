import type { FastifyInstance } from 'fastify';
import { ping } from '../db/database.js';

export async function healthRoutes(app: FastifyInstance) {
  /** The process is up. */
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  /** The process can serve: its database answers. */
  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    const ok = await ping(app.db);
    return reply.status(ok ? 200 : 503).send({ status: ok ? 'ready' : 'database unreachable' });
  });
}
