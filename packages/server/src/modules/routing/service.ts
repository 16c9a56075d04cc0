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
import { assignWaitingInTx } from './batch.js';
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
 * Routing of one account runs one batch at a time in each instance: chats that arrive while a batch is being
 * assigned wait for the next one, which takes them all at once (a burst of hundreds of new chats is a few
 * transactions, not hundreds). Across instances the batch's locks keep it correct.
 */
const lanes = new Map<string, Promise<unknown>>();
function inLane<T>(accountId: string, fn: () => Promise<T>): Promise<T> {
  const before = lanes.get(accountId) ?? Promise.resolve();
  const run = before.then(fn, fn);
  const tail = run.catch(() => {});
  lanes.set(accountId, tail);
  void tail.then(() => {
    if (lanes.get(accountId) === tail) lanes.delete(accountId);
  });
  return run;
}

/** Assigns these waiting chats of one account (one transaction), tells everyone, returns chat → agent. */
async function assignWaiting(deps: Pub, accountId: string, chatIds: string[]): Promise<Map<string, string>> {
  const placed = await deps.db.transaction().execute((tx) => assignWaitingInTx(tx, accountId, chatIds));
  for (const { chat, event } of placed) await deps.events.emit('chat.assigned', { chat, events: [event] });
  if (placed.length > 0) await deps.events.emit('queue.changed', { accountId });
  return new Map(placed.map(({ chat }) => [chat.id, chat.agent_id!]));
}

type Waiting = { chatId: string; resolve: (agentId: string | null) => void };
/** Per bus (one per running instance) and account: the chats waiting for the account's next batch. */
const waiting = new WeakMap<Pub['events'], Map<string, Waiting[]>>();

/** Routes a new chat (RTE-1…3). Returns the agent's id, or null when nobody can take it (it stays queued, RTE-5). */
export function routeChat(deps: Pub, chat: ChatRow): Promise<string | null> {
  if (chat.status !== 'queued') return Promise.resolve(chat.agent_id);
  let accounts = waiting.get(deps.events);
  if (!accounts) waiting.set(deps.events, (accounts = new Map()));
  const list = accounts.get(chat.account_id) ?? [];
  accounts.set(chat.account_id, list);
  const result = new Promise<string | null>((resolve) => list.push({ chatId: chat.id, resolve }));
  if (list.length === 1) {
    const all = accounts;
    void inLane(chat.account_id, async () => {
      const batch = all.get(chat.account_id) ?? [];
      all.delete(chat.account_id);
      try {
        const assigned = await assignWaiting(
          deps,
          chat.account_id,
          batch.map((w) => w.chatId),
        );
        for (const w of batch) w.resolve(assigned.get(w.chatId) ?? null);
      } catch {
        // The chats are stored and stay queued (e.g. a deadlock with another instance was broken): the
        // visitors see their place in the queue, and the queue is drained again shortly (and by the sweeper).
        for (const w of batch) w.resolve(null);
        setTimeout(() => void drainQueue(deps, chat.account_id).catch(() => {}), 1000).unref();
      }
    });
  }
  return result;
}

/**
 * Assigns waiting chats, oldest first, while someone can take them (RTE-5): batches of the oldest queued
 * chats until a batch leaves some waiting or the queue is empty.
 */
export async function drainQueue(deps: Pub, accountId: string): Promise<number> {
  return inLane(accountId, async () => {
    let assigned = 0;
    for (;;) {
      const queued = await repo.queuedChats(deps.db, accountId, DRAIN_BATCH);
      if (queued.length === 0) return assigned;
      const n = (
        await assignWaiting(
          deps,
          accountId,
          queued.map((c) => c.id),
        )
      ).size;
      assigned += n;
      if (n < queued.length || queued.length < DRAIN_BATCH) return assigned;
    }
  });
}
const DRAIN_BATCH = 500;

/** The sweeper's safety net: drain every account that has waiting chats and an available agent. */
export async function drainAllQueues(deps: Pub): Promise<void> {
  for (const accountId of await repo.accountsToDrain(deps.db)) await drainQueue(deps, accountId);
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

/**
 * An agent went offline (closed the console, heartbeat lost): chats they were given and never answered go
 * back to the queue, in their original order, and are routed again.
 */
export async function requeueUnanswered(deps: Pub, userId: string, accountId: string): Promise<number> {
  const requeued = await deps.db.transaction().execute(async (tx) => {
    const chats = await repo.lockUnansweredChatsOf(tx, userId);
    const who = await repo.agentNames(tx, [userId]);
    const emitted: DomainEvent[] = [];
    for (const chat of chats) {
      await repo.requeueChat(tx, chat);
      const events = await appendEvents(tx, [
        eventEntry(chat, {
          type: 'requeued',
          author: 'system',
          data: { from: { userId, name: who.get(userId) ?? '' }, reason: 'agent_offline' },
        }),
      ]);
      emitted.push(domainEvent('chat.requeued', { chatId: chat.id, accountId, fromUserId: userId, events }));
    }
    return emitted;
  });
  await deps.events.emitAll(requeued);
  if (requeued.length > 0) await drainQueue(deps, accountId);
  return requeued.length;
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
