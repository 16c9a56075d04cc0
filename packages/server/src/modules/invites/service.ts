import {
  INVITES_MAX,
  InviteInput,
  Moments,
  type GreetingAvailability,
  type Invite,
  type InviteList,
  type InviteValues,
  type WidgetGreeting,
} from '@parley/protocol';
import type { z } from 'zod';
import type { Db } from '../../db/database.js';
import { conflict, invalid, notFound } from '../../errors.js';
import { assertManager, type Actor } from '../identity/index.js';
import * as repo from './repo.js';
import { deleteListItem, reorderList, setListItemEnabled } from '../../db/campaign-list.js';

function toInvite(row: repo.InviteRow): Invite {
  // Written only through the schema; a row that no longer parses (a later schema change) shows no moments.
  const moments = Moments.safeParse(row.moments);
  return {
    id: row.id,
    campaignId: row.campaign_id,
    kind: row.kind,
    enabled: row.enabled,
    position: row.position,
    title: row.title,
    text: row.text,
    acceptText: row.accept_text,
    declineText: row.decline_text,
    moments: moments.success ? moments.data : [],
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** The campaign must be the actor's account's; another account's answers exactly like a missing one. */
async function availabilityOf(db: Db, actor: Actor, campaignId: string): Promise<GreetingAvailability> {
  assertManager(actor);
  const availability = await repo.findCampaignAvailability(db, actor.accountId, campaignId);
  if (!availability) throw notFound('Campaign');
  return availability;
}

const greetingNotFound = () => notFound('Greeting');

/** The Automatic Invites tab: when greetings may show, and the greetings in the list's order. */
export async function listInvites(db: Db, actor: Actor, campaignId: string): Promise<InviteList> {
  const availability = await availabilityOf(db, actor, campaignId);
  const rows = await repo.listInviteRows(db, actor.accountId, campaignId);
  return { availability, items: rows.map(toInvite) };
}

/** INV-1: Always / When agents are logged in / When agents are logged in and available. */
export async function setAvailability(
  db: Db,
  actor: Actor,
  campaignId: string,
  availability: GreetingAvailability,
): Promise<InviteList> {
  await availabilityOf(db, actor, campaignId);
  await repo.setCampaignAvailability(db, actor.accountId, campaignId, availability);
  return listInvites(db, actor, campaignId);
}

type Input = z.input<typeof InviteInput> | InviteValues;

export async function createInvite(db: Db, actor: Actor, campaignId: string, input: Input): Promise<Invite> {
  await availabilityOf(db, actor, campaignId);
  const row = await repo.insertInvite(db, actor.accountId, campaignId, InviteInput.parse(input), INVITES_MAX);
  if (!row) throw conflict('A campaign has at most 100 greetings');
  return toInvite(row);
}

export async function getInvite(db: Db, actor: Actor, campaignId: string, id: string): Promise<Invite> {
  await availabilityOf(db, actor, campaignId);
  const row = await repo.findInviteRow(db, actor.accountId, campaignId, id);
  if (!row) throw greetingNotFound();
  return toInvite(row);
}

/** Replaces a greeting's settings and moments (its place in the list stays). */
export async function updateInvite(
  db: Db,
  actor: Actor,
  campaignId: string,
  id: string,
  input: Input,
): Promise<Invite> {
  await availabilityOf(db, actor, campaignId);
  const row = await repo.updateInvite(db, actor.accountId, campaignId, id, InviteInput.parse(input));
  if (!row) throw greetingNotFound();
  return toInvite(row);
}

/** The toggle in the list (INV-6). */
export async function setInviteEnabled(
  db: Db,
  actor: Actor,
  campaignId: string,
  id: string,
  enabled: boolean,
): Promise<Invite> {
  await availabilityOf(db, actor, campaignId);
  const row = await setListItemEnabled(db, 'invites', actor.accountId, campaignId, id, enabled);
  if (!row) throw greetingNotFound();
  return toInvite(row);
}

/** The trash bin (INV-6). What was recorded about the greeting (INV-10) stays for the exports. */
export async function deleteInvite(db: Db, actor: Actor, campaignId: string, id: string): Promise<void> {
  await availabilityOf(db, actor, campaignId);
  if (!(await deleteListItem(db, 'invites', actor.accountId, campaignId, id))) throw greetingNotFound();
}

/** The list's new order: `ids` names every greeting of the campaign once. */
export async function reorderInvites(
  db: Db,
  actor: Actor,
  campaignId: string,
  ids: string[],
): Promise<InviteList> {
  await availabilityOf(db, actor, campaignId);
  if (!(await reorderList(db, 'invites', actor.accountId, campaignId, ids))) {
    throw invalid({ ids: 'List every greeting of the campaign once' });
  }
  return listInvites(db, actor, campaignId);
}

/**
 * INV-10: records a greeting shown, accepted, declined, or not shown because no agent was available. For the
 * widget side (it knows the visitor and the visit); nothing is checked about the greeting itself, whose history
 * outlives it.
 */
export async function recordInviteEvent(db: Db, e: repo.NewInviteEvent): Promise<void> {
  await repo.insertInviteEvent(db, { ...e, url: e.url.slice(0, 2000) });
}

/**
 * INV-3/INV-4: what the widget shows by itself: the campaign's enabled greetings that have a moment (one without
 * moments never shows by itself), in list order. Public: only texts and moments, no ids of anything else.
 */
export async function widgetGreetings(db: Db, campaignId: string): Promise<WidgetGreeting[]> {
  const rows = await repo.listEnabledInviteRows(db, campaignId);
  return rows
    .map(toInvite)
    .filter((i) => i.moments.length > 0)
    .map((i) => ({
      id: i.id,
      kind: i.kind,
      title: i.title,
      text: i.text,
      acceptText: i.acceptText,
      declineText: i.declineText,
      moments: i.moments,
    }));
}

/** INV-3/INV-4: a chat started from this greeting is proactive when it is an enabled greeting of the campaign. */
export async function isCampaignGreeting(
  db: Db,
  campaignId: string | null | undefined,
  inviteId: string | undefined,
): Promise<boolean> {
  if (!campaignId || !inviteId) return false;
  return repo.enabledInviteExists(db, campaignId, inviteId);
}
