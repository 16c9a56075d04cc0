import { sql } from 'kysely';
import type { SuccessCode } from '@parley/protocol';
import type { Db } from '../../db/database.js';
import type { CampaignRow } from '../../db/schema.js';

// The Goals tab's SQL: success codes (GOL-1, tables of migration 005, options on campaigns) and the survey's
// settings (GOL-2, columns on campaigns, migration 015). Every statement names the account.

export type CodeOptions = Pick<CampaignRow, 'success_codes_multiple' | 'success_codes_required'>;

export async function findCodeOptions(
  db: Db,
  accountId: string,
  campaignId: string,
): Promise<CodeOptions | undefined> {
  return db
    .selectFrom('campaigns')
    .select(['success_codes_multiple', 'success_codes_required'])
    .where('account_id', '=', accountId)
    .where('id', '=', campaignId)
    .executeTakeFirst();
}

/** The campaign's codes, in the list's order (deleted ones left out). */
export async function listCodes(db: Db, accountId: string, campaignId: string): Promise<SuccessCode[]> {
  return db
    .selectFrom('success_codes')
    .select(['id', 'name'])
    .where('account_id', '=', accountId)
    .where('campaign_id', '=', campaignId)
    .where('deleted_at', 'is', null)
    .orderBy('position')
    .orderBy('id')
    .execute();
}

/** Locks the campaign's row: one save of its list at a time. */
export async function lockCampaign(db: Db, accountId: string, campaignId: string): Promise<boolean> {
  const row = await db
    .selectFrom('campaigns')
    .select('id')
    .where('account_id', '=', accountId)
    .where('id', '=', campaignId)
    .forUpdate()
    .executeTakeFirst();
  return !!row;
}

export async function writeCodeOptions(
  tx: Db,
  accountId: string,
  campaignId: string,
  o: { allowMultiple: boolean; required: boolean },
): Promise<void> {
  await tx
    .updateTable('campaigns')
    .set({
      success_codes_multiple: o.allowMultiple,
      success_codes_required: o.required,
      updated_at: new Date(),
    })
    .where('account_id', '=', accountId)
    .where('id', '=', campaignId)
    .execute();
}

/**
 * Replaces the campaign's list (inside the saving transaction, the campaign locked): codes left out are deleted
 * (chats keep them), kept ones renamed and moved, new ones added. Names are first set aside (to their ids) so
 * that two codes may swap names without meeting in the unique index.
 */
export async function replaceCodes(
  tx: Db,
  accountId: string,
  campaignId: string,
  codes: { id?: string | undefined; name: string }[],
): Promise<void> {
  const keep = codes.flatMap((c) => (c.id ? [c.id] : []));
  let gone = tx
    .updateTable('success_codes')
    .set({ deleted_at: new Date() })
    .where('account_id', '=', accountId)
    .where('campaign_id', '=', campaignId)
    .where('deleted_at', 'is', null);
  if (keep.length) gone = gone.where('id', 'not in', keep);
  await gone.execute();
  if (keep.length)
    await tx
      .updateTable('success_codes')
      .set({ name: sql<string>`id::text` })
      .where('account_id', '=', accountId)
      .where('campaign_id', '=', campaignId)
      .where('id', 'in', keep)
      .execute();
  for (const [position, c] of codes.entries()) {
    if (c.id)
      await tx
        .updateTable('success_codes')
        .set({ name: c.name, position })
        .where('account_id', '=', accountId)
        .where('campaign_id', '=', campaignId)
        .where('id', '=', c.id)
        .execute();
    else
      await tx
        .insertInto('success_codes')
        .values({ account_id: accountId, campaign_id: campaignId, name: c.name, position })
        .execute();
  }
}

/**
 * CMP-1 "duplicate": the campaign's codes, in the list's order, copied to another campaign of the same account
 * (new ids; deleted codes stay with the chats that have them). Inside the caller's transaction; the two options
 * and the survey are columns of the campaign, copied with it.
 */
export async function copySuccessCodes(
  db: Db,
  accountId: string,
  fromCampaignId: string,
  toCampaignId: string,
): Promise<void> {
  const rows = await db
    .selectFrom('success_codes')
    .select(['name', 'position'])
    .where('account_id', '=', accountId)
    .where('campaign_id', '=', fromCampaignId)
    .where('deleted_at', 'is', null)
    .orderBy('position')
    .orderBy('id')
    .execute();
  if (rows.length === 0) return;
  await db
    .insertInto('success_codes')
    .values(rows.map((r) => ({ account_id: accountId, campaign_id: toCampaignId, ...r })))
    .execute();
}

/** Of `ids`, those that are not codes in the campaign's list now. */
export async function codesNotInList(
  db: Db,
  accountId: string,
  campaignId: string,
  ids: string[],
): Promise<string[]> {
  if (ids.length === 0) return [];
  const found = await db
    .selectFrom('success_codes')
    .select('id')
    .where('account_id', '=', accountId)
    .where('campaign_id', '=', campaignId)
    .where('deleted_at', 'is', null)
    .where('id', 'in', ids)
    .execute();
  const known = new Set(found.map((r) => r.id));
  return ids.filter((id) => !known.has(id));
}

/** The codes chosen for a chat, in the list's order (deleted codes too: the chat keeps them). */
export async function chosenCodes(db: Db, accountId: string, chatId: string): Promise<SuccessCode[]> {
  return db
    .selectFrom('chat_success_codes as x')
    .innerJoin('success_codes as s', 's.id', 'x.code_id')
    .select(['s.id', 's.name'])
    .where('x.account_id', '=', accountId)
    .where('x.chat_id', '=', chatId)
    .orderBy('s.position')
    .orderBy('s.id')
    .execute();
}

/** Makes `codeIds` the chat's codes (inside the caller's transaction, the chat locked). */
export async function setChatCodes(
  tx: Db,
  chat: { id: string; account_id: string },
  codeIds: string[],
  userId: string,
): Promise<void> {
  let gone = tx
    .deleteFrom('chat_success_codes')
    .where('account_id', '=', chat.account_id)
    .where('chat_id', '=', chat.id);
  if (codeIds.length) gone = gone.where('code_id', 'not in', codeIds);
  await gone.execute();
  if (codeIds.length)
    await tx
      .insertInto('chat_success_codes')
      .values(
        codeIds.map((code_id) => ({
          chat_id: chat.id,
          code_id,
          account_id: chat.account_id,
          chosen_by: userId,
          chosen_at: new Date(),
        })),
      )
      .onConflict((oc) => oc.columns(['chat_id', 'code_id']).doNothing())
      .execute();
}

export type SurveyColumns = Pick<
  CampaignRow,
  | 'language'
  | 'survey_enabled'
  | 'survey_scale'
  | 'survey_question'
  | 'survey_comment'
  | 'survey_comment_text'
  | 'survey_thanks'
  | 'survey_thanks_text'
>;

export async function findSurveyColumns(
  db: Db,
  accountId: string,
  campaignId: string,
): Promise<SurveyColumns | undefined> {
  return db
    .selectFrom('campaigns')
    .select([
      'language',
      'survey_enabled',
      'survey_scale',
      'survey_question',
      'survey_comment',
      'survey_comment_text',
      'survey_thanks',
      'survey_thanks_text',
    ])
    .where('account_id', '=', accountId)
    .where('id', '=', campaignId)
    .executeTakeFirst();
}

export async function writeSurveyColumns(
  db: Db,
  accountId: string,
  campaignId: string,
  s: Omit<SurveyColumns, 'language'>,
): Promise<boolean> {
  const r = await db
    .updateTable('campaigns')
    .set({ ...s, updated_at: new Date() })
    .where('account_id', '=', accountId)
    .where('id', '=', campaignId)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}
