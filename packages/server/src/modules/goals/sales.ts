import type { z } from 'zod';
import { goalValueOf, type GoalSalesSettings, type GoalSalesSettingsInput } from '@parley/protocol';
import type { Deps } from '../../deps.js';
import { invalid, notFound } from '../../errors.js';
import { appendEvents, eventEntry } from '../chats/index.js';
import { assertManager, type Actor } from '../identity/index.js';
import * as repo from './repo.js';
import * as sales from './sales-repo.js';
import { goalsReachedOnPage, reachedValue } from './sales-rules.js';

// ------------------------------------------------------------------------------------ GOL-3…5, the settings

export async function goalSalesSettings(
  deps: Pick<Deps, 'db'>,
  actor: Actor,
  campaignId: string,
): Promise<GoalSalesSettings> {
  assertManager(actor);
  const ga4 = await sales.findGa4(deps.db, actor.accountId, campaignId);
  if (ga4 === undefined) throw notFound('Campaign');
  return { ga4, goals: await sales.listGoals(deps.db, actor.accountId, campaignId) };
}

/** Saves the goals as a whole (add, change, delete, order) and the GA4 toggle. */
export async function saveGoalSalesSettings(
  deps: Pick<Deps, 'db' | 'events'>,
  actor: Actor,
  campaignId: string,
  /** As the route's schema gives it (trimmed, defaults filled in). */
  input: z.output<typeof GoalSalesSettingsInput>,
): Promise<GoalSalesSettings> {
  assertManager(actor);
  const { goals } = input;
  await deps.db.transaction().execute(async (tx) => {
    if (!(await repo.lockCampaign(tx, actor.accountId, campaignId))) throw notFound('Campaign');
    const ids = goals.flatMap((g) => (g.id ? [g.id] : []));
    const unknown = new Set(await sales.goalsNotInList(tx, actor.accountId, campaignId, ids));
    if (unknown.size > 0) {
      const fields: Record<string, string> = {};
      goals.forEach((g, i) => {
        if (g.id && unknown.has(g.id)) fields[`goals.${i}.id`] = 'This goal is not in the list any more';
      });
      throw invalid(fields, 'Some goals are not in the list any more: reload the page');
    }
    await sales.replaceGoals(
      tx,
      actor.accountId,
      campaignId,
      goals.map((g) => ({
        id: g.id,
        title: g.title,
        moments: g.moments,
        valueKind: g.valueKind,
        value: g.valueKind === 'fixed' ? goalValueOf(g.value) : null,
      })),
    );
    await sales.writeGa4(tx, actor.accountId, campaignId, input.ga4);
  });
  await deps.events.emit('widget.settings_changed', { accountId: actor.accountId });
  return goalSalesSettings(deps, actor, campaignId);
}

// ------------------------------------------------------------------------------------ GOL-3, reaching a goal

type Reach = {
  accountId: string;
  campaignId: string;
  visitorId: string;
  visitId: string;
  url: string;
};

/**
 * Stores a goal reached in this visit (once per visit per goal: false when it was reached already), with the
 * visitor's latest chat of the visit; that chat's transcript gets a `goal_reached` event (the agents' business:
 * hidden from the visitor).
 */
async function reach(
  deps: Pick<Deps, 'db' | 'events'>,
  r: Reach,
  goal: { id: string; title: string },
  value: string | null,
): Promise<boolean> {
  const chat = await sales.chatOfVisit(deps.db, r.accountId, r.visitorId, r.visitId);
  const stored = await sales.insertGoalEvent(deps.db, {
    ...r,
    goalId: goal.id,
    chatId: chat?.id ?? null,
    value,
  });
  if (!stored || !chat) return stored;
  const events = await appendEvents(deps.db, [
    eventEntry(chat, {
      type: 'goal_reached',
      author: 'system',
      data: { goalId: goal.id, title: goal.title, value },
      afterClose: true,
    }),
  ]);
  await deps.events.emit('goal.reached', { chatId: chat.id, accountId: chat.account_id, events });
  return true;
}

/**
 * GOL-3: a page view of the chat frame's visitor (recorded by the visitor socket) reaches the goals whose moments
 * match it. Decided on the server, where the page views are recorded: the goal list stays off the loader.
 */
export async function reachGoalsOnPage(deps: Pick<Deps, 'db' | 'events'>, r: Reach): Promise<void> {
  const goals = await sales.listGoals(deps.db, r.accountId, r.campaignId);
  if (!goals.some((g) => g.moments.length > 0)) return;
  const visit = await sales.visitNowOf(deps.db, r.accountId, r.visitId);
  if (!visit) return;
  const now = {
    url: r.url,
    previousUrl: visit.previousUrl,
    secondsOnPage: 0,
    secondsOnWebsite: Math.max(0, (Date.now() - visit.startedAt.getTime()) / 1000),
  };
  for (const g of goalsReachedOnPage(goals, now)) {
    const v = reachedValue(g, undefined);
    await reach(deps, r, g, v.ok ? v.value : null);
  }
}

/**
 * GOL-4: `parley('goal', 'Title', value)` on a page of the campaign's site. The visitor is the token's (within the
 * site's account) and the visit their current one on this site; without either nothing is stored (not found).
 */
export async function reachGoalBySnippet(
  deps: Pick<Deps, 'db' | 'events'>,
  r: Omit<Reach, 'visitId'> & { websiteId: string; visitId: string | null; title: string; value: unknown },
): Promise<'reached' | 'again'> {
  const goal = await sales.findGoalByTitle(deps.db, r.accountId, r.campaignId, r.title);
  if (!goal) throw notFound('Goal');
  const v = reachedValue(goal, r.value);
  if (!v.ok) throw invalid({ value: v.message }, v.message);
  if (!r.visitId) throw notFound('Visit');
  return (await reach(deps, { ...r, visitId: r.visitId }, goal, v.value)) ? 'reached' : 'again';
}
