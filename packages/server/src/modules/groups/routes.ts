import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CreateGroup, ErrorBody, Group, GroupListQuery, GroupPage, Id, UpdateGroup } from '@parley/protocol';
import { actorOf } from '../../http/context.js';
import * as groups from './service.js';

const manager = { access: 'manager' } as const;
const params = z.object({ id: Id });
const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export async function groupRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['groups'];
  r.get(
    '/api/groups',
    { config: manager, schema: { tags, querystring: GroupListQuery, response: { 200: GroupPage } } },
    async (req) => groups.listGroups(app.db, actorOf(req), req.query),
  );
  r.post(
    '/api/groups',
    { config: manager, schema: { tags, body: CreateGroup, response: { 201: Group, ...errors } } },
    async (req, reply) => reply.status(201).send(await groups.createGroup(app.db, actorOf(req), req.body)),
  );
  r.get(
    '/api/groups/:id',
    { config: manager, schema: { tags, params, response: { 200: Group, ...errors } } },
    async (req) => groups.getGroup(app.db, actorOf(req), req.params.id),
  );
  r.patch(
    '/api/groups/:id',
    { config: manager, schema: { tags, params, body: UpdateGroup, response: { 200: Group, ...errors } } },
    async (req) => groups.updateGroup(app.db, actorOf(req), req.params.id, req.body),
  );
  r.delete(
    '/api/groups/:id',
    { config: manager, schema: { tags, params, response: { 204: z.null(), ...errors } } },
    async (req, reply) => {
      await groups.deleteGroup(app.db, actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
}
