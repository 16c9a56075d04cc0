import {
  LIVE_VISITOR_SECONDS,
  type HandInviteResult,
  type InviteEvent,
  type LiveVisitor,
  type WidgetGreeting,
  type WidgetTexts,
} from '@parley/protocol';
import type { Db } from '../../db/database.js';
import { conflict, notFound } from '../../errors.js';
import type { Actor } from '../identity/index.js';
import { recordInviteEvent } from '../invites/index.js';
import { liveVisitor } from './monitoring.js';
import * as repo from './repo.js';

/**
 * INV-6: an agent invites a visitor from the Visitors list (a proactive chat by hand). The visitor must be on one
 * of the account's sites now (seen within the last minute) and not chatting; the invite waits for the visitor's
 * next heartbeat (≤ 10 s while the page is visible), which carries it to the loader.
 */
export async function inviteVisitor(
  db: Db,
  actor: Actor,
  visitorId: string,
): Promise<{
  invite: HandInviteResult;
  live: LiveVisitor | undefined;
  handInvite: { visitorId: string; invite: { id: string; agentName: string } };
}> {
  const visit = await repo.liveVisitOf(db, actor.accountId, visitorId, LIVE_VISITOR_SECONDS);
  if (!visit) throw notFound('Visitor on the website');
  if (await repo.hasOpenChat(db, visitorId)) throw conflict('This visitor is already in a chat');
  const row = await repo.insertHandInvite(db, {
    account_id: actor.accountId,
    visitor_id: visitorId,
    visit_id: visit.id,
    website_id: visit.website_id,
    campaign_id: visit.campaign_id,
    user_id: actor.userId,
    agent_name: await repo.agentDisplayNameOf(db, actor.accountId, actor.userId),
  });
  return {
    invite: { id: row.id, status: row.status },
    live: await liveVisitor(db, actor.accountId, visit.id),
    handInvite: { visitorId, invite: { id: row.id, agentName: row.agent_name } },
  };
}

/** The invite as the loader shows it: a Yes/No greeting in the campaign's language, with the agent's name. */
export function handInviteGreeting(
  invite: { id: string; agentName: string },
  texts: Pick<WidgetTexts, 'handInviteTitle' | 'handInviteText' | 'handInviteAccept' | 'handInviteDecline'>,
): WidgetGreeting {
  return {
    id: invite.id,
    kind: 'yes_no',
    title: texts.handInviteTitle.replace('{name}', invite.agentName || '…'),
    text: texts.handInviteText,
    acceptText: texts.handInviteAccept,
    declineText: texts.handInviteDecline,
    moments: [],
  };
}

/**
 * INV-10 for a hand invite, from the visitor's page (`/widget/invite-events`): shown, accepted or declined,
 * each recorded once in `invite_events` with the inviting agent. False when the invite is not this visitor's.
 */
export async function recordHandInviteEvent(
  db: Db,
  e: {
    accountId: string;
    visitorId: string;
    inviteId: string;
    event: InviteEvent;
    url: string;
    websiteId: string;
  },
): Promise<{
  recorded: boolean;
  live?: LiveVisitor | undefined;
  /** Shown, accepted or declined: no longer waiting (every instance forgets it). */
  done?: { visitorId: string; invite: null };
}> {
  const invite = await repo.findHandInvite(db, e.accountId, e.visitorId, e.inviteId);
  if (!invite) return { recorded: false };
  if (e.event === 'not_shown_unavailable') return { recorded: true };
  const moved = await repo.advanceHandInvite(db, invite.id, e.event);
  if (!moved) return { recorded: true }; // said before (a page sending it twice): recorded once
  await recordInviteEvent(db, {
    accountId: e.accountId,
    campaignId: invite.campaign_id,
    inviteId: invite.id,
    visitorId: invite.visitor_id,
    visitId: invite.visit_id,
    userId: invite.user_id,
    event: e.event,
    url: e.url,
    websiteId: e.websiteId,
  });
  return {
    recorded: true,
    live: invite.visit_id ? await liveVisitor(db, e.accountId, invite.visit_id) : undefined,
    done: { visitorId: invite.visitor_id, invite: null },
  };
}

/**
 * The chat a visitor starts from a hand invite (`chat.start` with its id): the inviting agent, when the invite
 * is this visitor's and was not declined. Anything else: undefined (an ordinary chat).
 */
export async function handInviteAgent(
  db: Db,
  visitor: { id: string; account_id: string },
  inviteId: string | undefined,
): Promise<{ userId: string | null } | undefined> {
  if (!inviteId) return undefined;
  const invite = await repo.findHandInvite(db, visitor.account_id, visitor.id, inviteId);
  // The page records "accepted" itself (INV-10), usually before the chat starts: nothing is written here.
  if (!invite || invite.status === 'declined') return undefined;
  return { userId: invite.user_id };
}
