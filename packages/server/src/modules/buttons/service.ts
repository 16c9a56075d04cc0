import {
  ButtonAddress,
  CHAT_BUTTONS_MAX,
  ChatButtonInput,
  pageRule,
  type ButtonSettings,
  type ChatButton,
  type ChatButtonList,
  type ChatButtonValues,
  type LoaderButton,
} from '@parley/protocol';
import { z } from 'zod';
import type { Db } from '../../db/database.js';
import type { Deps } from '../../deps.js';
import { conflict, invalid, notFound } from '../../errors.js';
import { assertManager, type Actor } from '../identity/index.js';
import * as repo from './repo.js';
import { deleteListItem, reorderList, setListItemEnabled } from '../../db/campaign-list.js';

/** The "Chat buttons" tab (INV-1, INV-2); another account's campaign answers exactly like a missing one. */
export async function buttonSettings(deps: Pick<Deps, 'db'>, actor: Actor, campaignId: string) {
  assertManager(actor);
  const found = await repo.findButtonSettings(deps.db, actor.accountId, campaignId);
  if (!found) throw notFound('Campaign');
  return found;
}

/** Saves them; the widget on the campaign's sites shows the change on its next ask (every instance). */
export async function saveButtonSettings(
  deps: Pick<Deps, 'db' | 'events'>,
  actor: Actor,
  campaignId: string,
  settings: ButtonSettings,
): Promise<ButtonSettings> {
  assertManager(actor);
  if (!(await repo.writeButtonSettings(deps.db, actor.accountId, campaignId, settings)))
    throw notFound('Campaign');
  await deps.events.emit('widget.settings_changed', { accountId: actor.accountId });
  return buttonSettings(deps, actor, campaignId);
}

// ---- the campaign's buttons (INV-7…INV-9)

const Addresses = z.array(ButtonAddress);

function toButton(row: repo.ChatButtonRow): ChatButton {
  // Written only through the schema; a row that no longer parses (a later schema change) shows no addresses.
  const urls = Addresses.safeParse(row.urls);
  return {
    id: row.id,
    campaignId: row.campaign_id,
    placement: row.placement,
    starts: row.starts,
    enabled: row.enabled,
    position: row.position,
    name: row.name,
    pages: row.pages,
    urls: urls.success ? urls.data : [],
    text: row.text,
    color: row.color,
    side: row.side,
    html: row.html,
    css: row.css,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** The campaign must be the actor's account's; another account's answers exactly like a missing one. */
async function ownCampaign(db: Db, actor: Actor, campaignId: string): Promise<void> {
  assertManager(actor);
  if (!(await repo.campaignExists(db, actor.accountId, campaignId))) throw notFound('Campaign');
}

const buttonNotFound = () => notFound('Chat button');

type Input = ChatButtonInput | ChatButtonValues;

export async function listButtons(db: Db, actor: Actor, campaignId: string): Promise<ChatButtonList> {
  await ownCampaign(db, actor, campaignId);
  const rows = await repo.listButtonRows(db, actor.accountId, campaignId);
  return { items: rows.map(toButton) };
}

export async function createButton(
  db: Db,
  actor: Actor,
  campaignId: string,
  input: Input,
): Promise<ChatButton> {
  await ownCampaign(db, actor, campaignId);
  const values = ChatButtonInput.parse(input);
  const row = await repo.insertButton(db, actor.accountId, campaignId, values, CHAT_BUTTONS_MAX);
  if (!row) throw conflict(`A campaign has at most ${CHAT_BUTTONS_MAX} chat buttons`);
  return toButton(row);
}

export async function getButton(db: Db, actor: Actor, campaignId: string, id: string): Promise<ChatButton> {
  await ownCampaign(db, actor, campaignId);
  const row = (await repo.listButtonRows(db, actor.accountId, campaignId)).find((r) => r.id === id);
  if (!row) throw buttonNotFound();
  return toButton(row);
}

/** Replaces a button's settings (its place in the list stays). */
export async function updateButton(
  db: Db,
  actor: Actor,
  campaignId: string,
  id: string,
  input: Input,
): Promise<ChatButton> {
  await ownCampaign(db, actor, campaignId);
  const row = await repo.updateButton(db, actor.accountId, campaignId, id, ChatButtonInput.parse(input));
  if (!row) throw buttonNotFound();
  return toButton(row);
}

/** The toggle in the list. */
export async function setButtonEnabled(
  db: Db,
  actor: Actor,
  campaignId: string,
  id: string,
  enabled: boolean,
): Promise<ChatButton> {
  await ownCampaign(db, actor, campaignId);
  const row = await setListItemEnabled(db, 'chat_buttons', actor.accountId, campaignId, id, enabled);
  if (!row) throw buttonNotFound();
  return toButton(row);
}

export async function deleteButton(db: Db, actor: Actor, campaignId: string, id: string): Promise<void> {
  await ownCampaign(db, actor, campaignId);
  if (!(await deleteListItem(db, 'chat_buttons', actor.accountId, campaignId, id))) throw buttonNotFound();
}

/** The list's new order: `ids` names every button of the campaign once. */
export async function reorderButtons(
  db: Db,
  actor: Actor,
  campaignId: string,
  ids: string[],
): Promise<ChatButtonList> {
  await ownCampaign(db, actor, campaignId);
  if (!(await reorderList(db, 'chat_buttons', actor.accountId, campaignId, ids))) {
    throw invalid({ ids: 'List every button of the campaign once' });
  }
  return listButtons(db, actor, campaignId);
}

/** A new campaign starts with one footer button that starts after the first message (the recommended type). */
export async function addDefaultButton(db: Db, accountId: string, campaignId: string): Promise<void> {
  await repo.insertDefaultButton(db, accountId, campaignId, 'Chat button');
}

/** A duplicated campaign gets the same buttons. */
export async function copyButtons(db: Db, accountId: string, fromId: string, toId: string): Promise<void> {
  await repo.copyButtons(db, accountId, fromId, toId);
}

/**
 * What the loader gets (LoaderButton): the campaign's enabled buttons in short form, with their address rules
 * turned into the matcher's comparisons ahead of time. Footer buttons first — those for certain pages before
 * those for all pages, each in list order — so that the loader shows the first one meant for the page; then the
 * custom ones. A footer button's side, text and colour come as the config's own `button` and `color` for the
 * page (only when they differ from the campaign's: `defaultText` is the widget's text in its language). Public:
 * no names, no HTML (that lives on the customer's page), no ids the loader does not need.
 */
export async function widgetButtons(
  db: Db,
  campaignId: string,
  defaultText: string,
): Promise<LoaderButton[]> {
  const rows = (await repo.listEnabledButtonRows(db, campaignId)).map(toButton);
  const rank = (b: ChatButton) => (b.placement === 'footer' ? (b.pages === 'certain' ? 0 : 1) : 2);
  return rows
    .map((b, i) => ({ b, i }))
    .sort((x, y) => rank(x.b) - rank(y.b) || x.i - y.i)
    .map(({ b }) => {
      const out: LoaderButton = b.placement === 'custom' ? { i: b.id } : { f: 1 };
      if (b.placement === 'footer' && (b.side === 'left' || b.text || b.color)) {
        out.o = {};
        if (b.side === 'left' || b.text) out.o.button = { position: b.side, text: b.text || defaultText };
        if (b.color) out.o.color = b.color;
      }
      if (b.starts === 'instantly') out.s = 1;
      if (b.pages === 'certain') out.u = b.urls.map((u) => pageRule(u.match, u.url));
      return out;
    });
}
