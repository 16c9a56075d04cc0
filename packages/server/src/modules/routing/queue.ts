// New chats and the queue (RTE-1…5): chats assigned in batches per account, the queue drained oldest first,
// unanswered chats of an agent who went offline put back.
import type { Deps } from '../../deps.js';
import type { ChatRow } from '../../db/schema.js';
import { domainEvent, type DomainEvent } from '../../events/index.js';
import { appendEvents, eventEntry } from '../chats/index.js';
import { assignWaitingInTx } from './batch.js';
import * as repo from './repo.js';

type Pub = Pick<Deps, 'db' | 'events'>;

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

/**
 * Assigns these waiting chats of one account (one transaction), tells everyone, returns chat → agent and the
 * chats the batch left waiting.
 */
async function assignWaiting(
  deps: Pub,
  accountId: string,
  chatIds: string[],
): Promise<{ assigned: Map<string, string>; leftWaiting: string[] }> {
  const { placed, leftWaiting } = await deps.db
    .transaction()
    .execute((tx) => assignWaitingInTx(tx, accountId, chatIds));
  for (const { chat, event } of placed) await deps.events.emit('chat.assigned', { chat, events: [event] });
  if (placed.length > 0) await deps.events.emit('queue.changed', { accountId });
  return { assigned: new Map(placed.map(({ chat }) => [chat.id, chat.agent_id!])), leftWaiting };
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
        const { assigned, leftWaiting } = await assignWaiting(
          deps,
          chat.account_id,
          batch.map((w) => w.chatId),
        );
        // The batch committed: for these new chats nobody was free, they wait in the queue (RTE-5).
        for (const chatId of leftWaiting)
          await deps.events.emit('chat.queued', { chatId, accountId: chat.account_id });
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
      ).assigned.size;
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
