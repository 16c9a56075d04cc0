import {
  addDays,
  daysBetween,
  percentOf,
  periodRange,
  type Statistics,
  type StatisticsQuery,
} from '@parley/protocol';
import type { Db } from '../../db/database.js';
import { findAccount } from '../accounts/index.js';
import type { Actor } from '../identity/index.js';
import {
  agentNames,
  chatBuckets,
  codeCounts,
  goalCounts,
  rollupBuckets,
  type BucketRow,
  type GoalRow,
} from './repo.js';

/** Which path answers: the rollups (period, campaign, type, status) or the chats themselves (every filter). */
export type StatisticsPath = 'rollup' | 'raw';

/** The rollups key the period, campaign, type and status; the other filters need each chat's rows. Pure. */
export function statisticsPath(q: StatisticsQuery): StatisticsPath {
  return q.agentId || q.successCodeId || q.participants ? 'raw' : 'rollup';
}

/**
 * STA-1…9 for the actor's account: the chats matching the filters (started in the period, local dates of the
 * account's time zone). From the rollups when the filters allow (repo.rollupBuckets), else counted from the chats
 * in one pass (repo.chatBuckets) and the success codes in another, run together. `path` forces one (tests).
 */
export async function accountStatistics(
  db: Db,
  actor: Actor,
  q: StatisticsQuery,
  path: StatisticsPath = statisticsPath(q),
): Promise<Statistics> {
  const account = await findAccount(db, actor.accountId);
  const timeZone = account?.time_zone ?? 'UTC';
  const { from, to, ...filters } = q;
  let buckets: BucketRow[];
  let codes: Awaited<ReturnType<typeof codeCounts>>;
  const { start, end } = periodRange(q, timeZone);
  const scope = { ...filters, accountId: actor.accountId, start, end };
  const goals = goalCounts(db, scope);
  if (path === 'rollup') {
    if (statisticsPath(q) !== 'rollup') throw new Error('These filters need the raw path');
    const { campaignId, type, status } = q;
    ({ buckets, codes } = await rollupBuckets(db, {
      accountId: actor.accountId,
      from,
      to,
      campaignId,
      type,
      status,
    }));
  } else {
    [buckets, codes] = await Promise.all([chatBuckets(db, scope, timeZone), codeCounts(db, scope)]);
  }
  const agentRows = buckets.filter((b) => b.set === 'agent' && b.agent_id);
  const names = new Map(
    (
      await agentNames(
        db,
        actor.accountId,
        agentRows.map((b) => b.agent_id!),
      )
    ).map((u) => [u.id, u]),
  );
  return summarise({ from, to, timeZone, buckets, codes, names, goals: await goals });
}

type Summary = {
  from: string;
  to: string;
  timeZone: string;
  buckets: BucketRow[];
  codes: Awaited<ReturnType<typeof codeCounts>>;
  names: Map<string, { first_name: string; last_name: string; nickname: string; deleted: boolean }>;
  goals?: GoalRow[];
};

/** `1304.9500` → `1304.95`, `40.0000` → `40`: the exact sum without the trailing zeros of numeric's scale. */
export const decimalText = (v: string) => (v.includes('.') ? v.replace(/0+$/, '').replace(/\.$/, '') : v);

/** The figures from the counted buckets: zero-filled days and hours, shares and averages. Pure. */
export function summarise(s: Summary): Statistics {
  const all = s.buckets.find((b) => b.set === 'all');
  const total = all?.chats ?? 0;
  const byDay = new Map(s.buckets.filter((b) => b.set === 'day').map((b) => [b.day!, b.chats]));
  const byHour = new Map(s.buckets.filter((b) => b.set === 'hour').map((b) => [b.hour!, b.chats]));
  const byRating = new Map(
    s.buckets.filter((b) => b.set === 'rating' && b.rating !== null).map((b) => [b.rating!, b.chats]),
  );
  const perDay = Array.from({ length: daysBetween(s.from, s.to) + 1 }, (_, i) => {
    const date = addDays(s.from, i);
    return { date, chats: byDay.get(date) ?? 0 };
  });
  const perHour = Array.from({ length: 24 }, (_, hour) => ({ hour, chats: byHour.get(hour) ?? 0 }));
  const perAgent = s.buckets
    .filter((b) => b.set === 'agent' && b.agent_id && s.names.has(b.agent_id))
    .map((b) => {
      const u = s.names.get(b.agent_id!)!;
      const name = u.nickname || `${u.first_name} ${u.last_name}`.trim();
      return {
        agentId: b.agent_id!,
        name,
        deleted: u.deleted,
        chats: b.chats,
        percent: percentOf(b.chats, total),
      };
    })
    .sort((a, b) => b.chats - a.chats || a.name.localeCompare(b.name) || a.agentId.localeCompare(b.agentId));
  const goalRows = s.goals ?? [];
  const goalsAll = goalRows.find((g) => g.set === 'all');
  const goalChats = goalsAll?.chats ?? 0;
  const goals = {
    goalChats,
    conversionPercent: percentOf(goalChats, total),
    reached: goalsAll?.reached ?? 0,
    revenue: decimalText(goalsAll?.revenue ?? '0'),
    perGoal: goalRows
      .filter((g) => g.set === 'goal' && g.key)
      .map((g) => ({
        goalId: g.key!,
        title: g.title,
        chats: g.chats,
        reached: g.reached,
        revenue: decimalText(g.revenue),
      }))
      .sort(
        (a, b) => b.chats - a.chats || a.title.localeCompare(b.title) || a.goalId.localeCompare(b.goalId),
      ),
    perAgent: perAgent.flatMap((a) => {
      const g = goalRows.find((x) => x.set === 'agent' && x.key === a.agentId);
      return g
        ? [
            {
              agentId: a.agentId,
              name: a.name,
              goalChats: g.chats,
              conversionPercent: percentOf(g.chats, a.chats),
              revenue: decimalText(g.revenue),
            },
          ]
        : [];
    }),
  };
  const unassigned = s.buckets.find((b) => b.set === 'agent' && b.agent_id === null)?.chats ?? 0;
  const ratings = [1, 2, 3, 4, 5].map((rating) => ({ rating, chats: byRating.get(rating) ?? 0 }));
  const rated = ratings.reduce((n, r) => n + r.chats, 0);
  const ratingSum = ratings.reduce((n, r) => n + r.rating * r.chats, 0);
  const proactive = all?.proactive ?? 0;
  const notOffline = all?.not_offline ?? 0;
  const closed = all?.closed_counted ?? 0;
  const answered = all?.answered ?? 0;
  return {
    period: { from: s.from, to: s.to, timeZone: s.timeZone },
    total,
    perDay,
    perHour,
    perAgent,
    unassigned,
    satisfaction: {
      rated,
      ratedPercent: percentOf(rated, total),
      average: rated ? Math.round((ratingSum / rated) * 100) / 100 : null,
      ratings: ratings.map((r) => ({ ...r, percent: percentOf(r.chats, rated) })),
    },
    proactive: {
      proactive,
      reactive: notOffline - proactive,
      proactivePercent: percentOf(proactive, notOffline),
      reactivePercent: percentOf(notOffline - proactive, notOffline),
    },
    averageDuration: { chats: closed, seconds: closed ? Number(all!.duration_sum) / closed : null },
    averageFirstResponse: {
      chats: answered,
      seconds: answered ? Number(all!.response_sum) / answered : null,
    },
    goals,
    successCodes: {
      codedChats: s.codes.coded,
      codedPercent: percentOf(s.codes.coded, total),
      codes: s.codes.codes.map((c) => ({
        codeId: c.code_id,
        name: c.name,
        campaignTitle: c.campaign_title,
        chats: c.chats,
        percent: percentOf(c.chats, total),
      })),
    },
  };
}
