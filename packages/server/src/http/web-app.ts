import { existsSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { ErrorCode } from '@parley/protocol';
import { webDist } from '../paths.js';

/** The built manager UI and agent console, with the single-page-app fallback to index.html. */
export async function webAppRoutes(app: FastifyInstance) {
  const hasWeb = existsSync(`${webDist}/index.html`);
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: webDist,
      wildcard: false,
      index: false,
      // Precompressed at build (scripts/precompress.mjs), sent by content negotiation.
      preCompressed: true,
      setHeaders: (res, path) => {
        if (path.includes('/assets/')) res.header('cache-control', 'public, max-age=31536000, immutable');
      },
    });
  }
  app.setNotFoundHandler((req, reply) => {
    const isPage =
      req.method === 'GET' &&
      !req.url.startsWith('/api/') &&
      !req.url.startsWith('/widget/') &&
      (req.headers.accept ?? '').includes('text/html');
    if (isPage && hasWeb) return reply.header('cache-control', 'no-cache').sendFile('index.html');
    return reply.status(404).send({ error: { code: ErrorCode.notFound, message: 'Not found' } });
  });
}
