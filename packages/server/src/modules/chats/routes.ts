import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ATTACHMENT_MAX_BYTES,
  ChatDetail,
  ChatFilterOptions,
  ChatListPage,
  ChatListQuery,
  ErrorBody,
  Id,
} from '@parley/protocol';
import { actorOf } from '../../http/context.js';
import { insertFile } from '../files/index.js';
import { fileMeta, readAttachment } from './attachments.js';
import { chatForAgentWrite } from './access.js';
import { fileMessage } from './messages.js';
import { chatFilterOptions, listChats } from './list.js';
import { chatDetail } from './views.js';

const params = z.object({ id: Id });

/**
 * The Chats section's list (CHT-1…2, managers) and a chat's page (CHT-3; the console's Details panel reads it
 * too), and the console's attachments (messages themselves go over /ws/agent).
 */
export async function chatRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['chats'];
  const manager = { access: 'manager' } as const;
  r.get(
    '/api/chats',
    {
      config: manager,
      schema: {
        tags,
        summary:
          'The account’s chats in a period (dates in the account’s time zone), filtered, one page after `cursor`',
        querystring: ChatListQuery,
        response: { 200: ChatListPage, 400: ErrorBody, 403: ErrorBody },
      },
    },
    async (req) => listChats(app.db, actorOf(req), req.query),
  );
  r.get(
    '/api/chats/filter-options',
    {
      config: manager,
      schema: {
        tags,
        summary: 'What the chat filters offer: agents (deleted ones too), campaigns, success codes',
        response: { 200: ChatFilterOptions, 403: ErrorBody },
      },
    },
    async (req) => chatFilterOptions(app.db, actorOf(req)),
  );
  r.get(
    '/api/chats/:id',
    {
      schema: {
        tags,
        summary:
          'A chat: its information (agents, times, codes, rating), visitor details and whole transcript',
        params,
        response: { 200: ChatDetail, 404: ErrorBody },
      },
    },
    async (req) => chatDetail(app.db, actorOf(req), req.params.id),
  );
  r.post(
    '/api/chats/:id/files',
    {
      schema: {
        tags,
        summary: 'Send a file in a chat assigned to you (multipart field `file`, at most 10 MB)',
        params,
        consumes: ['multipart/form-data'],
        response: {
          201: z.object({ seq: z.number().int() }),
          400: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
          409: ErrorBody,
        },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const chat = await chatForAgentWrite(app.db, actor, req.params.id);
      const file = await readAttachment(
        await req.file({ limits: { fileSize: ATTACHMENT_MAX_BYTES, files: 1 } }),
      );
      const fileId = await insertFile(app.db, actor.accountId, {
        kind: 'attachment',
        contentType: file.contentType,
        name: file.filename,
        data: file.data,
      });
      const sent = await fileMessage(app, chat, { kind: 'agent', actor }, fileMeta(fileId, file));
      return reply.status(201).send({ seq: sent.seq });
    },
  );
}
