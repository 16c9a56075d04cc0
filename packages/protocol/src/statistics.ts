// The nine statistics of the Chats section (STA-1…9), all in one answer of GET /api/statistics. Definitions:
// docs/statistics.md.
import { z } from 'zod';
import { ChatFilter } from './chat-reports.js';

/** The query: the chat filters of CHT-1 (period in the account's time zone). */
export const StatisticsQuery = ChatFilter;
export type StatisticsQuery = ChatFilter;

const Count = z.number().int().nonnegative();
/** A percentage with one decimal, or null when there is nothing to divide by. */
const Percent = z.number().nullable();

export const Statistics = z.object({
  period: z.object({ from: z.string(), to: z.string(), timeZone: z.string() }),
  /** STA-2: chats that match the filters. */
  total: Count,
  /** STA-1: every local date of the period, zeros included. */
  perDay: z.array(z.object({ date: z.string(), chats: Count })),
  /** STA-3: the 24 local hours 0…23 of the chats' starts. */
  perHour: z.array(z.object({ hour: z.number().int(), chats: Count })),
  /** STA-4: chats per agent (the chat's agent), most first; chats nobody took are `unassigned`. */
  perAgent: z.array(
    z.object({ agentId: z.uuid(), name: z.string(), deleted: z.boolean(), chats: Count, percent: Percent }),
  ),
  unassigned: Count,
  /** STA-5: ratings 1…5 given by visitors. */
  satisfaction: z.object({
    rated: Count,
    ratedPercent: Percent,
    average: z.number().nullable(),
    ratings: z.array(z.object({ rating: z.number().int(), chats: Count, percent: Percent })),
  }),
  /** STA-6: of the chats that are not offline messages. */
  proactive: z.object({
    proactive: Count,
    reactive: Count,
    proactivePercent: Percent,
    reactivePercent: Percent,
  }),
  /** STA-7: closed chats that are not offline messages, start to close. */
  averageDuration: z.object({ chats: Count, seconds: z.number().nullable() }),
  /** STA-8: chats an agent answered, start to the first agent message. */
  averageFirstResponse: z.object({ chats: Count, seconds: z.number().nullable() }),
  /** STA-9: per success code, the chats it was chosen for, as a share of all chats matched. */
  successCodes: z.object({
    codedChats: Count,
    codedPercent: Percent,
    codes: z.array(
      z.object({
        codeId: z.uuid(),
        name: z.string(),
        campaignTitle: z.string(),
        chats: Count,
        percent: Percent,
      }),
    ),
  }),
  /**
   * GOL-3, GOL-4: the matched chats that led to a goal (a goal reached in the chat's visit after it started, once
   * per visit per goal), their share of `total` (the conversion), the goals reached, and the revenue: the sum of
   * their values, an exact decimal text (`'1304.95'`). Per goal, and per agent (the chat's agent, as in STA-4)
   * with the share of that agent's chats.
   */
  goals: z.object({
    goalChats: Count,
    conversionPercent: Percent,
    reached: Count,
    revenue: z.string(),
    perGoal: z.array(
      z.object({ goalId: z.uuid(), title: z.string(), chats: Count, reached: Count, revenue: z.string() }),
    ),
    perAgent: z.array(
      z.object({
        agentId: z.uuid(),
        name: z.string(),
        goalChats: Count,
        conversionPercent: Percent,
        revenue: z.string(),
      }),
    ),
  }),
});
export type Statistics = z.infer<typeof Statistics>;

/**
 * `part` of `whole` in percent with one decimal, rounded half away from zero (12.25 → 12.3); null when `whole`
 * is 0. Shares are rounded one by one, so a set of them can add up to 99.9 or 100.1.
 */
export function percentOf(part: number, whole: number): number | null {
  if (whole === 0) return null;
  return Math.round((part * 1000) / whole) / 10;
}
