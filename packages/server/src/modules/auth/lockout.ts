/**
 * Sign-in limits (AUTH-1, issue 10.7): failed sign-ins are counted three ways, and each count, past its limit,
 * makes further attempts wait with back-off (never a hard lock):
 * - per address + email (`pair`): one address guessing one account's password;
 * - per address (`address`): one address trying many accounts (password spraying);
 * - per email from everywhere (`email`), with a much higher limit: a guess spread over many addresses.
 * Successful sign-ins are not failures and count nowhere. An address that signed in to an email recently is
 * "known" for it: only that pair's own count can make it wait, so a stranger's failures (from another address,
 * or many) never lock the owner out of their usual address.
 */

/** One counter as stored: failures since it was last forgotten, and the times of the last failure and success. */
export type Counter = { failures: number; lastFailureAt: Date | null; lastSuccessAt: Date | null };
export type Policy = { maxFailures: number; windowSeconds: number; maxLockSeconds: number };

/** Doubling stops here (2^30 windows is beyond any maximum lock); keeps the arithmetic finite in SQL too. */
export const MAX_DOUBLINGS = 30;

/** How long a counter at `failures` makes its key wait after its last failure: 0 below the limit. */
export function lockSeconds(failures: number, policy: Policy): number {
  if (failures < policy.maxFailures) return 0;
  const doublings = Math.min(failures - policy.maxFailures, MAX_DOUBLINGS);
  return Math.min(policy.windowSeconds * 2 ** doublings, policy.maxLockSeconds);
}

/**
 * Whether a counter's failures are forgotten at `now`: a quiet window has passed since its wait ended. (A wait
 * that must end before the window starts lets back-off grow with each failure that follows a wait.)
 */
export function isForgotten(c: Counter | undefined, now: Date, policy: Policy): boolean {
  if (!c?.lastFailureAt || c.failures === 0) return true;
  const quietFrom = c.lastFailureAt.getTime() + lockSeconds(c.failures, policy) * 1000;
  return now.getTime() > quietFrom + policy.windowSeconds * 1000;
}

/** Seconds the counter's key must still wait, or 0. */
export function secondsLocked(c: Counter | undefined, now: Date, policy: Policy): number {
  if (!c?.lastFailureAt) return 0;
  const until = c.lastFailureAt.getTime() + lockSeconds(c.failures, policy) * 1000;
  return Math.max(0, Math.ceil((until - now.getTime()) / 1000));
}

/**
 * The counter after one more failure. This is the rule the atomic upsert in `login-counters.ts` carries out in
 * SQL (a test runs both side by side); kept here as the readable, tested statement of it.
 */
export function afterFailure(c: Counter | undefined, now: Date, policy: Policy): Counter {
  const failures = isForgotten(c, now, policy) ? 1 : c!.failures + 1;
  const last = c?.lastFailureAt && c.lastFailureAt > now ? c.lastFailureAt : now;
  return { failures, lastFailureAt: last, lastSuccessAt: c?.lastSuccessAt ?? null };
}

export type SignInCounters = { pair?: Counter; address?: Counter; email?: Counter };
export type SignInPolicies = {
  pair: Policy;
  address: Policy;
  email: Policy;
  /** A successful sign-in from an address makes it known for that email this long. */
  knownForSeconds: number;
};
export type SignInDecision =
  { allowed: true } | { allowed: false; retryAfterSeconds: number; limit: 'pair' | 'address' | 'email' };

/** Whether this address signed in to this email recently. */
export function isKnownAddress(pair: Counter | undefined, now: Date, knownForSeconds: number): boolean {
  const at = pair?.lastSuccessAt;
  return !!at && now.getTime() - at.getTime() <= knownForSeconds * 1000;
}

/** May a sign-in attempt go ahead (be checked) now? Otherwise the longest wait that applies. */
export function decideSignIn(c: SignInCounters, now: Date, p: SignInPolicies): SignInDecision {
  const known = isKnownAddress(c.pair, now, p.knownForSeconds);
  const waits: [number, 'pair' | 'address' | 'email'][] = [[secondsLocked(c.pair, now, p.pair), 'pair']];
  if (!known) {
    waits.push([secondsLocked(c.address, now, p.address), 'address']);
    waits.push([secondsLocked(c.email, now, p.email), 'email']);
  }
  const [seconds, limit] = waits.reduce((a, b) => (b[0] > a[0] ? b : a));
  return seconds > 0 ? { allowed: false, retryAfterSeconds: seconds, limit } : { allowed: true };
}
