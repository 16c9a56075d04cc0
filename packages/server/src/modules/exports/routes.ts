import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CreatedExportLink,
  EXPORT_REPORTS,
  ErrorBody,
  ExportLinkList,
  ExportLinkQuery,
  ExportQuery,
  ExportReportSchema,
  Id,
  type ExportReport,
} from '@parley/protocol';
import { actorOf } from '../../http/context.js';
import { publicBaseUrl } from '../../http/base-url.js';
import * as exportsService from './service.js';
import type { CsvFile } from './service.js';

const manager = { access: 'manager' } as const;
const tags = ['exports'];
const csvBody = z.string().describe('CSV (RFC 4180, UTF-8 with BOM); columns in docs/exports.md');
const ReportFile = z.enum(EXPORT_REPORTS.map((r) => `${r}.csv`) as [string, ...string[]], {
  message: `Choose one of ${EXPORT_REPORTS.map((r) => `${r}.csv`).join(', ')}`,
});

function sendCsv(reply: FastifyReply, file: CsvFile) {
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${file.filename}"`)
    .header('cache-control', 'no-store')
    .send(file.body);
}

/** Signed-in exports and token links (under /api, behind the guard). */
export async function exportRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/exports/links',
    {
      config: manager,
      schema: { tags, summary: 'The token links of the account', response: { 200: ExportLinkList } },
    },
    async (req) => ({ items: await exportsService.listLinks(app.db, actorOf(req)) }),
  );
  r.get(
    '/api/exports/:file',
    {
      config: manager,
      schema: {
        tags,
        summary: 'A report as CSV for a period (dates in the account time zone), e.g. conversations.csv',
        params: z.object({ file: ReportFile }),
        querystring: ExportQuery,
        response: { 200: csvBody, 400: ErrorBody },
      },
    },
    async (req, reply) => {
      const report = req.params.file.slice(0, -'.csv'.length) as ExportReport;
      return sendCsv(reply, await exportsService.exportReport(app.db, actorOf(req), report, req.query));
    },
  );
  r.post(
    '/api/exports/:report/links',
    {
      config: manager,
      schema: {
        tags,
        summary: 'A permanent link (with a secret token) that downloads this report without signing in',
        params: z.object({ report: ExportReportSchema }),
        response: { 201: CreatedExportLink, 400: ErrorBody },
      },
    },
    async (req, reply) => {
      const { id, token } = await exportsService.createLink(app.db, actorOf(req), req.params.report);
      const url = `${publicBaseUrl(app.config, req)}/exports/t/${token}/${req.params.report}.csv`;
      return reply.status(201).send({ id, url });
    },
  );
  r.delete(
    '/api/exports/links/:id',
    {
      config: manager,
      schema: {
        tags,
        summary: 'Revoke a token link',
        params: z.object({ id: Id }),
        response: { 204: z.null(), 404: ErrorBody },
      },
    },
    async (req, reply) => {
      await exportsService.revokeLink(app.db, actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
}

/** The public download of a token link (outside /api: no session), limited per address. */
export async function exportLinkRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/exports/t/:token/:file',
    {
      config: {
        rateLimit: { max: app.config.exportLinkDownloadsPerIpPerMinute, timeWindow: 60_000 },
      },
      schema: {
        tags,
        summary: 'Download a report through a token link: ?from=&to= or ?days=N (the last N days)',
        security: [],
        params: z.object({ token: z.string().max(200), file: z.string().max(100) }),
        querystring: ExportLinkQuery,
        response: { 200: csvBody, 400: ErrorBody, 404: ErrorBody, 429: ErrorBody },
      },
    },
    async (req, reply) => {
      const { token, file } = req.params;
      // Not a report's file name: looked up all the same (it matches no link), so every refusal is one path.
      const report = file.endsWith('.csv') ? file.slice(0, -4) : `not a report: ${file}`;
      return sendCsv(reply, await exportsService.exportByToken(app.db, token, report, req.query));
    },
  );
}
