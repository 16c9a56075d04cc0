import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody, HandInviteResult, LiveVisitorList } from '@parley/protocol';
import { actorOf } from '../../http/context.js';
import { inviteVisitor } from './hand-invites.js';
import { liveVisitors } from './monitoring.js';

/** TLS-6 and INV-6 for agents: the Visitors list of the console, and inviting a visitor to a chat by hand. */
export async function visitorRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['visitors'];
  r.get(
    '/api/visitors/live',
    {
      schema: {
        tags,
        summary: 'Visitors on the account’s websites now (seen in the last minute), newest visit first',
        response: { 200: LiveVisitorList },
      },
    },
    async (req) => ({
      items: await liveVisitors(app.db, actorOf(req).accountId),
      now: new Date().toISOString(),
    }),
  );
  r.post(
    '/api/visitors/:id/invite',
    {
      schema: {
        tags,
        summary:
          'INV-6: invite a visitor who is on the website to a chat with you (shown with their next heartbeat)',
        params: z.object({ id: z.uuid({ message: 'id must be a visitor id' }) }),
        response: { 201: HandInviteResult, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const { invite, live, handInvite } = await inviteVisitor(app.db, actor, req.params.id);
      await app.events.emit('visitor.changed', { accountId: actor.accountId, visitor: live, handInvite });
      return reply.status(201).send(invite);
    },
  );
}
