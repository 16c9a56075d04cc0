import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ButtonSettings, ErrorBody, Id } from '@parley/protocol';
import { actorOf } from '../../http/context.js';
import * as buttons from './service.js';

const manager = { access: 'manager' } as const;
const tags = ['buttons'];
const campaign = z.object({ id: Id });
const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody };

/** The campaign's "Chat buttons" tab; managers only. */
export async function buttonRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const base = '/api/campaigns/:id/buttons/settings';

  r.get(
    base,
    {
      config: manager,
      schema: {
        tags,
        summary: 'When the chat button shows, and the offline form’s introduction',
        params: campaign,
        response: { 200: ButtonSettings, ...errors },
      },
    },
    async (req) => buttons.buttonSettings(app, actorOf(req), req.params.id),
  );

  r.put(
    base,
    {
      config: manager,
      schema: {
        tags,
        summary:
          'When the chat button shows (always, agents logged in, or logged in and available) and the offline form’s introduction',
        params: campaign,
        body: ButtonSettings,
        response: { 200: ButtonSettings, ...errors },
      },
    },
    async (req) => buttons.saveButtonSettings(app, actorOf(req), req.params.id, req.body),
  );
}
