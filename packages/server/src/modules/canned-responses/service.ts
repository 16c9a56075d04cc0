import {
  cannedTsQuery,
  ErrorCode,
  type CampaignCannedForums,
  type CannedForum,
  type CannedForumDetail,
  type CannedForumInput,
  type CannedHits,
  type CannedResponse,
  type CannedResponseCreate,
  type CannedResponsePatch,
  type CannedSearchQuery,
  type CannedSuggestQuery,
  type ChatCannedForums,
} from '@parley/protocol';
import type { Deps } from '../../deps.js';
import type { Db } from '../../db/database.js';
import { AppError, conflict, invalid, notFound } from '../../errors.js';
import { assertTool } from '../campaigns/index.js';
import { chatForAgentRead } from '../chats/index.js';
import { assertManager, type Actor } from '../identity/index.js';
import * as repo from './repo.js';

type DbDeps = Pick<Deps, 'db'>;

export const FORUM_TITLE_TAKEN = 'Another forum has this title';
export const SHORTKEY_TAKEN = 'Another Q&A in this forum has this shortkey';
export const UNDO_EXPIRED = 'The 10 seconds to undo this removal are over: the Q&A is deleted';
export const REMOVED_MESSAGE = 'This Q&A is removed: undo the removal to change it';
export const SHORTKEY_TAKEN_ON_UNDO =
  'Another Q&A in this forum has this shortkey now: change one of them, then undo the removal';

const isUniqueViolation = (err: unknown) =>
  typeof err === 'object' && err !== null && (err as { code?: string }).code === '23505';

// ------------------------------------------------------------------------------------------------ TLS-4 forums

export async function listForums(deps: DbDeps, actor: Actor): Promise<{ items: CannedForum[] }> {
  assertManager(actor);
  return { items: await repo.listForums(deps.db, actor.accountId) };
}

async function saveForumTitle(db: Db, actor: Actor, title: string, forumId?: string): Promise<string> {
  if (await repo.forumTitleTaken(db, actor.accountId, title, forumId))
    throw invalid({ title: FORUM_TITLE_TAKEN }, FORUM_TITLE_TAKEN);
  try {
    if (!forumId) return await repo.insertForum(db, actor.accountId, title);
    if (!(await repo.renameForum(db, actor.accountId, forumId, title))) throw notFound('Forum');
    return forumId;
  } catch (err) {
    // Two managers saving the same title at once: the unique index decides.
    if (isUniqueViolation(err)) throw invalid({ title: FORUM_TITLE_TAKEN }, FORUM_TITLE_TAKEN);
    throw err;
  }
}

export async function createForum(deps: DbDeps, actor: Actor, input: CannedForumInput): Promise<CannedForum> {
  assertManager(actor);
  const id = await saveForumTitle(deps.db, actor, input.title);
  return (await repo.findForum(deps.db, actor.accountId, id))!;
}

/** TLS-4: the title field at the top of the forum's page and its Save. */
export async function renameForum(
  deps: DbDeps,
  actor: Actor,
  forumId: string,
  input: CannedForumInput,
): Promise<CannedForum> {
  assertManager(actor);
  if (!(await repo.findForum(deps.db, actor.accountId, forumId))) throw notFound('Forum');
  await saveForumTitle(deps.db, actor, input.title, forumId);
  const forum = await repo.findForum(deps.db, actor.accountId, forumId);
  if (!forum) throw notFound('Forum');
  return forum;
}

/** Deletes the forum with its Q&As; the campaigns that offered it offer it no more. */
export async function deleteForum(deps: DbDeps, actor: Actor, forumId: string): Promise<void> {
  assertManager(actor);
  if (!(await repo.deleteForum(deps.db, actor.accountId, forumId))) throw notFound('Forum');
}

export async function forumDetail(deps: DbDeps, actor: Actor, forumId: string): Promise<CannedForumDetail> {
  assertManager(actor);
  const forum = await repo.findForum(deps.db, actor.accountId, forumId);
  if (!forum) throw notFound('Forum');
  return { forum, items: await repo.listResponses(deps.db, actor.accountId, forumId) };
}

// ------------------------------------------------------------------------------------------------ TLS-2 Q&As

async function ownResponse(db: Db, actor: Actor, id: string): Promise<CannedResponse> {
  const found = await repo.findResponse(db, actor.accountId, id);
  if (!found) throw notFound('Q&A');
  return found;
}

const keyTaken = () => invalid({ shortkey: SHORTKEY_TAKEN }, SHORTKEY_TAKEN);

/** "Add Q&A": a new Q&A at the end of the forum, its fields as given (all may be empty). */
export async function createResponse(
  deps: DbDeps,
  actor: Actor,
  forumId: string,
  input: Required<CannedResponseCreate>,
): Promise<CannedResponse> {
  assertManager(actor);
  if (!(await repo.findForum(deps.db, actor.accountId, forumId))) throw notFound('Forum');
  if (await repo.shortkeyTaken(deps.db, actor.accountId, forumId, input.shortkey)) throw keyTaken();
  let id: string;
  try {
    id = await repo.insertResponse(deps.db, actor.accountId, forumId, input);
  } catch (err) {
    if (isUniqueViolation(err)) throw keyTaken();
    throw err;
  }
  return ownResponse(deps.db, actor, id);
}

/** The autosave: the fields that changed, all or nothing. A Q&A being removed is not changed (409). */
export async function updateResponse(
  deps: DbDeps,
  actor: Actor,
  id: string,
  patch: CannedResponsePatch,
): Promise<CannedResponse> {
  assertManager(actor);
  const current = await ownResponse(deps.db, actor, id);
  if (current.undoMsLeft !== null) throw conflict(REMOVED_MESSAGE);
  if (
    patch.shortkey !== undefined &&
    (await repo.shortkeyTaken(deps.db, actor.accountId, current.forumId, patch.shortkey, id))
  )
    throw keyTaken();
  let changed: boolean;
  try {
    changed = await repo.updateResponse(deps.db, actor.accountId, id, patch);
  } catch (err) {
    if (isUniqueViolation(err)) throw keyTaken();
    throw err;
  }
  if (!changed) throw conflict(REMOVED_MESSAGE);
  return ownResponse(deps.db, actor, id);
}

/**
 * TLS-3: the trash bin. The Q&A is removed at once everywhere agents look, and for CANNED_UNDO_SECONDS the
 * forum's page lists it as removed with "Undo Removal" (a reload too: the server says so). Removing one being
 * removed changes nothing. Q&As removed for good a while ago are purged here.
 */
export async function removeResponse(deps: DbDeps, actor: Actor, id: string): Promise<CannedResponse> {
  assertManager(actor);
  await ownResponse(deps.db, actor, id);
  await repo.markRemoved(deps.db, actor.accountId, id);
  await repo.purgeRemoved(deps.db, actor.accountId);
  return ownResponse(deps.db, actor, id);
}

/** TLS-3: "Undo Removal" within the seconds; after them 410 `undo_expired` (the Q&A is gone). */
export async function undoRemoval(deps: DbDeps, actor: Actor, id: string): Promise<CannedResponse> {
  assertManager(actor);
  try {
    if (await repo.unmarkRemoved(deps.db, actor.accountId, id)) return await ownResponse(deps.db, actor, id);
  } catch (err) {
    // A Q&A added meanwhile took the shortkey: this one stays removed (and its seconds run on).
    if (isUniqueViolation(err)) throw conflict(SHORTKEY_TAKEN_ON_UNDO, { shortkey: SHORTKEY_TAKEN_ON_UNDO });
    throw err;
  }
  const found = await repo.findResponse(deps.db, actor.accountId, id);
  if (found) return found; // in use: nothing to undo
  if (await repo.removedForGood(deps.db, actor.accountId, id))
    throw new AppError(ErrorCode.undoExpired, UNDO_EXPIRED, 410);
  throw notFound('Q&A');
}

// ------------------------------------------------------------------------------------------------ per campaign

export async function campaignSelection(
  deps: DbDeps,
  actor: Actor,
  campaignId: string,
): Promise<CampaignCannedForums> {
  assertManager(actor);
  if (!(await repo.campaignExists(deps.db, actor.accountId, campaignId))) throw notFound('Campaign');
  const forums = await repo.campaignForums(deps.db, actor.accountId, campaignId);
  return { forumIds: forums.map((f) => f.id) };
}

/** Which of the account's forums the campaign's agents see; a forum not of the account is refused by field. */
export async function saveCampaignSelection(
  deps: DbDeps,
  actor: Actor,
  campaignId: string,
  input: CampaignCannedForums,
): Promise<CampaignCannedForums> {
  assertManager(actor);
  const forumIds = [...new Set(input.forumIds)];
  await deps.db.transaction().execute(async (tx) => {
    if (!(await repo.campaignExists(tx, actor.accountId, campaignId))) throw notFound('Campaign');
    const unknown = new Set(await repo.forumsNotInAccount(tx, actor.accountId, forumIds));
    if (unknown.size > 0) {
      const message = 'This forum does not exist any more';
      const fields: Record<string, string> = {};
      input.forumIds.forEach((id, i) => {
        if (unknown.has(id)) fields[`forumIds.${i}`] = message;
      });
      throw invalid(fields, 'Some forums do not exist any more: reload the page');
    }
    await repo.setCampaignForums(tx, actor.accountId, campaignId, forumIds);
  });
  return campaignSelection(deps, actor, campaignId);
}

// ------------------------------------------------------------------------------------------------ the console

/** The chat (one its agent may read) and its campaign's forums; 403 `tool_disabled` when the tool is off. */
async function chatForums(deps: DbDeps, actor: Actor, chatId: string) {
  const chat = await chatForAgentRead(deps.db, actor, chatId);
  await assertTool(deps.db, chat.account_id, chat.campaign_id, 'cannedResponses');
  const forums = chat.campaign_id
    ? await repo.campaignForums(deps.db, chat.account_id, chat.campaign_id)
    : [];
  return { chat, forums };
}

/** Quick Response's forum selector: the chat's campaign's forums. */
export async function forumsOfChat(deps: DbDeps, actor: Actor, chatId: string): Promise<ChatCannedForums> {
  return { items: (await chatForums(deps, actor, chatId)).forums };
}

/** Quick Response: by any word (prefix) of shortkey, question or answer; one of the chat's forums, or all. */
export async function searchForChat(
  deps: DbDeps,
  actor: Actor,
  chatId: string,
  query: CannedSearchQuery,
): Promise<CannedHits> {
  const { chat, forums } = await chatForums(deps, actor, chatId);
  let ids = forums.map((f) => f.id);
  if (query.forumId) {
    if (!ids.includes(query.forumId)) throw notFound('Forum');
    ids = [query.forumId];
  }
  const items = await repo.search(
    deps.db,
    chat.account_id,
    ids,
    cannedTsQuery(query.q),
    query.q.trim().replace(/^#/, ''),
    query.limit,
  );
  return { items };
}

/** `#` + the start of a shortkey in the composer: the chat's forums' Q&As whose shortkey starts with it. */
export async function suggestForChat(
  deps: DbDeps,
  actor: Actor,
  chatId: string,
  query: CannedSuggestQuery,
): Promise<CannedHits> {
  const { chat, forums } = await chatForums(deps, actor, chatId);
  const items = await repo.suggest(
    deps.db,
    chat.account_id,
    forums.map((f) => f.id),
    query.prefix,
    query.limit,
  );
  return { items };
}
