import { anyMomentMatches, goalValueOf, type Goal, type VisitNow } from '@parley/protocol';

/**
 * GOL-3: the goals reached by a page view. A goal with moments is reached when any of its moments matches the
 * page view (the greetings' matching, docs/invites.md). On a page view the time on the page is 0 s, so a
 * `time on page` criterion holds only as `<=` or `= 0`; the time on the website is the visit's age.
 * A goal without moments is reached by the page's snippet only.
 */
export function goalsReachedOnPage<G extends Pick<Goal, 'moments'>>(goals: readonly G[], now: VisitNow): G[] {
  return goals.filter((g) => g.moments.length > 0 && anyMomentMatches(g.moments, now));
}

export type ReachedValue = { ok: true; value: string | null } | { ok: false; message: string };

/**
 * GOL-4: the value a reached goal is stored with. None: no value (whatever the page gave). Fixed: the goal's
 * value. Changing: the page's value, an exact decimal (a number or a quoted text of digits); reached by a
 * moment (no value given) it is stored without a value.
 */
export function reachedValue(goal: Pick<Goal, 'valueKind' | 'value'>, given: unknown): ReachedValue {
  if (goal.valueKind === 'none') return { ok: true, value: null };
  if (goal.valueKind === 'fixed') return { ok: true, value: goalValueOf(goal.value) };
  if (given === undefined || given === '') return { ok: true, value: null };
  const value = goalValueOf(given);
  return value === null
    ? { ok: false, message: 'The value must be a number or a quoted text of digits, such as 49.95' }
    : { ok: true, value };
}
