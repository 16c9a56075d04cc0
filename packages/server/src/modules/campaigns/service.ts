import {
  campaignDefaults,
  campaignTextsFor,
  ErrorCode,
  LOGO_MAX_BYTES,
  type Campaign,
  type CampaignList,
  type CampaignSettings,
  type CampaignSummaryList,
  type CreateCampaign,
  type UpdateCampaign,
} from '@parley/protocol';
import type { Db } from '../../db/database.js';
import type { Deps } from '../../deps.js';
import { foreignIds } from '../../db/ownership.js';
import type { CampaignRow } from '../../db/schema.js';
import { AppError, invalid, notFound } from '../../errors.js';
import { assertManager, type Actor } from '../identity/index.js';
import { addDefaultButton, copyButtons } from '../buttons/index.js';
import { deleteFile, fileUrl, insertFile, sniffImageType } from '../files/index.js';
import { copyInvites } from '../invites/index.js';
import * as repo from './repo.js';
import { pickServingCampaign } from './serving.js';

export function toCampaign(row: CampaignRow, websiteIds: string[]): Campaign {
  return {
    id: row.id,
    title: row.title,
    enabled: row.enabled,
    language: row.language as Campaign['language'],
    theme: row.theme as Campaign['theme'],
    logoUrl: row.logo_file_id ? fileUrl(row.logo_file_id) : null,
    allWebsites: row.all_websites,
    websiteIds,
    windowColor: row.window_color,
    windowTitle: row.window_title,
    customCss: row.custom_css,
    prechatEnabled: row.prechat_enabled,
    prechatText: row.prechat_text,
    prechatButtonText: row.prechat_button_text,
    prechatMode: row.prechat_mode,
    openingText: row.opening_text,
    openingReminder: row.opening_reminder,
    closingText: row.closing_text,
    autoForwardEnabled: row.auto_forward_enabled,
    autoForwardSeconds: row.auto_forward_seconds,
    autoForwardAvoidSameLevel: row.auto_forward_avoid_same_level,
    visitorLeftAfterSeconds: row.visitor_left_after_seconds,
    closeAfterMinutes: row.close_after_minutes,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/** The columns for the settings given; the website list lives in its own table. */
function columnsOf(s: UpdateCampaign): repo.CampaignUpdate {
  const set: repo.CampaignUpdate = {};
  if (s.title !== undefined) set.title = s.title;
  if (s.enabled !== undefined) set.enabled = s.enabled;
  if (s.language !== undefined) set.language = s.language;
  if (s.theme !== undefined) set.theme = s.theme;
  if (s.allWebsites !== undefined) set.all_websites = s.allWebsites;
  if (s.windowColor !== undefined) set.window_color = s.windowColor.toLowerCase();
  if (s.windowTitle !== undefined) set.window_title = s.windowTitle;
  // Blank CSS means "use colour and title", which the widget reads as null.
  if (s.customCss !== undefined) set.custom_css = s.customCss?.trim() ? s.customCss : null;
  if (s.prechatEnabled !== undefined) set.prechat_enabled = s.prechatEnabled;
  if (s.prechatText !== undefined) set.prechat_text = s.prechatText;
  if (s.prechatButtonText !== undefined) set.prechat_button_text = s.prechatButtonText;
  if (s.prechatMode !== undefined) set.prechat_mode = s.prechatMode;
  if (s.openingText !== undefined) set.opening_text = s.openingText;
  if (s.openingReminder !== undefined) set.opening_reminder = s.openingReminder;
  if (s.closingText !== undefined) set.closing_text = s.closingText;
  if (s.autoForwardEnabled !== undefined) set.auto_forward_enabled = s.autoForwardEnabled;
  if (s.autoForwardSeconds !== undefined) set.auto_forward_seconds = s.autoForwardSeconds;
  if (s.autoForwardAvoidSameLevel !== undefined)
    set.auto_forward_avoid_same_level = s.autoForwardAvoidSameLevel;
  if (s.visitorLeftAfterSeconds !== undefined) set.visitor_left_after_seconds = s.visitorLeftAfterSeconds;
  if (s.closeAfterMinutes !== undefined) set.close_after_minutes = s.closeAfterMinutes;
  return set;
}

/** CMP-3: specific websites need at least one, and only the account's own websites can be named. */
async function checkWebsites(db: Db, accountId: string, allWebsites: boolean, websiteIds: string[]) {
  if (!allWebsites && websiteIds.length === 0) throw invalid({ websiteIds: 'Choose at least one website' });
  const unknown = await foreignIds(db, 'websites', accountId, websiteIds);
  if (unknown.length > 0) throw invalid({ websiteIds: `Unknown website: ${unknown[0]}` });
}

async function withWebsites(db: Db, accountId: string, row: CampaignRow): Promise<Campaign> {
  const websites = await repo.websiteIdsOf(db, accountId, [row.id]);
  return toCampaign(row, websites.get(row.id) ?? []);
}

async function findOwn(db: Db, actor: Actor, id: string): Promise<CampaignRow> {
  const row = await repo.findCampaignRow(db, actor.accountId, id);
  if (!row) throw notFound('Campaign');
  return row;
}

export async function listCampaigns(db: Db, actor: Actor): Promise<CampaignList> {
  assertManager(actor);
  const rows = await repo.listCampaignRows(db, actor.accountId);
  const websites = await repo.websiteIdsOf(
    db,
    actor.accountId,
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => toCampaign(r, websites.get(r.id) ?? [])) };
}

export async function listCampaignSummaries(db: Db, actor: Actor): Promise<CampaignSummaryList> {
  assertManager(actor);
  return { items: await repo.listCampaignSummaries(db, actor.accountId) };
}

export async function getCampaign(db: Db, actor: Actor, id: string): Promise<Campaign> {
  assertManager(actor);
  return withWebsites(db, actor.accountId, await findOwn(db, actor, id));
}

/** The campaign every new account starts with, so its widget works as soon as the snippet is pasted. */
export async function createDefaultCampaign(db: Db, accountId: string): Promise<CampaignRow> {
  const settings: CampaignSettings = { ...campaignDefaults, title: 'Website chat' };
  const row = await repo.insertCampaign(db, {
    ...columnsOf(settings),
    title: settings.title,
    account_id: accountId,
  });
  await addDefaultButton(db, accountId, row.id);
  return row;
}

/** "Add Campaign" (CMP-1): a title, and the defaults for whatever else is not given. */
export async function createCampaign(
  deps: Pick<Deps, 'db' | 'events'>,
  actor: Actor,
  input: CreateCampaign,
): Promise<Campaign> {
  const { db } = deps;
  assertManager(actor);
  const given = Object.fromEntries(
    Object.entries(input).filter(([, v]) => v !== undefined),
  ) as Partial<CampaignSettings>;
  // Texts not given are the defaults of the campaign's language (a Dutch campaign does not greet in English).
  const texts = campaignTextsFor(given.language ?? campaignDefaults.language);
  const settings: CampaignSettings = { ...campaignDefaults, ...texts, ...given, title: input.title };
  await checkWebsites(db, actor.accountId, settings.allWebsites, settings.websiteIds);
  const row = await db.transaction().execute(async (tx) => {
    const created = await repo.insertCampaign(tx, {
      ...columnsOf(settings),
      title: settings.title,
      account_id: actor.accountId,
    });
    await repo.setCampaignWebsites(tx, actor.accountId, created.id, settings.websiteIds);
    // INV-7: the recommended button (a footer button that starts after the first message).
    await addDefaultButton(tx, actor.accountId, created.id);
    return created;
  });
  await changed(deps, actor.accountId);
  return withWebsites(db, actor.accountId, row);
}

export async function updateCampaign(
  deps: Pick<Deps, 'db' | 'events'>,
  actor: Actor,
  id: string,
  patch: UpdateCampaign,
): Promise<Campaign> {
  const { db } = deps;
  assertManager(actor);
  const current = await findOwn(db, actor, id);
  // Checked only when the configuration changes, so a campaign whose last website was removed can still be
  // edited otherwise.
  if (patch.allWebsites !== undefined || patch.websiteIds !== undefined) {
    const websiteIds = patch.websiteIds ?? (await repo.websiteIdsOf(db, actor.accountId, [id])).get(id) ?? [];
    await checkWebsites(db, actor.accountId, patch.allWebsites ?? current.all_websites, websiteIds);
  }
  const row = await db.transaction().execute(async (tx) => {
    const updated = await repo.updateCampaign(tx, actor.accountId, id, columnsOf(patch));
    if (patch.websiteIds !== undefined)
      await repo.setCampaignWebsites(tx, actor.accountId, id, patch.websiteIds);
    return updated;
  });
  await changed(deps, actor.accountId);
  return withWebsites(db, actor.accountId, row);
}

/** Hard delete: the campaign's chats and visits stay, without a campaign. */
export async function deleteCampaign(
  deps: Pick<Deps, 'db' | 'events'>,
  actor: Actor,
  id: string,
): Promise<void> {
  const { db } = deps;
  assertManager(actor);
  const current = await findOwn(db, actor, id);
  await db.transaction().execute(async (tx) => {
    await repo.deleteCampaign(tx, actor.accountId, id);
    if (current.logo_file_id) await deleteFile(tx, actor.accountId, current.logo_file_id);
  });
  await changed(deps, actor.accountId);
}

const COPY_SUFFIX = ' (copy)';
const TITLE_MAX = 100;

/**
 * What a module above this one copies along with a duplicated campaign (its rows of the campaign, new ids),
 * inside the duplicate's transaction. Composed in app.ts: the goals module (GOL-1, GOL-3) uses the chats module,
 * which uses this one, so this module cannot import it.
 */
export type CopyAlong = (
  tx: Db,
  accountId: string,
  fromCampaignId: string,
  toCampaignId: string,
) => Promise<void>;

/**
 * CMP-1 "duplicate": same settings (the Chat buttons tab's availability and offline text, the greetings'
 * availability, the success codes' options, the survey and the GA4 toggle are columns of the campaign),
 * websites, logo, greetings (INV-3…6, with their moments), buttons and whatever `copyAlong` copies (success
 * codes, goals), titled "… (copy)", disabled until the manager is ready. All in one transaction.
 */
export async function duplicateCampaign(
  deps: Pick<Deps, 'db' | 'events'>,
  actor: Actor,
  id: string,
  copyAlong: readonly CopyAlong[],
): Promise<Campaign> {
  const { db } = deps;
  assertManager(actor);
  const source = await findOwn(db, actor, id);
  const websiteIds = (await repo.websiteIdsOf(db, actor.accountId, [id])).get(id) ?? [];
  const row = await db.transaction().execute(async (tx) => {
    const logo = source.logo_file_id
      ? await repo.copyLogoFile(tx, actor.accountId, source.logo_file_id)
      : null;
    const { id: _id, created_at: _c, updated_at: _u, ...settings } = source;
    const created = await repo.insertCampaign(tx, {
      ...settings,
      title: source.title.slice(0, TITLE_MAX - COPY_SUFFIX.length).trimEnd() + COPY_SUFFIX,
      enabled: false,
      logo_file_id: logo ?? null,
    });
    await repo.setCampaignWebsites(tx, actor.accountId, created.id, websiteIds);
    await copyInvites(tx, actor.accountId, source.id, created.id);
    await copyButtons(tx, actor.accountId, id, created.id);
    for (const copy of copyAlong) await copy(tx, actor.accountId, source.id, created.id);
    return created;
  });
  await changed(deps, actor.accountId);
  return withWebsites(db, actor.accountId, row);
}

/** What the widget shows on the account's sites may have changed (after commit). */
const changed = (deps: Pick<Deps, 'events'>, accountId: string) =>
  deps.events.emit('widget.settings_changed', { accountId });

export const logoTooLarge = () =>
  new AppError(ErrorCode.payloadTooLarge, `The logo is larger than ${LOGO_MAX_BYTES / 1024 / 1024} MB`, 413, {
    file: 'The logo is too large',
  });

export async function setLogo(
  deps: Pick<Deps, 'db' | 'events'>,
  actor: Actor,
  id: string,
  upload: { data: Buffer; filename: string },
): Promise<Campaign> {
  const { db } = deps;
  assertManager(actor);
  const current = await findOwn(db, actor, id);
  if (upload.data.length > LOGO_MAX_BYTES) throw logoTooLarge();
  const type = sniffImageType(upload.data);
  if (!type) {
    throw new AppError(
      ErrorCode.unsupportedMediaType,
      'The logo must be a PNG, JPEG, GIF or WebP image',
      415,
      {
        file: 'Use a PNG, JPEG, GIF or WebP image',
      },
    );
  }
  const row = await db.transaction().execute(async (tx) => {
    const fileId = await insertFile(tx, actor.accountId, {
      kind: 'logo',
      contentType: type,
      name: upload.filename.slice(0, 200),
      data: upload.data,
    });
    const updated = await repo.updateCampaign(tx, actor.accountId, id, { logo_file_id: fileId });
    if (current.logo_file_id) await deleteFile(tx, actor.accountId, current.logo_file_id);
    return updated;
  });
  await changed(deps, actor.accountId);
  return withWebsites(db, actor.accountId, row);
}

export async function removeLogo(
  deps: Pick<Deps, 'db' | 'events'>,
  actor: Actor,
  id: string,
): Promise<Campaign> {
  const { db } = deps;
  assertManager(actor);
  const current = await findOwn(db, actor, id);
  const row = await db.transaction().execute(async (tx) => {
    const updated = await repo.updateCampaign(tx, actor.accountId, id, { logo_file_id: null });
    if (current.logo_file_id) await deleteFile(tx, actor.accountId, current.logo_file_id);
    return updated;
  });
  await changed(deps, actor.accountId);
  return withWebsites(db, actor.accountId, row);
}

/**
 * The campaign that serves a page of this website (CMP-3), or undefined when none does; the rule is
 * `pickServingCampaign`. For the widget and chats modules: no actor, the caller has resolved the account.
 */
export async function resolveCampaignForWebsite(
  db: Db,
  accountId: string,
  websiteId: string,
): Promise<CampaignRow | undefined> {
  const rows = await repo.servingCandidates(db, accountId, websiteId);
  const picked = pickServingCampaign(
    rows.map((r) => ({
      id: r.id,
      enabled: r.enabled,
      allWebsites: r.all_websites,
      namesWebsite: Boolean(r.names_website),
      createdAt: new Date(r.created_at),
      row: r,
    })),
  );
  if (!picked) return undefined;
  const { names_website: _n, ...row } = picked.row;
  return row;
}
