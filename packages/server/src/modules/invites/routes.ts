import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ErrorBody,
  Id,
  Invite,
  InviteAvailabilityInput,
  InviteEnabled,
  InviteInput,
  InviteList,
  InviteOrder,
} from '@parley/protocol';
import { actorOf } from '../../http/context.js';
import * as invites from './service.js';

const manager = { access: 'manager' } as const;
const tags = ['invites'];
const campaign = z.object({ id: Id });
const greeting = z.object({ id: Id, inviteId: Id });
const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody };

/** The campaign's "Automatic Invites" tab; managers only. */
export async function inviteRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const base = '/api/campaigns/:id/invites';
  /** The widget shows the campaign's enabled greetings (INV-3/INV-4): an edit reaches its config at once. */
  const changed = async <T>(accountId: string, result: T): Promise<T> => {
    await app.events.emit('widget.settings_changed', { accountId });
    return result;
  };

  r.get(
    base,
    {
      config: manager,
      schema: {
        tags,
        summary: 'When greetings may show, and the greetings in the list’s order',
        params: campaign,
        response: { 200: InviteList, ...errors },
      },
    },
    async (req) => invites.listInvites(app.db, actorOf(req), req.params.id),
  );

  r.put(
    `${base}/availability`,
    {
      config: manager,
      schema: {
        tags,
        summary: 'When greetings may show: always, when agents are logged in, or logged in and available',
        params: campaign,
        body: InviteAvailabilityInput,
        response: { 200: InviteList, ...errors },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const list = await invites.setAvailability(app.db, actor, req.params.id, req.body.availability);
      // The widget config says whether greetings may show now (greetingsAvailable): read it again.
      await app.events.emit('widget.settings_changed', { accountId: actor.accountId });
      return list;
    },
  );

  r.put(
    `${base}/order`,
    {
      config: manager,
      schema: {
        tags,
        summary: 'Put the greetings in this order (every greeting of the campaign once)',
        params: campaign,
        body: InviteOrder,
        response: { 200: InviteList, ...errors },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      return changed(
        actor.accountId,
        await invites.reorderInvites(app.db, actor, req.params.id, req.body.ids),
      );
    },
  );

  r.post(
    base,
    {
      config: manager,
      schema: {
        tags,
        summary: 'Add a Yes/No or Chatwindow greeting at the end of the list',
        params: campaign,
        body: InviteInput,
        response: { 201: Invite, ...errors, 409: ErrorBody },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const invite = await invites.createInvite(app.db, actor, req.params.id, req.body);
      return reply.status(201).send(await changed(actor.accountId, invite));
    },
  );

  r.get(
    `${base}/:inviteId`,
    { config: manager, schema: { tags, params: greeting, response: { 200: Invite, ...errors } } },
    async (req) => invites.getInvite(app.db, actorOf(req), req.params.id, req.params.inviteId),
  );

  r.put(
    `${base}/:inviteId`,
    {
      config: manager,
      schema: {
        tags,
        summary: 'Replace a greeting’s settings and moments',
        params: greeting,
        body: InviteInput,
        response: { 200: Invite, ...errors },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const p = req.params;
      return changed(actor.accountId, await invites.updateInvite(app.db, actor, p.id, p.inviteId, req.body));
    },
  );

  r.patch(
    `${base}/:inviteId`,
    {
      config: manager,
      schema: {
        tags,
        summary: 'Enable or disable a greeting',
        params: greeting,
        body: InviteEnabled,
        response: { 200: Invite, ...errors },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const p = req.params;
      const invite = await invites.setInviteEnabled(app.db, actor, p.id, p.inviteId, req.body.enabled);
      return changed(actor.accountId, invite);
    },
  );

  r.delete(
    `${base}/:inviteId`,
    {
      config: manager,
      schema: {
        tags,
        summary: 'Delete a greeting',
        params: greeting,
        response: { 204: z.null(), ...errors },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      await invites.deleteInvite(app.db, actor, req.params.id, req.params.inviteId);
      await changed(actor.accountId, null);
      return reply.status(204).send(null);
    },
  );
}
