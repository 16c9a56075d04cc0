import type { FastifyBaseLogger } from 'fastify';
import type { Deps } from '../../deps.js';
import type { DomainEvent } from '../../events/index.js';
import { closeInTx, markVisitorLeft } from '../chats/index.js';
import { sweepPresence } from '../presence/index.js';
import { drainAllQueues, forwardInTx } from '../routing/index.js';
import { claimDue, clearDeadline, type Deadline } from './repo.js';
import { heartbeatInstance, releaseDeadInstances } from './instances.js';

type Pub = Pick<Deps, 'db' | 'events'>;
type Handler = (
  tx: Deps['db'],
  chat: NonNullable<Awaited<ReturnType<typeof claimDue>>>,
) => Promise<DomainEvent[]>;

/** What each deadline does when it fires: visitor left and inactivity close (CON-8), auto-forward (CMP-8). */
const handlers: Record<Deadline, Handler> = {
  left_deadline_at: markVisitorLeft,
  close_deadline_at: (tx, chat) => closeInTx(tx, chat, { kind: 'system', reason: 'inactive' }),
  forward_deadline_at: forwardInTx,
};

/**
 * Fires every due deadline of one kind, one chat per transaction, and emits what each did once it committed.
 * Returns how many fired.
 */
export async function fireDue(deps: Pub, deadline: Deadline, max = 100): Promise<number> {
  const handler = handlers[deadline];
  let fired = 0;
  while (fired < max) {
    const done = await deps.db.transaction().execute(async (tx) => {
      const chat = await claimDue(tx, deadline);
      if (!chat) return undefined;
      await clearDeadline(tx, chat.id, deadline);
      return handler(tx, chat);
    });
    if (!done) break;
    fired++;
    await deps.events.emitAll(done);
  }
  return fired;
}

/**
 * Runs in every instance: timers every second; presence and the queue's safety net every five. The database
 * decides who fires what, so running it everywhere is safe and a restarted instance loses nothing.
 */
export function startSweeper(
  deps: Pub,
  log: FastifyBaseLogger,
  opts: { instanceId: string; intervalMs?: number },
) {
  let current: Promise<void> | null = null;
  let ticks = 0;
  const runOnce = async () => {
    try {
      await fireDue(deps, 'forward_deadline_at');
      await fireDue(deps, 'left_deadline_at');
      await fireDue(deps, 'close_deadline_at');
      if (ticks++ % 5 === 0) {
        await heartbeatInstance(deps.db, opts.instanceId);
        await releaseDeadInstances(deps.db);
        await sweepPresence(deps);
        await drainAllQueues(deps);
      }
    } catch (err) {
      log.error({ err }, 'sweeper failed');
    }
  };
  const start = () => {
    current = runOnce().finally(() => {
      current = null;
    });
    return current;
  };
  /** The interval skips a tick while one is running; an explicit tick waits for it and then runs. */
  const tick = async () => {
    while (current) await current;
    await start();
  };
  const timer = setInterval(() => {
    if (!current) void start();
  }, opts.intervalMs ?? 1000);
  timer.unref();
  return {
    tick,
    async stop() {
      clearInterval(timer);
      while (current) await current;
    },
  };
}
