import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { BeaconRequest, BeaconResponse, ErrorBody, ErrorCode } from '@parley/protocol';
import { AppError, forbidden, invalid, notFound } from '../../errors.js';
import { originAllowed, ownOrigins } from '../../http/origin.js';
import { reachGoalsOnPage } from '../goals/index.js';
import { beaconPageView, countryFrom, handInviteGreeting, Heartbeats } from '../visitors/index.js';
import type { SiteConfigs } from './site-config.js';

/** A beacon is a page's address, title and referrer at most: 2,000 + 500 + 2,000 characters, escaped. */
const BEACON_MAX_BYTES = 32 * 1024;

const NO_COUNTERS = {
  'x-ratelimit-limit': false,
  'x-ratelimit-remaining': false,
  'x-ratelimit-reset': false,
};
/**
 * Every page view pays for the answers of the widget's config and this beacon (the 5 KB budget on the wire): no
 * rate-limit counters in their headers; a refusal still says when to come back.
 */
export const QUIET_LIMIT_HEADERS = {
  addHeadersOnExceeding: NO_COUNTERS,
  addHeaders: { ...NO_COUNTERS, 'retry-after': true },
};

/**
 * TLS-6: `POST /widget/beacon`, the loader's page views and heartbeats (docs/visitors.md). The body is JSON sent
 * as `text/plain` — a CORS "simple" request, so no preflight doubles the cost of every page view — or with
 * `navigator.sendBeacon` when the page is left. Limited per address and per visitor (token). A heartbeat costs
 * no SQL statement of its own (visitors/heartbeats.ts: written in batches); a page view a handful, and one bus
 * message for the agents watching the Visitors list.
 */
export async function beaconRoute(app: FastifyInstance, siteConfigs: SiteConfigs) {
  app.addContentTypeParser(
    'text/plain',
    { parseAs: 'string', bodyLimit: BEACON_MAX_BYTES },
    (_req, body, done) => {
      try {
        done(null, JSON.parse(body as string));
      } catch {
        done(Object.assign(new Error('The body is not valid JSON'), { statusCode: 400 }), undefined);
      }
    },
  );
  // Checked in the handler once the body is read (the route's own limit, per address, runs before it).
  const perVisitor = app.createRateLimit({
    max: app.config.beaconsPerVisitorPerMinute,
    timeWindow: 60_000,
    keyGenerator: (req) => `beacon:${tokenKey((req.body as { token?: unknown } | undefined)?.token)}`,
  });
  const heartbeats = new Heartbeats(app.db, app.bus, app.log);
  app.addHook('onClose', () => heartbeats.close());
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/widget/beacon',
    {
      bodyLimit: BEACON_MAX_BYTES,
      // JSON is UTF-8 by definition (RFC 8259): the charset parameter Fastify adds is 15 B of every page view.
      onSend: async (_req, reply, payload) => {
        if (String(reply.getHeader('content-type')).startsWith('application/json;'))
          reply.header('content-type', 'application/json');
        return payload;
      },
      config: {
        rateLimit: {
          max: app.config.beaconsPerIpPerMinute,
          timeWindow: 60_000,
          ...QUIET_LIMIT_HEADERS,
        },
      },
      schema: {
        tags: ['widget'],
        summary:
          'TLS-6: a page view (url, title, referrer) or a heartbeat (view, end) from the loader; JSON as text/plain',
        body: BeaconRequest,
        response: { 200: BeaconResponse, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 429: ErrorBody },
      },
    },
    async (req, reply) => {
      const b = req.body;
      // Per visitor too (a page view without a token is a new visitor: per address only).
      if (b.token) {
        const limit = await perVisitor(req);
        if (!limit.isAllowed && limit.isExceeded)
          throw new AppError(
            ErrorCode.rateLimited,
            `Too many requests. Try again in ${limit.ttlInSeconds} seconds.`,
            429,
            undefined,
            { 'retry-after': String(limit.ttlInSeconds) },
          );
      }
      const site = await siteConfigs.get(b.site);
      if (!site) throw notFound('Website');
      const own = ownOrigins(app.config.publicUrl, req.headers.host, req.protocol === 'https');
      const origin = req.headers.origin;
      if (!originAllowed(origin, own, [site.website.host]))
        throw forbidden('This page is not on the website it names');
      // The page reads the answer (the view's number, a new token, an invite). An answer to a POST is never
      // cached, so it needs no cache or Vary headers.
      if (origin) reply.header('access-control-allow-origin', origin);

      if (b.view !== undefined) {
        if (!b.token) throw invalid({ token: 'A heartbeat names the visitor (token)' });
        const hb = await heartbeats.beat(site.website.id, b.token, b.view);
        if (hb.again) return { again: true };
        // INV-6: an agent invited this visitor; shown like a Yes/No greeting, in the campaign's language.
        if (hb.invite && !b.end) return { invite: handInviteGreeting(hb.invite, site.config.texts) };
        return {};
      }
      if (b.url === undefined) throw invalid({ url: 'A page view names its page (url)' });
      const header = app.config.visitorCountryHeader;
      const viewed = await beaconPageView(
        app.db,
        {
          websiteId: site.website.id,
          accountId: site.website.account_id,
          campaignId: site.config.campaignId,
          host: site.website.host,
        },
        { token: b.token, url: b.url, title: b.title ?? '', referrer: b.referrer ?? '' },
        {
          userAgent: String(req.headers['user-agent'] ?? ''),
          ip: req.ip,
          country: header ? countryFrom(req.headers[header]) : '',
        },
      );
      heartbeats.remember(viewed.viewId, {
        token: viewed.newToken ?? b.token!,
        websiteId: site.website.id,
        visitId: viewed.visitId,
        visitorId: viewed.visitorId,
      });
      // GOL-3: goals whose moments match are reached on the page view, where it is recorded (docs/goals.md).
      if (site.config.campaignId)
        await reachGoalsOnPage(app, {
          accountId: site.website.account_id,
          campaignId: site.config.campaignId,
          visitorId: viewed.visitorId,
          visitId: viewed.visitId,
          url: b.url,
        });
      if (viewed.live)
        await app.events.emit('visitor.page_viewed', {
          accountId: site.website.account_id,
          visitor: viewed.live,
          chatId: viewed.live.chat?.id ?? null,
        });
      return { view: viewed.viewId, ...(viewed.newToken ? { token: viewed.newToken } : {}) };
    },
  );
}

/** The per-visitor limit's key: a short hash of the token (the token itself never reaches Redis or a log). */
function tokenKey(token: unknown): string {
  return createHash('sha256')
    .update(String(token ?? ''))
    .digest('base64url')
    .slice(0, 22);
}
