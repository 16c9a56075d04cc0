import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { Account, ErrorBody, UpdateAccount } from '@parley/protocol';
import { actorOf } from '../../http/context.js';
import * as accounts from './service.js';

/** The account's own settings: its time zone (every date shown, every period filter, statistic and export). */
export async function accountRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['account'];
  r.get(
    '/api/account',
    { schema: { tags, summary: 'The signed-in user’s account', response: { 200: Account } } },
    async (req) => accounts.getAccount(app.db, actorOf(req)),
  );
  r.patch(
    '/api/account',
    {
      config: { access: 'manager' },
      schema: {
        tags,
        summary:
          'Change the account’s settings: its time zone (an IANA name such as Europe/Amsterdam), whether visitors’ IP addresses are kept (TLS-6)',
        body: UpdateAccount,
        response: { 200: Account, 400: ErrorBody, 403: ErrorBody },
      },
    },
    async (req) => accounts.updateAccount(app.db, actorOf(req), req.body),
  );
}
