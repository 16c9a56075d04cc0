import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody, LoginRequest, Me, PublicConfig, SESSION_COOKIE } from '@parley/protocol';
import { actorOf } from '../../http/context.js';
import * as auth from './service.js';

export async function authRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const secure = app.config.publicUrl?.startsWith('https://') ?? false;

  r.get(
    '/api/config',
    { config: { access: 'public' }, schema: { tags: ['auth'], response: { 200: PublicConfig } } },
    async () => ({ helpUrl: app.config.helpUrl, productName: 'Parley' }),
  );

  r.post(
    '/api/auth/login',
    {
      // Failed sign-ins are counted per address and email by the service; the API's per-address request
      // limit applies as to any request without a session (successful sign-ins count only there).
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Sign in; sets the session cookie and returns the CSRF token',
        body: LoginRequest,
        response: { 200: Me, 401: ErrorBody, 403: ErrorBody, 429: ErrorBody },
      },
    },
    async (req, reply) => {
      const { token, me } = await auth.login(app.db, app.config, {
        email: req.body.email,
        password: req.body.password,
        ip: req.ip,
        userAgent: req.headers['user-agent'] ?? '',
      });
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: secure || req.protocol === 'https',
        maxAge: app.config.sessionTtlHours * 3600,
      });
      return me;
    },
  );

  r.post(
    '/api/auth/logout',
    { schema: { tags: ['auth'], response: { 204: z.null() } } },
    async (req, reply) => {
      const actor = actorOf(req);
      await auth.logout(app, actor);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  r.get('/api/me', { schema: { tags: ['auth'], response: { 200: Me } } }, async (req) =>
    auth.me(app.db, actorOf(req)),
  );
}
