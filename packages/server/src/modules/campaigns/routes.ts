import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { CampaignSummaryList } from '@livechat/protocol';
import { actorOf } from '../../http/context.js';
import { assertManager } from '../auth/index.js';

export async function campaignRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/campaigns',
    {
      config: { access: 'manager' },
      schema: { tags: ['campaigns'], response: { 200: CampaignSummaryList } },
    },
    async (req) => {
      const actor = actorOf(req);
      assertManager(actor);
      const rows = await app.db
        .selectFrom('campaigns')
        .select(['id', 'title', 'enabled'])
        .where('account_id', '=', actor.accountId)
        .orderBy('title')
        .execute();
      return { items: rows };
    },
  );
}
