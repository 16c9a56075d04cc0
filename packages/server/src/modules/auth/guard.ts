import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CSRF_HEADER, ErrorCode, SESSION_COOKIE } from '@parley/protocol';
import { AppError, forbidden } from '../../errors.js';
import { addressKey } from '../../http/client-address.js';
import { isIpAllowed, loadSession, touchSession } from '../identity/index.js';
import { ipNotAllowed } from './service.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(a: string | string[] | undefined, b: string): boolean {
  if (typeof a !== 'string' || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/**
 * Every route under this scope needs a session unless its config says `access: 'public'`. The guard checks,
 * on every request: the session, the user's IP allow list (AUTH-4), the CSRF token on state-changing
 * methods (AUTH-2), and management rights for `access: 'manager'` routes (AUTH-3). Between finding the session
 * and the checks it applies the request limit: per user once the session is known, else per address — so a
 * made-up cookie on every request is counted by address like no cookie at all (issue 10.8).
 */
export async function authGuard(
  app: FastifyInstance,
  limit: (req: FastifyRequest, reply: FastifyReply) => Promise<unknown>,
) {
  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    const access = req.routeOptions.config.access ?? 'user';
    const token = access === 'public' ? undefined : req.cookies[SESSION_COOKIE];
    const loaded = token ? await loadSession(app.db, token) : undefined;
    req.clientKey = loaded ? `user:${loaded.user.id}` : `ip:${addressKey(req.ip)}`;
    await limit(req, reply);
    if (access === 'public') return;
    if (!loaded) throw new AppError(ErrorCode.unauthenticated, 'Please sign in', 401);
    const { user, session } = loaded;
    if (!isIpAllowed(user.ip_allowlist, req.ip)) throw ipNotAllowed(req.ip);
    if (!SAFE_METHODS.has(req.method) && !sameToken(req.headers[CSRF_HEADER], session.csrf_token)) {
      throw new AppError(ErrorCode.csrfFailed, 'Missing or invalid CSRF token; reload the page', 403);
    }
    req.actor = {
      userId: user.id,
      accountId: user.account_id,
      rights: user.rights,
      sessionId: session.id,
      csrfToken: session.csrf_token,
      ip: req.ip,
    };
    if (access === 'manager' && user.rights !== 'manager') throw forbidden('This needs management access');
    await touchSession(app.db, session, app.config.sessionTtlHours);
  });
}
