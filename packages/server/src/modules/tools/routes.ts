import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CampaignToolSettings, ChatTools, ErrorBody, Id } from '@parley/protocol';
import { actorOf } from '../../http/context.js';
import * as tools from './service.js';

const manager = { access: 'manager' } as const;
const tag = ['tools'];
const params = z.object({ id: Id });
const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody };

/** The campaign's "Tools" tab (managers), and a chat's tools (the console). */
export async function toolRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const path = '/api/campaigns/:id/tools';

  r.get(
    path,
    {
      config: manager,
      schema: {
        tags: tag,
        summary:
          'The campaign’s tool toggles (TLS-7) and cobrowsing settings (TLS-5); texts never saved are the campaign language’s defaults',
        params,
        response: { 200: CampaignToolSettings, ...errors },
      },
    },
    async (req) => tools.toolSettings(app, actorOf(req), req.params.id),
  );
  r.put(
    path,
    {
      config: manager,
      schema: {
        tags: tag,
        summary:
          'Saves the toggles and the cobrowsing settings; a tool turned off is gone from the console and refused by the server',
        params,
        body: CampaignToolSettings,
        response: { 200: CampaignToolSettings, ...errors },
      },
    },
    async (req) => tools.saveToolSettings(app, actorOf(req), req.params.id, req.body),
  );
  r.get(
    '/api/chats/:id/tools',
    {
      schema: {
        tags: tag,
        summary: 'The tools the console offers in this chat (its campaign’s toggles)',
        params,
        response: { 200: ChatTools, ...errors },
      },
    },
    async (req) => tools.chatTools(app, actorOf(req), req.params.id),
  );
}
