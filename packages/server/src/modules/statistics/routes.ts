import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ErrorBody, Statistics, StatisticsQuery } from '@parley/protocol';
import { actorOf } from '../../http/context.js';
import { accountStatistics } from './service.js';

const manager = { access: 'manager' } as const;

export async function statisticsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/statistics',
    {
      config: manager,
      schema: {
        tags: ['statistics'],
        querystring: StatisticsQuery,
        response: { 200: Statistics, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (req) => accountStatistics(app.db, actorOf(req), req.query),
  );
}
