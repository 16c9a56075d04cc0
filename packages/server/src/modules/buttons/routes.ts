import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ButtonSettings,
  ChatButton,
  ChatButtonEnabled,
  ChatButtonInput,
  ChatButtonList,
  ChatButtonOrder,
  ErrorBody,
  Id,
} from '@parley/protocol';
import { actorOf } from '../../http/context.js';
import * as buttons from './service.js';

const manager = { access: 'manager' } as const;
const tags = ['buttons'];
const campaign = z.object({ id: Id });
const oneButton = z.object({ id: Id, buttonId: Id });
const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody };

/** The campaign's "Chat buttons" tab; managers only. */
export async function buttonRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const base = '/api/campaigns/:id/buttons';
  const settings = `${base}/settings`;
  /** The loader gets the campaign's enabled buttons (INV-7…INV-9): an edit reaches its config at once. */
  const changed = async <T>(accountId: string, result: T): Promise<T> => {
    await app.events.emit('widget.settings_changed', { accountId });
    return result;
  };

  r.get(
    settings,
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
    settings,
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

  r.get(
    base,
    {
      config: manager,
      schema: {
        tags,
        summary: 'The campaign’s chat buttons in the list’s order',
        params: campaign,
        response: { 200: ChatButtonList, ...errors },
      },
    },
    async (req) => buttons.listButtons(app.db, actorOf(req), req.params.id),
  );

  r.put(
    `${base}/order`,
    {
      config: manager,
      schema: {
        tags,
        summary: 'Put the chat buttons in this order (every button of the campaign once)',
        params: campaign,
        body: ChatButtonOrder,
        response: { 200: ChatButtonList, ...errors },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const list = await buttons.reorderButtons(app.db, actor, req.params.id, req.body.ids);
      return changed(actor.accountId, list);
    },
  );

  r.post(
    base,
    {
      config: manager,
      schema: {
        tags,
        summary: 'Add a footer or custom chat button at the end of the list',
        params: campaign,
        body: ChatButtonInput,
        response: { 201: ChatButton, ...errors, 409: ErrorBody },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const button = await buttons.createButton(app.db, actor, req.params.id, req.body);
      return reply.status(201).send(await changed(actor.accountId, button));
    },
  );

  r.get(
    `${base}/:buttonId`,
    { config: manager, schema: { tags, params: oneButton, response: { 200: ChatButton, ...errors } } },
    async (req) => buttons.getButton(app.db, actorOf(req), req.params.id, req.params.buttonId),
  );

  r.put(
    `${base}/:buttonId`,
    {
      config: manager,
      schema: {
        tags,
        summary: 'Replace a chat button’s settings',
        params: oneButton,
        body: ChatButtonInput,
        response: { 200: ChatButton, ...errors },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const p = req.params;
      return changed(actor.accountId, await buttons.updateButton(app.db, actor, p.id, p.buttonId, req.body));
    },
  );

  r.patch(
    `${base}/:buttonId`,
    {
      config: manager,
      schema: {
        tags,
        summary: 'Enable or disable a chat button',
        params: oneButton,
        body: ChatButtonEnabled,
        response: { 200: ChatButton, ...errors },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const p = req.params;
      const button = await buttons.setButtonEnabled(app.db, actor, p.id, p.buttonId, req.body.enabled);
      return changed(actor.accountId, button);
    },
  );

  r.delete(
    `${base}/:buttonId`,
    {
      config: manager,
      schema: {
        tags,
        summary: 'Delete a chat button',
        params: oneButton,
        response: { 204: z.null(), ...errors },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      await buttons.deleteButton(app.db, actor, req.params.id, req.params.buttonId);
      await changed(actor.accountId, null);
      return reply.status(204).send(null);
    },
  );
}
