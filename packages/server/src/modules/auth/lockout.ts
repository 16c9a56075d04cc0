/** Failed sign-ins for one email address. */
export type FailureState = { failures: number; windowStartedAt: Date; lockedUntil: Date | null };
export type LockoutPolicy = { maxFailures: number; windowSeconds: number; maxLockSeconds: number };

/** Seconds the address must still wait before another attempt, or 0. */
export function secondsLocked(state: FailureState | undefined, now: Date): number {
  if (!state?.lockedUntil) return 0;
  return Math.max(0, Math.ceil((state.lockedUntil.getTime() - now.getTime()) / 1000));
}

/**
 * The state after one more failure. Failures count within a window; from `maxFailures` on, each failure
 * locks the address, and every further failure doubles the lock (back-off), up to `maxLockSeconds`.
 */
export function afterFailure(
  state: FailureState | undefined,
  now: Date,
  policy: LockoutPolicy,
): FailureState {
  // After a lock, failures are remembered for one more window past its end, so back-off keeps growing.
  const since = state ? Math.max(state.windowStartedAt.getTime(), state.lockedUntil?.getTime() ?? 0) : 0;
  const fresh = !state || now.getTime() - since > policy.windowSeconds * 1000;
  const base = fresh ? { failures: 0, windowStartedAt: now } : state;
  const failures = base.failures + 1;
  if (failures < policy.maxFailures)
    return { failures, windowStartedAt: base.windowStartedAt, lockedUntil: null };
  const lockSeconds = Math.min(
    policy.windowSeconds * 2 ** (failures - policy.maxFailures),
    policy.maxLockSeconds,
  );
  return {
    failures,
    windowStartedAt: base.windowStartedAt,
    lockedUntil: new Date(now.getTime() + lockSeconds * 1000),
  };
}
