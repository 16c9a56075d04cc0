import { z } from 'zod';
import { TimeOperator, UrlMatch, type Criterion as CriterionShape } from './moment-match.js';

export * from './moment-match.js';

/** INV-5: the schemas of moments; the matching itself is in moment-match.ts (rules there and in docs/invites.md). */
export const URL_PATTERN_MAX = 2000;
export const CRITERION_MINUTES_MAX = 1440;
export const MOMENTS_MAX = 20;
export const CRITERIA_MAX = 20;

const urlPattern = z
  .string()
  .trim()
  .min(1, 'Enter an address or a part of one')
  .max(URL_PATTERN_MAX, 'At most 2,000 characters');
const minutes = z
  .number({ message: 'Enter a whole number' })
  .int('Whole minutes')
  .min(0, 'At least 0 minutes')
  .max(CRITERION_MINUTES_MAX, 'At most 1,440 minutes (a day)');

const pageCriterion = {
  match: z.enum(UrlMatch, { message: 'Choose exact, contains or wildcard' }),
  url: urlPattern,
};
const timeCriterion = {
  operator: z.enum(TimeOperator, { message: 'Choose >=, <= or =' }),
  minutes,
};

export const Criterion = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('current_page'), ...pageCriterion }),
    z.object({ kind: z.literal('previous_page'), ...pageCriterion }),
    z.object({ kind: z.literal('time_on_page'), ...timeCriterion }),
    z.object({ kind: z.literal('time_on_website'), ...timeCriterion }),
  ],
  { message: 'Choose a criterion' },
);
export type Criterion = z.infer<typeof Criterion>;
// The schema and the matcher's plain type describe the same values (a compile-time check both ways).
const sameShape: [CriterionShape, Criterion] = [{} as Criterion, {} as CriterionShape];
void sameShape;

export const Moment = z.object({
  name: z.string().trim().min(1, 'Enter a name').max(100, 'At most 100 characters'),
  criteria: z.array(Criterion).max(CRITERIA_MAX, 'At most 20 criteria'),
});
export type Moment = z.infer<typeof Moment>;

export const Moments = z.array(Moment).max(MOMENTS_MAX, 'At most 20 moments');
