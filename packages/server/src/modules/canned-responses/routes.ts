import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CampaignCannedForums,
  CannedForum,
  CannedForumDetail,
  CannedForumInput,
  CannedForumList,
  CannedHits,
  CannedResponse,
  CannedResponseCreate,
  CannedResponsePatch,
  CannedSearchQuery,
  CannedSuggestQuery,
  ChatCannedForums,
  ErrorBody,
  Id,
} from '@parley/protocol';
import { actorOf } from '../../http/context.js';
import * as canned from './service.js';

const manager = { access: 'manager' } as const;
const tags = ['canned-responses'];
const params = z.object({ id: Id });
const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody };

/**
 * Canned responses (TLS-2…TLS-4): the account's forums and their Q&As (managers), the forums a campaign offers
 * (managers), and the console's search and `#` suggestions for a chat (its agent; the tool must be on).
 */
export async function cannedResponseRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const forums = '/api/canned-forums';
  const forum = '/api/canned-forums/:id';
  const response = '/api/canned-responses/:id';

  r.get(
    forums,
    {
      config: manager,
      schema: {
        tags,
        summary: 'The account’s forums of canned responses, by title, with how many Q&As each has (TLS-4)',
        response: { 200: CannedForumList, ...errors },
      },
    },
    async (req) => canned.listForums(app, actorOf(req)),
  );
  r.post(
    forums,
    {
      config: manager,
      schema: {
        tags,
        summary: 'Adds a forum; its title is unique in the account, whatever its case',
        body: CannedForumInput,
        response: { 201: CannedForum, ...errors },
      },
    },
    async (req, reply) => reply.code(201).send(await canned.createForum(app, actorOf(req), req.body)),
  );
  r.get(
    forum,
    {
      config: manager,
      schema: {
        tags,
        summary:
          'A forum and its Q&As in the order they were added; one removed in the last seconds has `undoMsLeft` (TLS-3)',
        params,
        response: { 200: CannedForumDetail, ...errors },
      },
    },
    async (req) => canned.forumDetail(app, actorOf(req), req.params.id),
  );
  r.patch(
    forum,
    {
      config: manager,
      schema: {
        tags,
        summary: 'Renames the forum (the title field at the top of its page and Save)',
        params,
        body: CannedForumInput,
        response: { 200: CannedForum, ...errors },
      },
    },
    async (req) => canned.renameForum(app, actorOf(req), req.params.id, req.body),
  );
  r.delete(
    forum,
    {
      config: manager,
      schema: {
        tags,
        summary: 'Deletes the forum and its Q&As; campaigns that offered it offer it no more',
        params,
        response: { 204: z.null(), ...errors },
      },
    },
    async (req, reply) => {
      await canned.deleteForum(app, actorOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );
  r.post(
    '/api/canned-forums/:id/responses',
    {
      config: manager,
      schema: {
        tags,
        summary:
          '“Add Q&A” (TLS-2): fields may start empty; a shortkey has no spaces and is unique in the forum',
        params,
        body: CannedResponseCreate,
        response: { 201: CannedResponse, ...errors },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(
          await canned.createResponse(
            app,
            actorOf(req),
            req.params.id,
            req.body as Required<typeof req.body>,
          ),
        ),
  );
  r.patch(
    response,
    {
      config: manager,
      schema: {
        tags,
        summary: 'The autosave of a Q&A: the fields that changed, all or nothing',
        params,
        body: CannedResponsePatch,
        response: { 200: CannedResponse, 409: ErrorBody, ...errors },
      },
    },
    async (req) => canned.updateResponse(app, actorOf(req), req.params.id, req.body),
  );
  r.delete(
    response,
    {
      config: manager,
      schema: {
        tags,
        summary:
          'The trash bin (TLS-3): gone for agents at once; “Undo Removal” for 10 seconds, then final. Answers the Q&A with `undoMsLeft`',
        params,
        response: { 200: CannedResponse, ...errors },
      },
    },
    async (req) => canned.removeResponse(app, actorOf(req), req.params.id),
  );
  r.post(
    '/api/canned-responses/:id/undo-removal',
    {
      config: manager,
      schema: {
        tags,
        summary: '“Undo Removal” within the 10 seconds; after them 410 `undo_expired`',
        params,
        response: { 200: CannedResponse, 409: ErrorBody, 410: ErrorBody, ...errors },
      },
    },
    async (req) => canned.undoRemoval(app, actorOf(req), req.params.id),
  );

  const selection = '/api/campaigns/:id/tools/canned-responses';
  r.get(
    selection,
    {
      config: manager,
      schema: {
        tags,
        summary: 'Which of the account’s forums the campaign’s agents see',
        params,
        response: { 200: CampaignCannedForums, ...errors },
      },
    },
    async (req) => canned.campaignSelection(app, actorOf(req), req.params.id),
  );
  r.put(
    selection,
    {
      config: manager,
      schema: {
        tags,
        summary: 'Sets which forums the campaign’s agents see (the whole selection)',
        params,
        body: CampaignCannedForums,
        response: { 200: CampaignCannedForums, ...errors },
      },
    },
    async (req) => canned.saveCampaignSelection(app, actorOf(req), req.params.id, req.body),
  );

  r.get(
    '/api/chats/:id/canned-forums',
    {
      schema: {
        tags,
        summary:
          'Quick Response’s forum selector: the forums of the chat’s campaign (403 `tool_disabled` when the tool is off)',
        params,
        response: { 200: ChatCannedForums, ...errors },
      },
    },
    async (req) => canned.forumsOfChat(app, actorOf(req), req.params.id),
  );
  r.get(
    '/api/chats/:id/canned-responses',
    {
      schema: {
        tags,
        summary:
          'Quick Response: Q&As with every word (as a prefix) in the shortkey, question or answer, of one forum or all the chat’s',
        params,
        querystring: CannedSearchQuery,
        response: { 200: CannedHits, ...errors },
      },
    },
    async (req) => canned.searchForChat(app, actorOf(req), req.params.id, req.query),
  );
  r.get(
    '/api/chats/:id/canned-responses/suggestions',
    {
      schema: {
        tags,
        summary: '`#` in the composer: the chat’s Q&As whose shortkey starts with `prefix`, by shortkey',
        params,
        querystring: CannedSuggestQuery,
        response: { 200: CannedHits, ...errors },
      },
    },
    async (req) => canned.suggestForChat(app, actorOf(req), req.params.id, req.query),
  );
}
