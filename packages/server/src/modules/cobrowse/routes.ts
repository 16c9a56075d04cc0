import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Id } from '@parley/protocol';
import { actorOf } from '../../http/context.js';
import { notFound } from '../../errors.js';
import { webDist } from '../../paths.js';
import { replayPolicy } from './service.js';

/**
 * TLS-5: the replay document of a chat's shared screen, framed by the console's Screen share section. The same
 * built page for every chat (web's `replay.html`); its CSP is the chat's: the visitor's site and the campaign's
 * extra CSP domains may serve its stylesheets, images and fonts (docs/embedding.md).
 */
export async function cobrowseRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const file = path.join(webDist, 'replay.html');
  const html = existsSync(file) ? readFileSync(file, 'utf8') : null;
  r.get(
    '/cobrowse/replay/:id',
    {
      schema: {
        tags: ['tools'],
        summary: "The agent's replay of the visitor's shared screen (an HTML page for the console's frame)",
        params: z.object({ id: Id }),
      },
    },
    async (req, reply) => {
      const policy = await replayPolicy(app, actorOf(req), req.params.id);
      if (!html) throw notFound('Replay (web app not built)');
      return reply
        .header('content-security-policy', policy)
        .header('content-type', 'text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .header('referrer-policy', 'no-referrer')
        .removeHeader('x-frame-options')
        .send(html);
    },
  );
}
