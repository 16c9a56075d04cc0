import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../db/database.js';
import type { SessionRow, UserRow } from '../../db/schema.js';
import type { Actor } from './actor.js';
import { isIpAllowed } from './ip-allowlist.js';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
const randomToken = () => randomBytes(32).toString('base64url');

/** A new session: the cookie carries the token, the database only its hash. */
export async function createSession(
  db: Db,
  user: Pick<UserRow, 'id' | 'account_id'>,
  meta: { ip: string; userAgent: string; ttlHours: number },
): Promise<{ token: string; csrfToken: string; sessionId: string }> {
  const token = randomToken();
  const csrfToken = randomToken();
  const sessionId = hashToken(token);
  await db
    .insertInto('sessions')
    .values({
      id: sessionId,
      account_id: user.account_id,
      user_id: user.id,
      csrf_token: csrfToken,
      ip: meta.ip,
      user_agent: meta.userAgent.slice(0, 500),
      expires_at: new Date(Date.now() + meta.ttlHours * 3600_000),
    })
    .execute();
  return { token, csrfToken, sessionId };
}

export type LoadedSession = { session: SessionRow; user: UserRow };

/** The live session for a cookie token with its (not deleted) user, or undefined. */
export async function loadSession(db: Db, token: string): Promise<LoadedSession | undefined> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .select([
      'sessions.id as s_id',
      'sessions.csrf_token as s_csrf',
      'sessions.created_at as s_created',
      'sessions.last_seen_at as s_seen',
      'sessions.expires_at as s_expires',
      'sessions.ip as s_ip',
      'sessions.user_agent as s_ua',
    ])
    .where('sessions.id', '=', hashToken(token))
    .where('sessions.expires_at', '>', new Date())
    .where('users.deleted_at', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  const { s_id, s_csrf, s_created, s_seen, s_expires, s_ip, s_ua, ...user } = row;
  return {
    user,
    session: {
      id: s_id,
      account_id: user.account_id,
      user_id: user.id,
      csrf_token: s_csrf,
      created_at: s_created,
      last_seen_at: s_seen,
      expires_at: s_expires,
      ip: s_ip,
      user_agent: s_ua,
    },
  };
}

/** Sliding expiry, written at most once a minute per session. */
export async function touchSession(db: Db, session: SessionRow, ttlHours: number): Promise<void> {
  if (Date.now() - new Date(session.last_seen_at).getTime() < 60_000) return;
  await db
    .updateTable('sessions')
    .set({ last_seen_at: new Date(), expires_at: new Date(Date.now() + ttlHours * 3600_000) })
    .where('id', '=', session.id)
    .execute();
}

export async function deleteSession(db: Db, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

export async function revokeUserSessions(db: Db, userId: string, exceptSessionId?: string): Promise<void> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptSessionId) q = q.where('id', '<>', exceptSessionId);
  await q.execute();
}

export async function deleteExpiredSessions(db: Db): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<', new Date()).execute();
}

/** The actor of a session token for a socket: undefined when signed out, or a refusal by IP (AUTH-4). */
export async function loadSessionActor(
  db: Db,
  token: string,
  ip: string,
): Promise<Actor | 'ip-not-allowed' | undefined> {
  const loaded = await loadSession(db, token);
  if (!loaded) return undefined;
  if (!isIpAllowed(loaded.user.ip_allowlist, ip)) return 'ip-not-allowed';
  return {
    userId: loaded.user.id,
    accountId: loaded.user.account_id,
    rights: loaded.user.rights,
    sessionId: loaded.session.id,
    csrfToken: loaded.session.csrf_token,
    ip,
  };
}
