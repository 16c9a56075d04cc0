import type { Account, Me } from '@parley/protocol';
import { ErrorCode } from '@parley/protocol';
import type { Config } from '../../environment.js';
import type { Db } from '../../db/database.js';
import type { Deps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { findAccount, toAccount } from '../accounts/index.js';
import { findUserByEmail, getSelf } from '../users/index.js';
import { addressKey } from '../../http/client-address.js';
import { decideSignIn, type SignInPolicies } from './lockout.js';
import {
  counterKeys,
  countFailure,
  countSuccess,
  deleteStaleCounters,
  readCounters,
} from './login-failures.js';
import {
  burnPasswordCheck,
  createSession,
  deleteSession,
  isIpAllowed,
  verifyPassword,
  type Actor,
} from '../identity/index.js';

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

const MAX_LOCK_SECONDS = 24 * 3600;
/** An address that signed in to an email within this time is "known" for it (see lockout.ts). */
const KNOWN_ADDRESS_SECONDS = 30 * 24 * 3600;

export function signInPolicies(config: Config): SignInPolicies {
  const policy = (maxFailures: number) => ({
    maxFailures,
    windowSeconds: config.loginRateWindowSeconds,
    maxLockSeconds: MAX_LOCK_SECONDS,
  });
  return {
    pair: policy(config.loginRatePerEmail),
    address: policy(config.loginRatePerIp),
    email: policy(config.loginRatePerEmailTotal),
    knownForSeconds: KNOWN_ADDRESS_SECONDS,
  };
}

/** Hourly: counters that no longer decide anything (see login-failures.ts). */
export async function deleteStaleSignInCounters(db: Db, config: Config, now = new Date()): Promise<void> {
  await deleteStaleCounters(db, now, {
    forgetFailuresAfterSeconds: MAX_LOCK_SECONDS + config.loginRateWindowSeconds,
    knownForSeconds: KNOWN_ADDRESS_SECONDS,
  });
}

/**
 * Sign-in (AUTH-1). An unknown email and a wrong password get the same answer after the same work. Failures
 * count per address + email, per address and per email (lockout.ts decides who waits); a successful sign-in
 * counts nowhere. The user's IP allow list applies before the password is looked at (AUTH-4), so from outside
 * the list the answer is the same 403 whether the password is right or wrong.
 */
export async function login(
  db: Db,
  config: Config,
  input: { email: string; password: string; ip: string; userAgent: string },
): Promise<{ token: string; me: Me }> {
  const email = input.email.trim().toLowerCase();
  const now = new Date();
  const policies = signInPolicies(config);
  const keys = counterKeys(addressKey(input.ip), email);
  const decision = decideSignIn(await readCounters(db, keys), now, policies);
  if (!decision.allowed) throw tooManyAttempts(decision.retryAfterSeconds);
  const failed = () =>
    Promise.all([
      countFailure(db, 'pair', keys.pair, now, policies.pair),
      countFailure(db, 'address', keys.address, now, policies.address),
      countFailure(db, 'email', keys.email, now, policies.email),
    ]);

  const user = await findUserByEmail(db, email);
  const live = user && !user.deleted_at ? user : undefined;
  if (live && !isIpAllowed(live.ip_allowlist, input.ip)) {
    await failed();
    throw ipNotAllowed(input.ip);
  }
  const ok = live ? await verifyPassword(live.password_hash, input.password) : false;
  if (!live || !ok) {
    if (!live) await burnPasswordCheck(input.password);
    await failed();
    throw wrongCredentials();
  }
  await countSuccess(db, keys.pair, now);

  const session = await createSession(db, live, {
    ip: input.ip,
    userAgent: input.userAgent,
    ttlHours: config.sessionTtlHours,
  });
  const actor: Actor = {
    userId: live.id,
    accountId: live.account_id,
    rights: live.rights,
    sessionId: session.sessionId,
    csrfToken: session.csrfToken,
    ip: input.ip,
  };
  return { token: session.token, me: await me(db, actor) };
}

export async function logout(deps: Pick<Deps, 'db' | 'events'>, actor: Actor): Promise<void> {
  await deleteSession(deps.db, actor.sessionId);
  // This session's console sockets close at once, on every instance (issue 10.10).
  await deps.events.emit('session.ended', { userId: actor.userId, sessionId: actor.sessionId });
}

export async function me(db: Db, actor: Actor): Promise<Me> {
  const account = await findAccount(db, actor.accountId);
  if (!account) throw new AppError(ErrorCode.unauthenticated, 'Please sign in', 401);
  const accountDto: Account = toAccount(account);
  return { user: await getSelf(db, actor), account: accountDto, csrfToken: actor.csrfToken };
}
