import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  Campaign,
  CampaignList,
  CampaignSummaryList,
  CreateCampaign,
  ErrorBody,
  ErrorCode,
  Id,
  LOGO_MAX_BYTES,
  UpdateCampaign,
} from '@parley/protocol';
import { actorOf } from '../../http/context.js';
import { AppError } from '../../errors.js';
import { readUpload } from '../files/index.js';
import * as campaigns from './service.js';

const manager = { access: 'manager' } as const;
const params = z.object({ id: Id });
const listQuery = z.object({
  summary: z.enum(['true', 'false']).optional().describe('`true`: only id, title and enabled'),
});
const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const uploadErrors = { ...errors, 413: ErrorBody, 415: ErrorBody };

export type CampaignRoutesOptions = {
  /** Copied along with a duplicated campaign by modules above this one (app.ts). */
  copyAlong: readonly campaigns.CopyAlong[];
};

export async function campaignRoutes(app: FastifyInstance, opts: CampaignRoutesOptions) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['campaigns'];

  r.get(
    '/api/campaigns',
    {
      config: manager,
      schema: {
        tags,
        summary: 'All campaigns by title; `?summary=true` for the short form used by filters',
        querystring: listQuery,
        response: { 200: z.union([CampaignList, CampaignSummaryList]), 403: ErrorBody },
      },
    },
    async (req) =>
      req.query.summary === 'true'
        ? campaigns.listCampaignSummaries(app.db, actorOf(req))
        : campaigns.listCampaigns(app.db, actorOf(req)),
  );

  r.post(
    '/api/campaigns',
    {
      config: manager,
      schema: {
        tags,
        summary: 'Add a campaign; everything but the title falls back to the defaults',
        body: CreateCampaign,
        response: { 201: Campaign, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await campaigns.createCampaign(app, actorOf(req), req.body)),
  );

  r.get(
    '/api/campaigns/:id',
    { config: manager, schema: { tags, params, response: { 200: Campaign, ...errors } } },
    async (req) => campaigns.getCampaign(app.db, actorOf(req), req.params.id),
  );

  r.patch(
    '/api/campaigns/:id',
    {
      config: manager,
      schema: { tags, params, body: UpdateCampaign, response: { 200: Campaign, ...errors } },
    },
    async (req) => campaigns.updateCampaign(app, actorOf(req), req.params.id, req.body),
  );

  r.delete(
    '/api/campaigns/:id',
    {
      config: manager,
      schema: {
        tags,
        summary: 'Delete a campaign; its chats stay, without a campaign',
        params,
        response: { 204: z.null(), ...errors },
      },
    },
    async (req, reply) => {
      await campaigns.deleteCampaign(app, actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/api/campaigns/:id/duplicate',
    {
      config: manager,
      schema: {
        tags,
        summary: 'Copy a campaign with its settings and websites, titled "… (copy)" and disabled',
        params,
        response: { 201: Campaign, ...errors },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await campaigns.duplicateCampaign(app, actorOf(req), req.params.id, opts.copyAlong)),
  );

  r.post(
    '/api/campaigns/:id/logo',
    {
      config: manager,
      schema: {
        tags,
        summary: 'Upload the logo (multipart field `file`: PNG, JPEG, GIF or WebP, at most 1 MB)',
        params,
        consumes: ['multipart/form-data'],
        response: { 200: Campaign, ...uploadErrors },
      },
    },
    async (req) => {
      const part = await req.file({ limits: { fileSize: LOGO_MAX_BYTES, files: 1 } });
      if (!part) {
        throw new AppError(ErrorCode.validationFailed, 'Attach a logo', 400, { file: 'Attach a logo' });
      }
      const data = await readUpload(part, LOGO_MAX_BYTES, campaigns.logoTooLarge);
      return campaigns.setLogo(app, actorOf(req), req.params.id, { data, filename: part.filename });
    },
  );

  r.delete(
    '/api/campaigns/:id/logo',
    { config: manager, schema: { tags, params, response: { 200: Campaign, ...errors } } },
    async (req) => campaigns.removeLogo(app, actorOf(req), req.params.id),
  );
}
