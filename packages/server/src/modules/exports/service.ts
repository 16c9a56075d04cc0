// Exports (EXP-1…9): a report of the account for a period, as a CSV stream; token links to download one.
import type { Readable } from 'node:stream';
import {
  addDays,
  localDateOf,
  periodRange,
  type ExportLink,
  type ExportLinkQuery,
  type ExportReport,
  type PeriodQuery,
} from '@parley/protocol';
import type { Db } from '../../db/database.js';
import { notFound } from '../../errors.js';
import { assertManager, type Actor } from '../identity/index.js';
import { findAccount } from '../accounts/index.js';
import { csvStream, primed } from './csv.js';
import { REPORTS, type ReportScope } from './reports.js';
import * as links from './links.js';

export type CsvFile = { filename: string; body: Readable };

/** The report's file for the period in the account's time zone. */
async function reportFile(
  db: Db,
  report: ExportReport,
  accountId: string,
  timeZone: string,
  period: PeriodQuery,
  now = new Date(),
): Promise<CsvFile> {
  const { start, end } = periodRange(period, timeZone);
  const scope: ReportScope = { accountId, timeZone, ...period, start, end, now };
  const spec = REPORTS[report];
  return {
    filename: `${report}_${period.from}_${period.to}.csv`,
    body: csvStream(spec.header(timeZone), await primed(spec.rows(db, scope))),
  };
}

async function timeZoneOf(db: Db, accountId: string): Promise<string> {
  const account = await findAccount(db, accountId);
  if (!account) throw notFound('Account');
  return account.time_zone;
}

export async function exportReport(
  db: Db,
  actor: Actor,
  report: ExportReport,
  period: PeriodQuery,
): Promise<CsvFile> {
  assertManager(actor);
  return reportFile(db, report, actor.accountId, await timeZoneOf(db, actor.accountId), period);
}

/** `days=N`: the last N days in the time zone, today included; else the dates given. */
export function linkPeriod(q: ExportLinkQuery, timeZone: string, now = new Date()): PeriodQuery {
  if (q.days !== undefined) {
    const today = localDateOf(now, timeZone);
    return { from: addDays(today, 1 - q.days), to: today };
  }
  return { from: q.from!, to: q.to! };
}

/** A download through a token link: 404 for every token that does not open this report. */
export async function exportByToken(
  db: Db,
  token: string,
  report: string,
  q: ExportLinkQuery,
): Promise<CsvFile> {
  const link = await links.useLink(db, token, report);
  if (!link) throw notFound('Export link');
  return reportFile(db, report as ExportReport, link.accountId, link.timeZone, linkPeriod(q, link.timeZone));
}

export async function createLink(
  db: Db,
  actor: Actor,
  report: ExportReport,
): Promise<{ id: string; token: string }> {
  assertManager(actor);
  const token = links.newToken();
  const id = await links.insertLink(db, actor.accountId, actor.userId, report, token);
  return { id, token };
}

export async function listLinks(db: Db, actor: Actor): Promise<ExportLink[]> {
  assertManager(actor);
  return links.listLinks(db, actor.accountId);
}

export async function revokeLink(db: Db, actor: Actor, id: string): Promise<void> {
  assertManager(actor);
  if (!(await links.deleteLink(db, actor.accountId, id))) throw notFound('Export link');
}
