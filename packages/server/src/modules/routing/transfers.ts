// Transfers (RTE-6) and auto-forward (CMP-8): one chat offered to agents in order, one transaction per offer.
import type { TransferRequest, TransferResult, TransferTargets } from '@parley/protocol';
import type { Deps } from '../../deps.js';
import type { Db } from '../../db/database.js';
import type { ChatRow } from '../../db/schema.js';
import { AppError, conflict } from '../../errors.js';
import { ErrorCode } from '@parley/protocol';
import type { Actor } from '../identity/index.js';
import type { ChatEvent } from '@parley/protocol';
import { domainEvent, type DomainEvent } from '../../events/index.js';
import { agentDisplayName, appendEvents, chatForAgentWrite, eventEntry } from '../chats/index.js';
import { pickOrder } from './pick.js';
import * as repo from './repo.js';
import type { Level } from './repo.js';

type Reason = 'transferred' | 'forwarded';

/** One offer: this agent, reached through this level (null: the campaign has no levels, everyone routes). */
type Route = { agentId: string; level: Level | null };
type Assigned = { chat: ChatRow; events: ChatEvent[]; from: string };
type Pub = Pick<Deps, 'db' | 'events'>;

/**
 * The agents to offer a chat to, in order (RTE-1…3): each routing level from `fromLevel` on, its available
 * agents ordered by the level's method; a campaign without levels routes among every agent of the account,
 * fewest chats first. The forwarding level never takes new chats.
 */
async function routesFor(
  db: Db,
  chat: ChatRow,
  opts: { fromLevel?: number; exclude?: Set<string> } = {},
): Promise<Route[]> {
  const exclude = opts.exclude ?? new Set<string>();
  const mode = chat.mode;
  const levels = chat.campaign_id ? await repo.levelsOf(db, chat.campaign_id) : [];
  if (levels.length === 0) {
    const candidates = (await repo.availableCandidates(db, chat.account_id)).filter(
      (c) => !exclude.has(c.userId),
    );
    return pickOrder(candidates, 'least_chats', { mode }).map((agentId) => ({ agentId, level: null }));
  }
  const routes: Route[] = [];
  const seen = new Set<string>();
  for (const level of levels.slice(opts.fromLevel ?? 0)) {
    const ids = (await repo.levelUserIds(db, level.id)).filter((id) => !exclude.has(id));
    const candidates = await repo.availableCandidates(db, chat.account_id, ids);
    for (const agentId of pickOrder(candidates, level.method, { mode, lastUserId: level.lastUserId })) {
      if (seen.has(agentId)) continue;
      seen.add(agentId);
      routes.push({ agentId, level });
    }
  }
  return routes;
}

/**
 * One offer inside the caller's transaction: the conditional write, the assignment record and its event.
 * With `skipLocked`, an agent another assignment is busy with right now is skipped ('busy') instead of waited
 * for, so concurrent routers spread over agents instead of queueing on the same one.
 */
async function assignInTx(
  tx: Db,
  chat: ChatRow,
  route: Route,
  reason: Reason,
  details: Record<string, unknown> = {},
  skipLocked = false,
): Promise<Assigned | 'busy' | undefined> {
  const sequential = route.level?.method === 'sequential';
  if (sequential && route.level) await repo.lockLevel(tx, route.level.id);
  const { seconds } = await repo.autoForwardSeconds(tx, chat.campaign_id);
  const assigned = await repo.assignIfFree(
    tx,
    chat,
    route.agentId,
    chat.mode,
    {
      agentId: chat.status === 'active' ? chat.agent_id : null,
      level: route.level?.index ?? null,
      forwardAt: seconds ? new Date(Date.now() + seconds * 1000) : null,
    },
    skipLocked,
  );
  if (!assigned || assigned === 'busy') return assigned;
  await repo.recordAssignment(tx, chat, route.agentId, reason);
  if (sequential && route.level) await repo.rememberLastUser(tx, route.level.id, route.agentId);
  const from = chat.agent_id!;
  const who = await repo.agentNames(tx, [route.agentId, from]);
  const toName = who.get(route.agentId) ?? '';
  const events = await appendEvents(tx, [
    eventEntry(chat, {
      type: 'transferred',
      author: 'system',
      data: {
        from: { userId: from, name: who.get(from) ?? '' },
        to: { userId: route.agentId, name: toName },
        reason: reason === 'forwarded' ? 'auto_forward' : 'transfer',
        ...details,
      },
    }),
  ]);
  return { chat: assigned, events, from };
}

/** The chat moved to another agent (after the transaction committed). */
const transferred = (a: Assigned, reason: Reason): DomainEvent =>
  domainEvent('chat.transferred', {
    chat: a.chat,
    from: a.from,
    events: a.events,
    reason: reason === 'forwarded' ? 'auto_forward' : 'transfer',
  });

/** Tries the routes in order, one transaction each, until a conditional write succeeds. */
async function offer(
  deps: Pub,
  chat: ChatRow,
  routes: Route[],
  reason: Reason,
  details?: Record<string, unknown>,
): Promise<Assigned | undefined> {
  const busy: Route[] = [];
  const attempt = async (route: Route, skipLocked: boolean) => {
    const done = await deps.db
      .transaction()
      .execute((tx) => assignInTx(tx, chat, route, reason, details, skipLocked));
    if (done === 'busy') busy.push(route);
    return done === 'busy' ? undefined : done;
  };
  for (const route of routes) {
    const done = await attempt(route, true);
    if (done) return deps.events.emitAll([transferred(done, reason)]).then(() => done);
  }
  for (const route of busy.splice(0)) {
    const done = await attempt(route, false);
    if (done) return deps.events.emitAll([transferred(done, reason)]).then(() => done);
  }
  return undefined;
}

/**
 * Auto-forward (CMP-8), inside the timer's transaction (the chat row is locked by it): the assigned agent did
 * not answer in time, so the chat goes to another eligible agent — not back to anyone who already let it wait;
 * with "avoid forwarding within the same routing level" only to later levels. Nobody free: it stays.
 */
export async function forwardInTx(tx: Db, chat: ChatRow): Promise<DomainEvent[]> {
  if (chat.status !== 'active' || !chat.agent_id) return [];
  const { avoidSameLevel } = await repo.autoForwardSeconds(tx, chat.campaign_id);
  const exclude = new Set([chat.agent_id, ...(await repo.unansweredAgents(tx, chat.id))]);
  const fromLevel = avoidSameLevel && chat.routing_level !== null ? chat.routing_level + 1 : 0;
  for (const route of await routesFor(tx, chat, { fromLevel, exclude })) {
    const done = await assignInTx(tx, chat, route, 'forwarded');
    if (done && done !== 'busy') return [transferred(done, 'forwarded')];
  }
  return [];
}

/** RTE-6: an agent hands their chat to another agent, to a group, or to the campaign's forwarding level. */
export async function transferChat(
  deps: Pub,
  actor: Actor,
  chatId: string,
  req: TransferRequest,
): Promise<TransferResult> {
  const chat = await chatForAgentWrite(deps.db, actor, chatId);
  if (chat.status !== 'active') throw conflict('Only an active chat can be transferred');
  const { db } = deps;
  const exclude = new Set([actor.userId]);
  let routes: Route[];
  let details: Record<string, unknown>;
  const to = req.to;
  if (to.type === 'agent') {
    if (to.userId === actor.userId) throw conflict('This chat is already yours');
    const target = await repo.findAgent(db, actor.accountId, to.userId);
    if (!target) throw new AppError(ErrorCode.notFound, 'Agent not found', 404);
    const candidates = await repo.availableCandidates(db, actor.accountId, [target.id]);
    routes = pickOrder(candidates, 'least_chats', { mode: chat.mode }).map((agentId) => ({
      agentId,
      level: null,
    }));
    if (routes.length === 0)
      throw conflict(`${agentDisplayName(target)} is not available or has no free slot`);
    details = { via: 'agent' };
  } else if (to.type === 'group') {
    const group = await repo.findGroup(db, actor.accountId, to.groupId);
    if (!group) throw new AppError(ErrorCode.notFound, 'Group not found', 404);
    const ids = (await repo.groupUserIds(db, actor.accountId, group.id)).filter((id) => !exclude.has(id));
    const candidates = await repo.availableCandidates(db, actor.accountId, ids);
    routes = pickOrder(candidates, 'least_chats', { mode: chat.mode }).map((agentId) => ({
      agentId,
      level: null,
    }));
    if (routes.length === 0) throw conflict(`Nobody in ${group.name} can take the chat now`);
    details = { via: 'group', group: group.name };
  } else {
    const level = chat.campaign_id ? await repo.forwardingLevelOf(db, chat.campaign_id) : undefined;
    if (!level) throw conflict('This campaign has no forwarding level');
    const ids = (await repo.levelUserIds(db, level.id)).filter((id) => !exclude.has(id));
    const candidates = await repo.availableCandidates(db, actor.accountId, ids);
    routes = pickOrder(candidates, level.method, { mode: chat.mode, lastUserId: level.lastUserId }).map(
      (agentId) => ({
        agentId,
        level: { ...level, index: chat.routing_level ?? 0 },
      }),
    );
    if (routes.length === 0) throw conflict('Nobody on the forwarding level can take the chat now');
    details = { via: 'forwarding' };
  }
  const done = await offer(deps, chat, routes, 'transferred', details);
  if (!done) throw conflict('Nobody could take the chat; it is still yours');
  const who = await repo.agentNames(db, [done.chat.agent_id!]);
  return { agentId: done.chat.agent_id!, agentName: who.get(done.chat.agent_id!) ?? '' };
}

/** What the console's transfer dialog lists: the account's other agents with their status and room, groups. */
export async function transferTargets(db: Db, actor: Actor, chatId: string): Promise<TransferTargets> {
  const chat = await chatForAgentWrite(db, actor, chatId);
  const available = new Map((await repo.availableCandidates(db, actor.accountId)).map((c) => [c.userId, c]));
  const users = await repo.transferTargetUsers(db, actor.accountId, actor.userId);
  const groups = await repo.groupsOf(db, actor.accountId);
  const forwarding = chat.campaign_id ? Boolean(await repo.forwardingLevelOf(db, chat.campaign_id)) : false;
  return {
    agents: users.map((u) => {
      const c = available.get(u.id);
      const limit = chat.mode === 'live' ? c?.liveLimit : c?.nrtLimit;
      const load = chat.mode === 'live' ? c?.liveChats : c?.nrtChats;
      return {
        id: u.id,
        name: `${u.first_name} ${u.last_name}`.trim(),
        status: c ? 'available' : u.status === 'away' ? 'away' : 'offline',
        freeSlots: c ? (limit == null ? null : Math.max(0, limit - (load ?? 0))) : 0,
      };
    }),
    groups,
    forwarding,
  };
}
