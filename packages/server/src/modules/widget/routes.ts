import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ATTACHMENT_MAX_BYTES,
  ErrorBody,
  ErrorCode,
  InviteEvent,
  LoaderConfig,
  VISITOR_TOKEN_HEADER,
  WidgetConfig,
  WidgetGreetings,
} from '@parley/protocol';
import { AppError, notFound } from '../../errors.js';
import { publicBaseUrl } from '../../http/base-url.js';
import { widgetDist } from '../../paths.js';
import { ownSocketSources } from '../../http/csp.js';
import { originAllowed, ownOrigins } from '../../http/origin.js';
import { chatOfVisitor, countVisitorFiles, fileMessage, fileMeta, readAttachment } from '../chats/index.js';
import { insertFile } from '../files/index.js';
import { visitorByTokenAnyAccount } from '../visitors/index.js';
import { embedSnippet, findWebsiteById } from '../websites/index.js';

import { pickEncoding, SiteConfigs, type EncodedConfig } from './site-config.js';
import { demoPage } from './demo-page.js';
import { recordGreetingEvent } from './greeting-events.js';
import { reachGoalFromPage } from './goal-events.js';
import { beaconRoute, QUIET_LIMIT_HEADERS } from './beacon.js';
import { frameAncestors } from './frame-policy.js';

const frameCsp = (socketSources: string[]) =>
  [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    ["connect-src 'self'", ...socketSources].join(' '),
    "object-src 'none'",
    "base-uri 'none'",
  ].join('; ');

/** The widget's HTTP side: loader, chat frame, per-site config, visitor uploads, and the /demo page. */
export async function widgetRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const site = z.object({ site: z.uuid({ message: 'site must be a website id' }) });
  const siteConfigs = new SiteConfigs(app.db, app.bus, app.config.widgetRefreshSeconds);
  app.addHook('onClose', () => siteConfigs.close());
  // Scripts, styles and JSON that customer pages load: a page's security headers (CSP, frame options …) mean
  // nothing on them and cost every page view half a kilobyte. The chat frame's page keeps them.
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/widget/') && route.url !== '/widget/frame.html')
      route.config = { ...route.config, helmet: { skipRoute: true } } as typeof route.config;
  });
  app.addHook('onSend', async (req, reply) => {
    if ((req.routeOptions.config as { helmet?: unknown }).helmet)
      reply.header('x-content-type-options', 'nosniff');
  });

  r.get(
    '/widget/config',
    {
      // Every page view of every site asks: per address, high enough for a busy office (issue 10.9).
      config: {
        rateLimit: {
          max: app.config.widgetConfigPerIpPerMinute,
          timeWindow: 60_000,
          ...QUIET_LIMIT_HEADERS,
        },
      },
      schema: {
        tags: ['widget'],
        summary: 'The widget settings for a website (view=loader: what the button needs; view=frame: all)',
        querystring: site.extend({ view: z.enum(['loader', 'frame']).default('loader') }),
        response: {
          200: z.union([WidgetConfig, LoaderConfig]),
          304: z.null().describe('Not modified'),
          404: ErrorBody,
          429: ErrorBody,
        },
      },
    },
    async (req, reply) => {
      const site = await siteConfigs.get(req.query.site);
      if (!site) throw notFound('Website');
      return sendEncoded(req, reply, site.website.host, site.encoded[req.query.view]);
    },
  );

  r.get(
    '/widget/greetings',
    {
      // Asked once per page view at most, and only when the campaign has greetings (INV-3/INV-4).
      config: { rateLimit: { max: app.config.widgetConfigPerIpPerMinute, timeWindow: 60_000 } },
      schema: {
        tags: ['widget'],
        summary: 'The enabled greetings of the campaign serving a website, with their moments',
        querystring: site,
        response: {
          200: WidgetGreetings,
          304: z.null().describe('Not modified'),
          404: ErrorBody,
          429: ErrorBody,
        },
      },
    },
    async (req, reply) => {
      const site = await siteConfigs.get(req.query.site);
      if (!site) throw notFound('Website');
      return sendEncoded(req, reply, site.website.host, site.greetings);
    },
  );

  /** A JSON answer serialised and compressed once (per-site cache), for the customer's pages (CORS, ETag). */
  function sendEncoded(
    req: FastifyRequest,
    reply: FastifyReply,
    siteHost: string,
    { etag, bodies }: EncodedConfig,
  ) {
    const own = ownOrigins(app.config.publicUrl, req.headers.host, req.protocol === 'https');
    const origin = req.headers.origin;
    if (origin && originAllowed(origin, own, [siteHost])) {
      reply.header('access-control-allow-origin', origin);
    }
    // Browsers may keep it briefly (a visitor clicking through pages asks once per ten seconds) and then
    // revalidate with the ETag.
    reply
      .header('vary', 'Origin, Accept-Encoding')
      .header('cache-control', 'max-age=10')
      .header('etag', etag)
      .header('cross-origin-resource-policy', 'cross-origin');
    if (req.headers['if-none-match'] === etag) return reply.status(304).send();
    const encoding = pickEncoding(req.headers['accept-encoding']);
    if (encoding !== 'identity') reply.header('content-encoding', encoding);
    // JSON is UTF-8 by definition (RFC 8259): a charset parameter would be 15 bytes for nothing.
    return reply.type('application/json').send(bodies[encoding]);
  }

  await app.register(async (scope) => beaconRoute(scope, siteConfigs));

  r.post(
    '/widget/invite-events',
    {
      // A page records a handful (shown, then accepted or declined): per address like the config.
      config: { rateLimit: { max: app.config.widgetConfigPerIpPerMinute, timeWindow: 60_000 } },
      schema: {
        tags: ['widget'],
        summary:
          'INV-10: a greeting was shown, accepted, declined, or not shown because no agent was available',
        // In the query and without a body: the page sends it without a CORS preflight (and may not read it).
        querystring: site.extend({
          invite: z.uuid(),
          event: z.enum(InviteEvent),
          url: z.string().max(2000).default(''),
          token: z.string().max(100).optional(),
        }),
        response: { 204: z.null(), 400: ErrorBody, 404: ErrorBody, 429: ErrorBody },
      },
    },
    async (req, reply) => {
      const { site: siteId, invite, event, url, token } = req.query;
      const site = await siteConfigs.get(siteId);
      const done = site && (await recordGreetingEvent(app.db, site, { invite, event, url, token }));
      if (!site || !done?.recorded) throw notFound('Greeting');
      if (done.live || done.done)
        await app.events.emit('visitor.changed', {
          accountId: site.website.account_id,
          visitor: done.live,
          handInvite: done.done,
        });
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/widget/goals',
    {
      // A page reaches a handful of goals: per address like the config.
      config: { rateLimit: { max: app.config.widgetConfigPerIpPerMinute, timeWindow: 60_000 } },
      schema: {
        tags: ['widget'],
        summary:
          "GOL-4: `parley('goal', title, value)` on a page: the goal is reached once per visit (204 also when again)",
        // In the query and without a body: the page sends it without a CORS preflight.
        querystring: site.extend({
          title: z.string().min(1).max(100),
          value: z.string().max(30).optional(),
          url: z.string().max(2000).default(''),
          token: z.string().max(100).optional(),
        }),
        response: { 204: z.null(), 400: ErrorBody, 404: ErrorBody, 429: ErrorBody },
      },
    },
    async (req, reply) => {
      const site = await siteConfigs.get(req.query.site);
      if (!site) throw notFound('Website');
      await reachGoalFromPage(app, site, req.query);
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/widget/files',
    {
      // Per address (all its visitors' chats together) and, below, per chat (issue 10.9).
      config: { rateLimit: { max: app.config.visitorUploadsPerIpPerHour, timeWindow: 3600_000 } },
      schema: {
        tags: ['widget'],
        summary: `A visitor sends a file (multipart field \`file\`, header ${VISITOR_TOKEN_HEADER})`,
        querystring: z.object({ chatId: z.uuid() }),
        response: {
          201: z.object({ seq: z.number().int() }),
          400: ErrorBody,
          401: ErrorBody,
          404: ErrorBody,
          409: ErrorBody,
          413: ErrorBody,
          415: ErrorBody,
          429: ErrorBody,
        },
      },
    },
    async (req, reply) => {
      const token = req.headers[VISITOR_TOKEN_HEADER];
      const visitor =
        typeof token === 'string' && token ? await visitorByTokenAnyAccount(app.db, token) : undefined;
      if (!visitor) throw new AppError(ErrorCode.unauthenticated, 'Unknown visitor', 401);
      const chat = await chatOfVisitor(app.db, visitor, req.query.chatId);
      // Checked before the upload is read; two uploads at the same moment may both pass the last place.
      const max = app.config.visitorUploadsPerChat;
      if ((await countVisitorFiles(app.db, chat.id)) >= max) {
        throw new AppError(ErrorCode.limitReached, `At most ${max} files can be sent in one chat`, 429);
      }
      const file = await readAttachment(
        await req.file({ limits: { fileSize: ATTACHMENT_MAX_BYTES, files: 1 } }),
      );
      const fileId = await insertFile(app.db, visitor.account_id, {
        kind: 'attachment',
        contentType: file.contentType,
        name: file.filename,
        data: file.data,
      });
      const sent = await fileMessage(app, chat, { kind: 'visitor', visitor }, fileMeta(fileId, file));
      return reply.status(201).send({ seq: sent.seq });
    },
  );

  const hasWidget = existsSync(`${widgetDist}/loader.js`);
  const frameHtml = hasWidget ? await readFile(`${widgetDist}/frame.html`) : undefined;
  if (hasWidget) {
    // The loader and the chat frame's assets, precompressed at build (br, gzip) and sent by content
    // negotiation with an ETag. The loader's name never changes, so browsers keep it five minutes and then
    // revalidate; assets have content-hashed names and are kept for good. The ETag is enough to revalidate, and
    // nobody asks for a range of a script: no `last-modified` nor `accept-ranges` (68 B of every page view); and
    // no `public` (nothing here is asked for with credentials).
    await app.register(fastifyStatic, {
      root: widgetDist,
      prefix: '/widget/',
      preCompressed: true,
      decorateReply: false,
      lastModified: false,
      acceptRanges: false,
      allowedPath: (path) =>
        /^\/(loader|greet|goal|visitor|ga4|cobrowse|share)\.js$/.test(path) || path.startsWith('/assets/'),
      cacheControl: false,
      setHeaders: (res, path) => {
        res.header(
          'cache-control',
          /(loader|greet|goal|visitor|ga4|cobrowse|share)\.js(\.br|\.gz)?$/.test(path)
            ? 'max-age=300'
            : 'public, max-age=31536000, immutable',
        );
        res.header('cross-origin-resource-policy', 'cross-origin');
      },
    });
  } else {
    app.get('/widget/loader.js', { schema: { hide: true } }, async () => {
      throw notFound('Widget (not built)');
    });
  }

  const frameQuery = site.extend({ scheme: z.enum(['http', 'https']).optional() });
  app.get('/widget/frame.html', { schema: { hide: true, querystring: frameQuery } }, async (req, reply) => {
    if (!hasWidget) throw notFound('Widget (not built)');
    const { site: siteId, scheme } = req.query as z.output<typeof frameQuery>;
    const website = await findWebsiteById(app.db, siteId);
    if (!website) throw notFound('Website');
    reply.removeHeader('x-frame-options');
    reply
      .header(
        'content-security-policy',
        `${frameCsp(ownSocketSources(app.config.publicUrl, req.headers.host))}; frame-ancestors ${frameAncestors(website.host, scheme)}`,
      )
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .header('referrer-policy', 'no-referrer');
    return frameHtml;
  });

  app.get('/demo', { schema: { hide: true } }, async (req, reply) => {
    const website = await app.db
      .selectFrom('websites')
      .innerJoin('accounts', 'accounts.id', 'websites.account_id')
      .select(['websites.id'])
      .where('websites.host', '=', 'localhost')
      .orderBy('accounts.created_at')
      .limit(1)
      .executeTakeFirst();
    if (!website) throw notFound('Demo website');
    const base = publicBaseUrl(app.config, req);
    const nonce = randomBytes(16).toString('base64');
    reply
      .header('content-type', 'text/html; charset=utf-8')
      .header(
        'content-security-policy',
        `default-src 'self'; script-src 'self' 'nonce-${nonce}'; style-src 'self' 'nonce-${nonce}'; img-src 'self' data:; frame-src 'self'; connect-src 'self'`,
      );
    return demoPage(embedSnippet(base, website.id), nonce, `${base}/login`);
  });
}
