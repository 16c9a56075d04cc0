import { withRedactedRequests } from './http/log-redaction.js';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, jsonSchemaTransform } from 'fastify-type-provider-zod';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { Redis } from 'ioredis';
import { ErrorCode, SESSION_COOKIE } from '@parley/protocol';
import type { Config } from './environment.js';
import type { Db } from './db/database.js';
import type { Bus } from './bus/index.js';
import { DomainEvents } from './events/index.js';
import { registerListeners } from './listeners.js';
import './http/context.js';
import { clientErrorHandler, frameworkErrors, installErrorHandler } from './http/error-handler.js';
import { validatorCompiler } from './http/validator.js';
import { frameSources, ownSocketSources } from './http/csp.js';
import { healthRoutes } from './http/health.js';
import { webAppRoutes } from './http/web-app.js';
import { AppError } from './errors.js';
import { cobrowseRoutes } from './modules/cobrowse/index.js';
import { authGuard, authRoutes } from './modules/auth/index.js';
import { accountRoutes } from './modules/accounts/index.js';
import { userRoutes } from './modules/users/index.js';
import { groupRoutes } from './modules/groups/index.js';
import { websiteRoutes } from './modules/websites/index.js';
import { campaignRoutes } from './modules/campaigns/index.js';
import { fileRoutes } from './modules/files/index.js';
import { chatRoutes } from './modules/chats/index.js';
import { routingRoutes } from './modules/routing/index.js';
import { inviteRoutes } from './modules/invites/index.js';
import { buttonRoutes } from './modules/buttons/index.js';
import { copyGoals, copySuccessCodes, goalRoutes } from './modules/goals/index.js';
import { copyWebTabs, toolRoutes } from './modules/tools/index.js';
import { statisticsRoutes } from './modules/statistics/index.js';
import { widgetRoutes } from './modules/widget/index.js';
import { exportLinkRoutes, exportRoutes } from './modules/exports/index.js';
import { followUpPublicRoutes, followUpRoutes } from './modules/follow-ups/index.js';
import { visitorRoutes } from './modules/visitors/index.js';
import { cannedResponseRoutes, copyCannedForums } from './modules/canned-responses/index.js';
import { realtimeGateway } from './realtime/index.js';

export type AppDeps = {
  config: Config;
  db: Db;
  bus: Bus;
  /** Shared rate-limit counters across instances when Redis is configured. */
  redis?: Redis | undefined;
  logger?: boolean | object;
  /** Names this process in agent connection rows. */
  instanceId?: string;
};

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config } = deps;
  const app = Fastify({
    logger: withRedactedRequests(deps.logger ?? { level: config.logLevel }),
    // A number of hops as proxy-addr counts them (Fastify's types leave the number form out).
    trustProxy:
      typeof config.trustProxy === 'number'
        ? (
            (hops: number) => (_address: string, hop: number) =>
              hop < hops
          )(config.trustProxy)
        : config.trustProxy,
    bodyLimit: 1024 * 1024,
    frameworkErrors,
    clientErrorHandler,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('config', config);
  app.decorate('db', deps.db);
  app.decorate('bus', deps.bus);
  const events = new DomainEvents(app.log);
  app.decorate('events', events);
  registerListeners({ db: deps.db, bus: deps.bus, config, events });
  app.decorateRequest('actor', null);
  app.decorateRequest('clientKey', '');
  installErrorHandler(app);

  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: [
          "'self'",
          // Our own socket origin only (helmet calls this per response with the raw request).
          (req) => ownSocketSources(config.publicUrl, req.headers.host).join(' '),
        ],
        // WebTabs (TLS-1) frame other sites in the console's Details panel.
        frameSrc: frameSources(config.publicUrl),
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
    hsts: config.publicUrl?.startsWith('https://') ?? false,
  });
  await app.register(rateLimit, {
    global: false,
    ...(deps.redis ? { redis: deps.redis, nameSpace: `${config.redisPrefix}rl:` } : {}),
    // Redis away: requests go through unlimited rather than fail (sign-in limits live in the database).
    skipOnError: true,
    errorResponseBuilder: (_req, ctx) =>
      new AppError(
        ErrorCode.rateLimited,
        `Too many requests. Try again in ${Math.ceil(ctx.ttl / 1000)} seconds.`,
        429,
      ),
  });
  await app.register(multipart, { limits: { fileSize: 10 * 1024 * 1024, files: 1, fields: 10 } });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Parley API', version: '1.0.0', description: 'Live chat for websites' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
      },
      security: [{ session: [], csrf: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  await app.register(healthRoutes);
  await app.register(fileRoutes);
  await app.register(widgetRoutes);
  await app.register(exportLinkRoutes);
  await app.register(followUpPublicRoutes);
  await app.register(realtimeGateway, {
    deps: { db: deps.db, bus: deps.bus, config, events },
    instanceId: deps.instanceId,
    redis: deps.redis,
  });
  await app.register(async (api) => {
    // Per user, or per address without a session; the guard says which (`clientKey`) once it has looked.
    const perClient = api.rateLimit({
      max: config.apiRatePerMinute,
      timeWindow: 60_000,
      keyGenerator: (req) => `api:${req.clientKey}`,
    });
    await authGuard(api, (req, reply) => perClient.call(api, req, reply));
    await api.register(authRoutes);
    await api.register(accountRoutes);
    await api.register(userRoutes);
    await api.register(groupRoutes);
    await api.register(websiteRoutes);
    // A duplicated campaign takes its success codes, goals, WebTabs and choice of canned-response forums along
    // (GOL-1, GOL-3, TLS-1, TLS-2; one transaction).
    await api.register(campaignRoutes, {
      copyAlong: [copySuccessCodes, copyGoals, copyWebTabs, copyCannedForums],
    });
    await api.register(chatRoutes);
    await api.register(routingRoutes);
    await api.register(inviteRoutes);
    await api.register(buttonRoutes);
    await api.register(goalRoutes);
    await api.register(statisticsRoutes);
    await api.register(exportRoutes);
    await api.register(followUpRoutes);
    await api.register(visitorRoutes);
    await api.register(cobrowseRoutes);
    await api.register(toolRoutes);
    await api.register(cannedResponseRoutes);
  });
  await app.register(webAppRoutes);
  return app;
}
