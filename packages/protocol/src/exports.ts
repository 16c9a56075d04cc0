// Exports of the Chats section (EXP-1…8) and their token links (EXP-9). Every report is a CSV file for a period of
// calendar dates in the account's time zone; docs/exports.md describes each column.
import { z } from 'zod';
import { Id, Timestamp } from './common.js';
import { daysBetween, LocalDate, PERIOD_MAX_DAYS, PeriodQuery } from './period.js';

/** The eight reports, by the name they have in URLs and file names. */
export const ExportReport = {
  agentActivity: 'agent-activity',
  agentPerformance: 'agent-performance',
  agents: 'agents',
  conversations: 'conversations',
  automaticInvites: 'automatic-invites',
  hosts: 'hosts',
  traffic: 'traffic',
  slots: 'slots',
} as const;
export type ExportReport = (typeof ExportReport)[keyof typeof ExportReport];
export const EXPORT_REPORTS = Object.values(ExportReport);
export const ExportReportSchema = z.enum(ExportReport, { message: 'Choose one of the reports' });

/** `?from=&to=` of a signed-in download. */
export const ExportQuery = PeriodQuery;
export type ExportQuery = z.infer<typeof ExportQuery>;

// The same words as the period's own check (period.ts), so they have one translation.
const END_BEFORE_START = 'The end date is before the start date';

/** A token link's period: `from` and `to`, or `days=N` (the last N days, today included) — one or the other. */
export const ExportLinkQuery = z
  .object({
    from: LocalDate.optional(),
    to: LocalDate.optional(),
    days: z.coerce
      .number({ message: 'days must be a whole number' })
      .int('days must be a whole number')
      .min(1, 'days is at least 1')
      .max(PERIOD_MAX_DAYS, `days is at most ${PERIOD_MAX_DAYS}`)
      .optional(),
  })
  .superRefine((q, ctx) => {
    const dates = q.from !== undefined || q.to !== undefined;
    if (q.days !== undefined && dates) {
      ctx.addIssue({ code: 'custom', path: ['days'], message: 'Give either days or from and to, not both' });
    } else if (q.days === undefined && (q.from === undefined || q.to === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [q.from === undefined ? 'from' : 'to'],
        message: 'Give from and to (YYYY-MM-DD), or days',
      });
    } else if (q.from !== undefined && q.to !== undefined) {
      // Zod runs this even when a date failed its own check: compare only real dates (the failure is reported).
      if (!LocalDate.safeParse(q.from).success || !LocalDate.safeParse(q.to).success) return;
      if (q.to < q.from) ctx.addIssue({ code: 'custom', path: ['to'], message: END_BEFORE_START });
      else if (daysBetween(q.from, q.to) >= PERIOD_MAX_DAYS)
        ctx.addIssue({
          code: 'custom',
          path: ['to'],
          message: `A period covers at most ${PERIOD_MAX_DAYS} days`,
        });
    }
  });
export type ExportLinkQuery = z.infer<typeof ExportLinkQuery>;

/** A token link as listed: never its token, which is shown once when it is made. */
export const ExportLink = z.object({
  id: Id,
  report: ExportReportSchema,
  createdAt: Timestamp,
  lastUsedAt: Timestamp.nullable(),
});
export type ExportLink = z.infer<typeof ExportLink>;
export const ExportLinkList = z.object({ items: z.array(ExportLink) });
export type ExportLinkList = z.infer<typeof ExportLinkList>;

/** The answer to creating a link: the only time its URL (with the token) is shown. */
export const CreatedExportLink = z.object({ id: Id, url: z.string() });
export type CreatedExportLink = z.infer<typeof CreatedExportLink>;
