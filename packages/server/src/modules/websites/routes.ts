import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CreateWebsite, EmbedSnippet, ErrorBody, Id, Website, WebsiteList } from '@parley/protocol';
import { actorOf } from '../../http/context.js';
import { publicBaseUrl } from '../../http/base-url.js';
import * as websites from './service.js';

const manager = { access: 'manager' } as const;

export async function websiteRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['websites'];
  r.get('/api/websites', { config: manager, schema: { tags, response: { 200: WebsiteList } } }, async (req) =>
    websites.listWebsites(app.db, actorOf(req)),
  );
  r.post(
    '/api/websites',
    {
      config: manager,
      schema: { tags, body: CreateWebsite, response: { 201: Website, 400: ErrorBody, 409: ErrorBody } },
    },
    async (req, reply) =>
      reply.status(201).send(await websites.addWebsite(app.db, actorOf(req), req.body.host)),
  );
  r.get(
    '/api/websites/:id/snippet',
    {
      config: manager,
      schema: {
        tags,
        summary: 'The HTML embed code for a website',
        params: z.object({ id: Id }),
        response: { 200: EmbedSnippet, 404: ErrorBody },
      },
    },
    async (req) =>
      websites.websiteSnippet(app.db, actorOf(req), req.params.id, publicBaseUrl(app.config, req)),
  );
}
