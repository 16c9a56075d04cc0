// Token links of the exports (EXP-9): a permanent URL that downloads one report of one account without signing
// in. The token is 256 random bits; only its SHA-256 is stored. Every token — right, wrong, tampered, revoked,
// another report's or another account's — goes through the same steps (hash it, one indexed look-up that also
// records the use), so the answer's timing says nothing about how close a guess was.
import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { ExportLink, ExportReport } from '@parley/protocol';
import type { Db } from '../../db/database.js';

export const newToken = (): string => randomBytes(32).toString('base64url');
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export async function insertLink(
  db: Db,
  accountId: string,
  userId: string,
  report: ExportReport,
  token: string,
): Promise<string> {
  const row = await db
    .insertInto('export_links')
    .values({ account_id: accountId, created_by: userId, report, token_hash: hashToken(token) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function listLinks(db: Db, accountId: string): Promise<ExportLink[]> {
  const rows = await db
    .selectFrom('export_links')
    .select(['id', 'report', 'created_at', 'last_used_at'])
    .where('account_id', '=', accountId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    report: r.report as ExportReport,
    createdAt: new Date(r.created_at).toISOString(),
    lastUsedAt: r.last_used_at ? new Date(r.last_used_at).toISOString() : null,
  }));
}

/** Revokes (deletes) a link of the account; false when the account has no such link. */
export async function deleteLink(db: Db, accountId: string, id: string): Promise<boolean> {
  const res = await db
    .deleteFrom('export_links')
    .where('id', '=', id)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}

/** The account a token opens `report` of, recording the use; undefined for any token that does not. */
export async function useLink(
  db: Db,
  token: string,
  report: string,
): Promise<{ accountId: string; timeZone: string } | undefined> {
  const { rows } = await sql<{ account_id: string; time_zone: string }>`
    update export_links l set last_used_at = now()
    from accounts a
    where l.token_hash = ${hashToken(token)} and l.report = ${report} and a.id = l.account_id
    returning l.account_id, a.time_zone`.execute(db);
  const row = rows[0];
  return row ? { accountId: row.account_id, timeZone: row.time_zone } : undefined;
}
