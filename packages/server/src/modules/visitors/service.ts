import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { visitSource, type VisitorDetails, type VisitorSummary } from '@parley/protocol';
import type { Db } from '../../db/database.js';
import type { VisitorRow } from '../../db/schema.js';
import * as repo from './repo.js';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** A visitor as the socket knows them: `stored` false until there is something to keep (issue 10.9). */
export type SocketVisitor = { row: VisitorRow; stored: boolean };

/**
 * The visitor a widget token belongs to, or a new visitor with a new token. Tokens are 32 random bytes, stored
 * hashed, and valid only within the account of the website they were issued for. A new visitor is not written
 * yet: most hellos lead to nothing worth keeping, and each would otherwise leave a row (`storeVisitor` writes
 * it when a page view or a chat comes).
 */
export async function identifyVisitor(
  db: Db,
  accountId: string,
  token: string | null | undefined,
  userAgent: string,
): Promise<{ visitor: SocketVisitor; newToken?: string }> {
  if (token) {
    const visitor = await repo.findVisitorByTokenHash(db, accountId, hashToken(token));
    if (visitor) {
      await repo.touchVisitor(db, visitor.id);
      return { visitor: { row: visitor, stored: true } };
    }
  }
  const newToken = randomBytes(32).toString('base64url');
  const now = new Date();
  const row: VisitorRow = {
    id: randomUUID(),
    account_id: accountId,
    token_hash: hashToken(newToken),
    name: '',
    email: '',
    data: {},
    user_agent: userAgent.slice(0, 500),
    visits: 0,
    chats: 0,
    first_seen_at: now,
    last_seen_at: now,
  };
  return { visitor: { row, stored: false }, newToken };
}

/** Writes a visitor not stored yet, with what the page told about them meanwhile. */
export async function storeVisitor(db: Db, v: SocketVisitor): Promise<void> {
  if (v.stored) return;
  const { id, account_id, token_hash, user_agent, name, email, data } = v.row;
  await repo.insertVisitor(db, {
    id,
    account_id,
    token_hash,
    user_agent,
    name,
    email,
    data,
  });
  v.stored = true;
}

/** The visitor of a token (widget HTTP calls such as uploads), without creating one. Token hashes are unique. */
export async function visitorByTokenAnyAccount(db: Db, token: string): Promise<VisitorRow | undefined> {
  return db.selectFrom('visitors').selectAll().where('token_hash', '=', hashToken(token)).executeTakeFirst();
}

/** How a visitor is called in the console: their name, else a short stable label. */
export function visitorName(v: Pick<VisitorRow, 'id' | 'name'>): string {
  return v.name || `Visitor ${v.id.slice(0, 6).toUpperCase()}`;
}

export function toVisitorSummary(v: Pick<VisitorRow, 'id' | 'name' | 'email'>): VisitorSummary {
  return { id: v.id, name: visitorName(v), email: v.email };
}

/** The visitor's display name, or undefined when their row is gone. */
export async function findVisitorName(db: Db, visitorId: string): Promise<string | undefined> {
  const v = await repo.findVisitorNameRow(db, visitorId);
  return v && visitorName(v);
}

/** A chat of this visitor started (inside the chat's transaction). */
export async function countChatStarted(db: Db, visitorId: string): Promise<void> {
  await repo.incrementChats(db, visitorId);
}

export async function visitorDetails(
  db: Db,
  accountId: string,
  visitorId: string,
): Promise<VisitorDetails | undefined> {
  const v = await repo.findVisitor(db, accountId, visitorId);
  if (!v) return undefined;
  const pages = await repo.recentPages(db, visitorId);
  const latest = pages[0];
  const visit = await repo.latestVisit(db, visitorId);
  return {
    id: v.id,
    name: visitorName(v),
    email: v.email,
    data: v.data,
    firstSeenAt: new Date(v.first_seen_at).toISOString(),
    lastSeenAt: new Date(v.last_seen_at).toISOString(),
    visits: v.visits,
    userAgent: latest?.user_agent || v.user_agent,
    referrer: latest?.referrer ?? '',
    currentUrl: latest?.url ?? '',
    pages: pages.map((p) => ({
      url: p.url,
      title: p.title,
      at: new Date(p.viewed_at).toISOString(),
      seconds: p.last_seen_at
        ? Math.max(0, Math.round((+new Date(p.last_seen_at) - +new Date(p.viewed_at)) / 1000))
        : null,
    })),
    visit: visit
      ? {
          startedAt: new Date(visit.started_at).toISOString(),
          lastSeenAt: new Date(visit.last_seen_at).toISOString(),
          utm: visit.utm,
          source: visitSource(visit.referrer, visit.utm, visit.host ?? ''),
          browser: visit.browser,
          os: visit.os,
          device: visit.device,
          country: visit.country,
        }
      : null,
  };
}

export { currentVisitId, recordChatView, updateVisitorProfile } from './repo.js';

/**
 * TLS-1: what a WebTab's address may be filled with — the visitor's own name (empty when they gave none, not the
 * console's label), email, the site's data, and the page they are on now (their latest page view).
 */
export async function visitorTabValues(
  db: Db,
  accountId: string,
  visitorId: string,
): Promise<{ name: string; email: string; data: Record<string, string>; currentUrl: string } | undefined> {
  const v = await repo.findVisitor(db, accountId, visitorId);
  if (!v) return undefined;
  const [latest] = await repo.recentPages(db, visitorId, 1);
  return { name: v.name, email: v.email, data: v.data, currentUrl: latest?.url ?? '' };
}

/**
 * The chat frame's page (hello): the visit of the page view the loader's beacon recorded moments ago (same
 * page, within a minute), else a page view recorded here (a page whose loader sent no beacon).
 */
export async function recordPageView(db: Db, v: Parameters<typeof repo.recordPageView>[1]): Promise<string> {
  const known = await repo.visitWithRecentView(db, v.visitorId, v.websiteId, v.url, 60);
  if (known) return known;
  return (await repo.recordPageView(db, v)).visitId;
}
