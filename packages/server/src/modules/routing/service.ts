import type { TransferRequest, TransferResult, TransferTargets } from '@livechat/protocol';
import type { Deps } from '../../deps.js';
import type { Db } from '../../db/database.js';
import type { ChatRow } from '../../db/schema.js';
import { AppError, conflict } from '../../errors.js';
import { ErrorCode } from '@livechat/protocol';
import type { Actor } from '../auth/index.js';
import {
  agentDisplayName,
  appendEvent,
  channel,
  chatForAgentWrite,
  publishAppended,
  publishChanged,
  publishEvents,
  publishToAgent,
  whenSlotFrees,
  type AccountBusMessage,
} from '../chats/index.js';
import { assignWaitingInTx } from './batch.js';
import { pickOrder } from './pick.js';
import * as repo from './repo.js';
import type { Level } from './repo.js';

type Reason = 'routed' | 'transferred' | 'forwarded';
/** One offer: this agent, reached through this level (null: the campaign has no levels, everyone routes). */
type Route = { agentId: string; level: Level | null };
type Assigned = { chat: ChatRow; seqs: number[]; from: string | null; wasQueued: boolean };
type Pub = Pick<Deps, 'db' | 'bus'>;

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
  const from = chat.status === 'active' ? chat.agent_id : null;
  const who = await repo.agentNames(tx, [route.agentId, ...(from ? [from] : [])]);
  const toName = who.get(route.agentId) ?? '';
  const base = {
    chatId: chat.id,
    accountId: chat.account_id,
    cid: null,
    body: '',
    fileId: null,
    isMessage: false,
  };
  const event =
    reason === 'routed'
      ? await appendEvent(tx, {
          ...base,
          type: 'agent_joined',
          author: 'agent',
          authorName: toName,
          userId: route.agentId,
          data: { name: toName },
        })
      : await appendEvent(tx, {
          ...base,
          type: 'transferred',
          author: 'system',
          authorName: '',
          userId: null,
          data: {
            from: from ? { userId: from, name: who.get(from) ?? '' } : null,
            to: { userId: route.agentId, name: toName },
            reason: reason === 'forwarded' ? 'auto_forward' : 'transfer',
            ...details,
          },
        });
  return {
    chat: assigned,
    seqs: event.outcome === 'stored' ? [event.seq] : [],
    from,
    wasQueued: chat.status === 'queued',
  };
}

/** After the transaction committed: tell the agents, the chat's followers and the queue. */
async function announce(deps: Pub, a: Assigned): Promise<void> {
  await publishToAgent(deps, a.chat.agent_id!, { kind: 'assigned', chatId: a.chat.id });
  if (a.from && a.from !== a.chat.agent_id)
    await publishToAgent(deps, a.from, { kind: 'removed', chatId: a.chat.id });
  await publishEvents(deps, a.chat.id, a.seqs);
  await publishChanged(deps, a.chat.id);
  if (a.wasQueued)
    await deps.bus.publish(channel.account(a.chat.account_id), {
      kind: 'queue-changed',
    } satisfies AccountBusMessage);
}

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
    if (done) return announce(deps, done).then(() => done);
  }
  for (const route of busy.splice(0)) {
    const done = await attempt(route, false);
    if (done) return announce(deps, done).then(() => done);
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
  for (const { chat, event } of placed) {
    await publishToAgent(deps, chat.agent_id!, { kind: 'assigned', chatId: chat.id });
    await publishAppended(deps, chat.id, [event]);
    await publishChanged(deps, chat.id);
  }
  if (placed.length > 0)
    await deps.bus.publish(channel.account(accountId), {
      kind: 'queue-changed',
    } satisfies AccountBusMessage);
  return new Map(placed.map(({ chat }) => [chat.id, chat.agent_id!]));
}

type Waiting = { chatId: string; resolve: (agentId: string | null) => void };
/** Per bus (one per running instance) and account: the chats waiting for the account's next batch. */
const waiting = new WeakMap<Pub['bus'], Map<string, Waiting[]>>();

/** Routes a new chat (RTE-1…3). Returns the agent's id, or null when nobody can take it (it stays queued, RTE-5). */
export function routeChat(deps: Pub, chat: ChatRow): Promise<string | null> {
  if (chat.status !== 'queued') return Promise.resolve(chat.agent_id);
  let accounts = waiting.get(deps.bus);
  if (!accounts) waiting.set(deps.bus, (accounts = new Map()));
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
export async function forwardInTx(
  tx: Db,
  chat: ChatRow,
): Promise<{ seqs: number[]; after: (deps: Pub) => Promise<void> }> {
  const nothing = { seqs: [], after: async () => {} };
  if (chat.status !== 'active' || !chat.agent_id) return nothing;
  const { avoidSameLevel } = await repo.autoForwardSeconds(tx, chat.campaign_id);
  const exclude = new Set([chat.agent_id, ...(await repo.unansweredAgents(tx, chat.id))]);
  const fromLevel = avoidSameLevel && chat.routing_level !== null ? chat.routing_level + 1 : 0;
  for (const route of await routesFor(tx, chat, { fromLevel, exclude })) {
    const done = await assignInTx(tx, chat, route, 'forwarded');
    if (done && done !== 'busy')
      return { seqs: done.seqs, after: (deps) => announce(deps, { ...done, seqs: [] }) };
  }
  return nothing;
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
    const target = await db
      .selectFrom('users')
      .select(['id', 'first_name', 'nickname'])
      .where('id', '=', to.userId)
      .where('account_id', '=', actor.accountId)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
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
    const group = await db
      .selectFrom('groups')
      .select(['id', 'name'])
      .where('id', '=', to.groupId)
      .where('account_id', '=', actor.accountId)
      .executeTakeFirst();
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
    const chats = await tx
      .selectFrom('chats')
      .selectAll()
      .where('agent_id', '=', userId)
      .where('status', '=', 'active')
      .where(({ exists, selectFrom }) =>
        exists(
          selectFrom('chat_assignments as a')
            .select('a.id')
            .whereRef('a.chat_id', '=', 'chats.id')
            .where('a.user_id', '=', userId)
            .where('a.ended_at', 'is', null)
            .where('a.answered', '=', false),
        ),
      )
      .forUpdate()
      .execute();
    const who = await repo.agentNames(tx, [userId]);
    const out: { chatId: string; seqs: number[] }[] = [];
    for (const chat of chats) {
      await tx
        .updateTable('chats')
        .set({ status: 'queued', agent_id: null, queued_at: chat.started_at, forward_deadline_at: null })
        .where('id', '=', chat.id)
        .execute();
      await tx
        .updateTable('chat_assignments')
        .set({ ended_at: new Date() })
        .where('chat_id', '=', chat.id)
        .where('ended_at', 'is', null)
        .execute();
      const e = await appendEvent(tx, {
        chatId: chat.id,
        accountId: chat.account_id,
        type: 'requeued',
        author: 'system',
        authorName: '',
        userId: null,
        cid: null,
        body: '',
        fileId: null,
        data: { from: { userId, name: who.get(userId) ?? '' }, reason: 'agent_offline' },
        isMessage: false,
      });
      out.push({ chatId: chat.id, seqs: e.outcome === 'stored' ? [e.seq] : [] });
    }
    return out;
  });
  for (const r of requeued) {
    await publishToAgent(deps, userId, { kind: 'removed', chatId: r.chatId });
    await publishEvents(deps, r.chatId, r.seqs);
    await publishChanged(deps, r.chatId);
  }
  if (requeued.length > 0) await drainQueue(deps, accountId);
  return requeued.length;
}

/** What the console's transfer dialog lists: the account's other agents with their status and room, groups. */
export async function transferTargets(db: Db, actor: Actor, chatId: string): Promise<TransferTargets> {
  const chat = await chatForAgentWrite(db, actor, chatId);
  const available = new Map((await repo.availableCandidates(db, actor.accountId)).map((c) => [c.userId, c]));
  const users = await db
    .selectFrom('users as u')
    .leftJoin('agent_presence as p', 'p.user_id', 'u.id')
    .select(['u.id', 'u.first_name', 'u.last_name', 'u.nickname', 'p.status'])
    .where('u.account_id', '=', actor.accountId)
    .where('u.deleted_at', 'is', null)
    .where('u.id', '<>', actor.userId)
    .orderBy('u.last_name')
    .execute();
  const groups = await db
    .selectFrom('groups')
    .select(['id', 'name'])
    .where('account_id', '=', actor.accountId)
    .orderBy('name')
    .execute();
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

// A closed chat frees a slot: let the queue move.
whenSlotFrees(drainQueue);
