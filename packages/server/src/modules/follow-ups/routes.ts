import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ErrorBody,
  FailedFollowUpList,
  FollowUpPreview,
  FollowUpPreviewQuery,
  FollowUpSettings,
  FollowUpSettingsInput,
  Id,
  SmtpTestInput,
  SmtpTestResult,
} from '@parley/protocol';
import { actorOf } from '../../http/context.js';
import { notFound } from '../../errors.js';
import { publicBaseUrl } from '../../http/base-url.js';
import { escapeHtml } from './render.js';
import * as followUps from './service.js';
import { emailTexts } from './texts.js';
import { languageOf } from './compose.js';

const manager = { access: 'manager' } as const;
const tags = ['follow-ups'];
const campaign = z.object({ id: Id });
const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody };

/** The campaign's "Follow-ups" tab (FUP-1, FUP-2); managers only. */
export async function followUpRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const base = '/api/campaigns/:id/follow-ups';

  r.get(
    `${base}/settings`,
    {
      config: manager,
      schema: {
        tags,
        summary: 'The SMTP settings of the campaign’s follow-up emails (the password only as set or not)',
        params: campaign,
        response: { 200: FollowUpSettings, ...errors },
      },
    },
    async (req) => followUps.followUpSettings(app, actorOf(req), req.params.id),
  );

  r.put(
    `${base}/settings`,
    {
      config: manager,
      schema: {
        tags,
        summary:
          'Saves the SMTP settings; the password is write-only (left out: kept, null: removed) and stored encrypted',
        params: campaign,
        body: FollowUpSettingsInput,
        response: { 200: FollowUpSettings, ...errors },
      },
    },
    async (req) =>
      followUps.saveFollowUpSettings(
        app,
        actorOf(req),
        req.params.id,
        req.body,
        publicBaseUrl(app.config, req),
      ),
  );

  r.post(
    `${base}/test`,
    {
      config: manager,
      schema: {
        tags,
        summary:
          'Sends a test email with the settings as given (not saved); a failure names its reason and the server’s answer',
        params: campaign,
        body: SmtpTestInput,
        response: { 200: SmtpTestResult, ...errors },
      },
    },
    async (req) => followUps.sendTestEmail(app, actorOf(req), req.params.id, req.body),
  );

  r.get(
    `${base}/preview`,
    {
      config: manager,
      schema: {
        tags,
        summary: 'The follow-up email as visitors receive it, with a sample conversation',
        params: campaign,
        querystring: FollowUpPreviewQuery,
        response: { 200: FollowUpPreview, ...errors },
      },
    },
    async (req) =>
      followUps.followUpPreview(
        app,
        actorOf(req),
        req.params.id,
        req.query.kind,
        publicBaseUrl(app.config, req),
      ),
  );

  r.get(
    `${base}/failed`,
    {
      config: manager,
      schema: {
        tags,
        summary: 'Follow-ups that could not be sent after every attempt, with the last reason',
        params: campaign,
        response: { 200: FailedFollowUpList, ...errors },
      },
    },
    async (req) => followUps.failedFollowUps(app, actorOf(req), req.params.id),
  );

  r.post(
    `${base}/failed/:followUpId/retry`,
    {
      config: manager,
      schema: {
        tags,
        summary: 'Tries a failed follow-up again, with all its attempts',
        params: z.object({ id: Id, followUpId: Id }),
        response: { 204: z.null(), ...errors },
      },
    },
    async (req, reply) => {
      await followUps.retryFollowUp(app, actorOf(req), req.params.id, req.params.followUpId);
      return reply.status(204).send(null);
    },
  );
}

function page(p: followUps.UnsubscribePage, token: string): string {
  const t = emailTexts[languageOf(p.language)];
  return `<!doctype html>
<html lang="${escapeHtml(p.language)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(p.title)}</title>
<style>body{font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;color:#212529;max-width:32rem;margin:4rem auto;padding:0 1rem;line-height:1.5}
button{font:inherit;padding:.5rem 1rem;border-radius:6px;border:0;background:#1864ab;color:#fff;cursor:pointer}</style></head>
<body><main><h1>${escapeHtml(p.title)}</h1><p>${escapeHtml(p.body)}</p>${
    p.form
      ? `<form method="post" action="/follow-ups/unsubscribe/${encodeURIComponent(token)}"><button type="submit">${escapeHtml(t.unsubscribeButton)}</button></form>`
      : ''
  }</main></body></html>
`;
}

/** The unsubscribe link of follow-up emails: public, signed (FUP-2; RFC 8058 one-click by POST). */
export async function followUpPublicRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // A mail program's one-click unsubscribe posts `List-Unsubscribe=One-Click` as a form; the body says nothing
  // more, so it is read and ignored.
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 1024 },
    (_req, _body, done) => done(null, {}),
  );
  const params = z.object({ token: z.string().max(200) });
  // A person (a browser) gets a page; any other client an invalid link's error in the API's shape.
  const answer = (req: FastifyRequest, reply: FastifyReply, p: followUps.UnsubscribePage) => {
    if (p.status !== 200 && !(req.headers.accept ?? '').includes('text/html'))
      throw notFound('Unsubscribe link');
    return reply
      .status(p.status)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(page(p, (req.params as { token: string }).token));
  };
  const schema = { tags, params, hide: false };

  r.get(
    '/follow-ups/unsubscribe/:token',
    { schema: { ...schema, summary: 'The unsubscribe page of a follow-up email (asks first)' } },
    async (req, reply) => answer(req, reply, await followUps.unsubscribe(app, req.params.token, false)),
  );

  r.post(
    '/follow-ups/unsubscribe/:token',
    {
      schema: {
        ...schema,
        summary: 'Unsubscribes the address of a follow-up email (the button, or one-click)',
      },
    },
    async (req, reply) => answer(req, reply, await followUps.unsubscribe(app, req.params.token, true)),
  );
}
