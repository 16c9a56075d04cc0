import { liveChatPossible, type AgentStatus, type CampaignPresence } from '@parley/protocol';
import type { CampaignRow } from '../../db/schema.js';
import type { Deps } from '../../deps.js';
import type { Actor } from '../identity/index.js';
import * as repo from './repo.js';

/** A console that lost its connection (reload, network blip) keeps its status this long (CON-3). */
export const OFFLINE_GRACE_SECONDS = 20;
/** Seconds after the last heartbeat that a console connection still counts as alive. */
export const CONNECTION_TIMEOUT_SECONDS = 45;

async function changeStatus(
  deps: Pick<Deps, 'db' | 'events'>,
  userId: string,
  accountId: string,
  decide: (current: AgentStatus) => AgentStatus | null,
): Promise<AgentStatus> {
  const result = await deps.db.transaction().execute(async (tx) => {
    await repo.ensurePresence(tx, userId, accountId);
    const row = await repo.lockPresence(tx, userId);
    const current = row?.status ?? 'offline';
    const next = decide(current);
    if (!next || next === current) return { status: current, previous: current };
    await repo.writeStatus(tx, userId, accountId, next);
    return { status: next, previous: current };
  });
  if (result.status !== result.previous)
    await deps.events.emit('agent.availability_changed', { accountId, userId, ...result });
  return result.status;
}

/** A console connected: an agent coming back from offline starts available; away stays away. */
export async function agentConnected(
  deps: Pick<Deps, 'db' | 'events'>,
  actor: Actor,
  connectionId: string,
  instanceId: string,
): Promise<AgentStatus> {
  await repo.ensurePresence(deps.db, actor.userId, actor.accountId);
  await repo.insertConnection(deps.db, {
    id: connectionId,
    userId: actor.userId,
    accountId: actor.accountId,
    instanceId,
  });
  return changeStatus(deps, actor.userId, actor.accountId, (s) => (s === 'offline' ? 'available' : null));
}

/** False when the connection is not known any more (removed as stale while the database was unreachable). */
export async function agentHeartbeat(deps: Pick<Deps, 'db'>, connectionId: string): Promise<boolean> {
  return repo.touchConnection(deps.db, connectionId);
}

export async function agentDisconnected(deps: Pick<Deps, 'db'>, connectionId: string): Promise<void> {
  await repo.deleteConnection(deps.db, connectionId);
}

export async function setAgentStatus(
  deps: Pick<Deps, 'db' | 'events'>,
  actor: Actor,
  status: 'available' | 'away',
): Promise<AgentStatus> {
  return changeStatus(deps, actor.userId, actor.accountId, () => status);
}

export async function agentStatus(deps: Pick<Deps, 'db'>, userId: string): Promise<AgentStatus> {
  return repo.getStatus(deps.db, userId);
}

/** Sweeper step: drop connections of dead instances, and take agents gone longer than the grace offline. */
export async function sweepPresence(deps: Pick<Deps, 'db' | 'events'>): Promise<string[]> {
  await repo.deleteStaleConnections(deps.db, CONNECTION_TIMEOUT_SECONDS);
  const gone = await repo.usersGoneOffline(deps.db, OFFLINE_GRACE_SECONDS);
  for (const u of gone) {
    // RTE-3: an agent who went offline gets no chats; routing gives those they never answered to someone else.
    await changeStatus(deps, u.user_id, u.account_id, (s) => (s === 'offline' ? null : 'offline'));
  }
  return gone.map((u) => u.user_id);
}

/** INV-1: whether the campaign's agents are available, signed in (but away) or offline. */
export async function campaignPresence(
  deps: Pick<Deps, 'db'>,
  accountId: string,
  campaignId: string,
): Promise<CampaignPresence> {
  return repo.campaignPresence(deps.db, accountId, campaignId, CONNECTION_TIMEOUT_SECONDS);
}

/**
 * INV-2: whether a chat started now for the campaign is a live chat (else it must be an offline message): its
 * button availability against its agents' presence, read now (not the widget config's two-second cache).
 */
export async function liveChatNow(
  deps: Pick<Deps, 'db'>,
  campaign: Pick<CampaignRow, 'id' | 'account_id' | 'button_availability'>,
): Promise<boolean> {
  const presence = await campaignPresence(deps, campaign.account_id, campaign.id);
  return liveChatPossible(campaign.button_availability, presence);
}
