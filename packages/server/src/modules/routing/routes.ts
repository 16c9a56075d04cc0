import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ErrorBody,
  Id,
  RoutingConfig,
  RoutingConfigInput,
  TransferRequest,
  TransferResult,
  TransferTargets,
} from '@parley/protocol';
import { actorOf } from '../../http/context.js';
import { readRoutingConfig, saveRoutingConfig } from './levels.js';
import { transferChat, transferTargets } from './transfers.js';

const params = z.object({ id: Id });
const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export async function routingRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/campaigns/:id/routing',
    {
      config: { access: 'manager' },
      schema: {
        tags: ['routing'],
        summary: 'The Routing tab of a campaign',
        params,
        response: { 200: RoutingConfig, ...errors },
      },
    },
    async (req) => readRoutingConfig(app.db, actorOf(req), req.params.id),
  );
  r.put(
    '/api/campaigns/:id/routing',
    {
      config: { access: 'manager' },
      schema: {
        tags: ['routing'],
        summary: 'Replace the routing levels and the forwarding level',
        params,
        body: RoutingConfigInput,
        response: { 200: RoutingConfig, ...errors },
      },
    },
    async (req) => saveRoutingConfig(app.db, actorOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/chats/:id/transfer',
    {
      schema: {
        tags: ['chats'],
        summary: 'Transfer a chat assigned to you to an agent, a group or the forwarding level',
        params,
        body: TransferRequest,
        response: { 200: TransferResult, ...errors },
      },
    },
    async (req) => transferChat(app, actorOf(req), req.params.id, req.body),
  );
  r.get(
    '/api/chats/:id/transfer-targets',
    { schema: { tags: ['chats'], params, response: { 200: TransferTargets, ...errors } } },
    async (req) => transferTargets(app.db, actorOf(req), req.params.id),
  );
}
