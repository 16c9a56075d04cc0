import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../errors.js';
import { findFile } from './repo.js';

const INLINE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

/**
 * Public file downloads by unguessable id (agent photos appear in visitors' widgets). Served so that no
 * upload can run script: sniffed type only, nosniff, a sandboxing CSP, and anything not an image as attachment.
 */
export async function fileRoutes(app: FastifyInstance) {
  app
    .withTypeProvider<ZodTypeProvider>()
    .get(
      '/files/:id',
      { schema: { hide: true, params: z.object({ id: z.string() }) } },
      async (req, reply) => {
        const parsed = z.uuid().safeParse(req.params.id);
        const file = parsed.success ? await findFile(req.server.db, parsed.data) : undefined;
        if (!file) throw notFound('File');
        const inline = INLINE_TYPES.has(file.contentType);
        reply
          .header('content-type', inline ? file.contentType : 'application/octet-stream')
          .header('x-content-type-options', 'nosniff')
          .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox")
          .header('cache-control', 'private, max-age=86400, immutable')
          .header('cross-origin-resource-policy', 'cross-origin')
          .header(
            'content-disposition',
            `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(file.name || 'file')}`,
          );
        return reply.send(file.data);
      },
    );
}
