import type { EmbedSnippet, Website, WebsiteList } from '@parley/protocol';
import type { Db } from '../../db/database.js';
import type { WebsiteRow } from '../../db/schema.js';
import { conflict, notFound } from '../../errors.js';
import { assertManager, type Actor } from '../identity/index.js';
import * as repo from './repo.js';
import { embedSnippet } from './snippet.js';

const toWebsite = (row: WebsiteRow): Website => ({
  id: row.id,
  host: row.host,
  createdAt: new Date(row.created_at).toISOString(),
});

export async function listWebsites(db: Db, actor: Actor): Promise<WebsiteList> {
  assertManager(actor);
  return { items: (await repo.listWebsites(db, actor.accountId)).map(toWebsite) };
}

export async function addWebsite(db: Db, actor: Actor, host: string): Promise<Website> {
  assertManager(actor);
  if (await repo.findWebsiteByHost(db, actor.accountId, host)) {
    throw conflict('This website is already added', { host: 'This website is already added' });
  }
  return toWebsite(await repo.insertWebsite(db, actor.accountId, host));
}

export async function websiteSnippet(
  db: Db,
  actor: Actor,
  id: string,
  baseUrl: string,
): Promise<EmbedSnippet> {
  assertManager(actor);
  const site = await repo.findWebsite(db, actor.accountId, id);
  if (!site) throw notFound('Website');
  return { websiteId: site.id, host: site.host, snippet: embedSnippet(baseUrl, site.id) };
}
