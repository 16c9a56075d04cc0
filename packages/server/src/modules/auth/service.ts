import type { Account, Me } from '@livechat/protocol';
import { ErrorCode } from '@livechat/protocol';
import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import { AppError } from '../../errors.js';
import { findAccount } from '../accounts/index.js';
import { findUserByEmail, getSelf } from '../users/index.js';
import type { Actor } from './actor.js';
import { isIpAllowed } from './ip-allowlist.js';
import { afterFailure, secondsLocked } from './lockout.js';
import { clearFailures, readFailures, writeFailures } from './login-failures.js';
import { burnPasswordCheck, verifyPassword } from './password.js';
import { createSession, deleteSession } from './sessions.js';

const wrongCredentials = () => new AppError(ErrorCode.invalidCredentials, 'Wrong email or password', 401);

export const ipNotAllowed = (ip: string) =>
  new AppError(ErrorCode.ipNotAllowed, `Access from your address (${ip}) is not allowed for this user`, 403);

export const tooManyAttempts = (seconds: number) =>
  new AppError(
    ErrorCode.rateLimited,
    `Too many sign-in attempts. Try again in ${seconds} seconds.`,
    429,
    undefined,
    { 'retry-after': String(seconds) },
  );

/**
 * Sign-in (AUTH-1). An unknown email and a wrong password get the same answer after the same work; failures
 * per address lock it with back-off; the user's IP allow list applies before a session exists (AUTH-4).
 */
export async function login(
  db: Db,
  config: Config,
  input: { email: string; password: string; ip: string; userAgent: string },
): Promise<{ token: string; me: Me }> {
  const email = input.email.trim().toLowerCase();
  const now = new Date();
  const failures = await readFailures(db, email);
  const locked = secondsLocked(failures, now);
  if (locked > 0) throw tooManyAttempts(locked);

  const user = await findUserByEmail(db, email);
  const ok = user && !user.deleted_at ? await verifyPassword(user.password_hash, input.password) : false;
  if (!user || user.deleted_at || !ok) {
    if (!user || user.deleted_at) await burnPasswordCheck(input.password);
    const next = afterFailure(failures, now, {
      maxFailures: config.loginRatePerEmail,
      windowSeconds: config.loginRateWindowSeconds,
      maxLockSeconds: 24 * 3600,
    });
    await writeFailures(db, email, next);
    throw wrongCredentials();
  }
  if (!isIpAllowed(user.ip_allowlist, input.ip)) throw ipNotAllowed(input.ip);
  if (failures) await clearFailures(db, email);

  const session = await createSession(db, user, {
    ip: input.ip,
    userAgent: input.userAgent,
    ttlHours: config.sessionTtlHours,
  });
  const actor: Actor = {
    userId: user.id,
    accountId: user.account_id,
    rights: user.rights,
    sessionId: session.sessionId,
    csrfToken: session.csrfToken,
    ip: input.ip,
  };
  return { token: session.token, me: await me(db, actor) };
}

export async function logout(db: Db, actor: Actor): Promise<void> {
  await deleteSession(db, actor.sessionId);
}

export async function me(db: Db, actor: Actor): Promise<Me> {
  const account = await findAccount(db, actor.accountId);
  if (!account) throw new AppError(ErrorCode.unauthenticated, 'Please sign in', 401);
  const accountDto: Account = { id: account.id, name: account.name, timeZone: account.time_zone };
  return { user: await getSelf(db, actor), account: accountDto, csrfToken: actor.csrfToken };
}
