import type { FastifyBaseLogger } from 'fastify';
import type { VisitorChatView } from '@parley/protocol';
import type { Bus } from '../bus/index.js';
import type { Db } from '../db/database.js';
import { isDatabaseUnavailable } from '../db/unavailable.js';
import { channel, queuedViews, type AccountBusMessage } from '../modules/chats/index.js';

const RETRY_MS = 2_000;

type Watcher = (view: VisitorChatView) => void;

/**
 * Keeps waiting visitors told their place in the queue (RTE-5) without a query per visitor per change: one
 * bus subscription per account on this instance, and changes coalesced into one query per account per
 * `delayMs` that computes every position at once.
 */
export class QueuePositions {
  private readonly accounts = new Map<
    string,
    { chats: Map<string, Watcher>; unsubscribe?: Promise<() => Promise<void>>; timer?: NodeJS.Timeout }
  >();
  private readonly last = new Map<string, number>();

  constructor(
    private readonly db: Db,
    private readonly bus: Bus,
    private readonly log: FastifyBaseLogger,
    private readonly delayMs = 250,
  ) {}

  watch(accountId: string, chatId: string, send: Watcher): void {
    let a = this.accounts.get(accountId);
    if (!a) {
      a = { chats: new Map() };
      this.accounts.set(accountId, a);
      a.unsubscribe = this.bus.subscribe(channel.account(accountId), (m) => {
        if ((m as AccountBusMessage).kind === 'queue-changed') this.schedule(accountId);
      });
    }
    a.chats.set(chatId, send);
  }

  unwatch(accountId: string, chatId: string): void {
    const a = this.accounts.get(accountId);
    if (!a) return;
    a.chats.delete(chatId);
    this.last.delete(chatId);
    if (a.chats.size === 0) {
      clearTimeout(a.timer);
      this.accounts.delete(accountId);
      void a.unsubscribe?.then((off) => off()).catch(() => {});
    }
  }

  /** Every account again: changes may have been missed (a Redis reconnect). */
  refreshAll(): void {
    for (const accountId of this.accounts.keys()) this.schedule(accountId);
  }

  private schedule(accountId: string, delayMs = this.delayMs) {
    const a = this.accounts.get(accountId);
    if (!a || a.timer) return;
    a.timer = setTimeout(() => {
      a.timer = undefined;
      this.refresh(accountId).catch((err: unknown) => {
        // Not dropped: tried again until the database answers (the visitors' places may have moved meanwhile).
        if (isDatabaseUnavailable(err))
          this.log.warn({ err: (err as Error).message }, 'queue positions deferred');
        else this.log.error({ err }, 'queue positions failed');
        this.schedule(accountId, RETRY_MS);
      });
    }, delayMs);
    a.timer.unref();
  }

  private async refresh(accountId: string) {
    const a = this.accounts.get(accountId);
    if (!a) return;
    const views = new Map((await queuedViews(this.db, accountId)).map((v) => [v.id, v]));
    for (const [chatId, send] of [...a.chats]) {
      const view = views.get(chatId);
      if (!view) {
        // No longer waiting: the chat's own channel tells the visitor what happened.
        this.unwatch(accountId, chatId);
        continue;
      }
      if (this.last.get(chatId) === view.queuePosition) continue;
      this.last.set(chatId, view.queuePosition ?? 0);
      send(view);
    }
  }

  close(): void {
    for (const [accountId, a] of this.accounts) {
      clearTimeout(a.timer);
      for (const chatId of a.chats.keys()) this.unwatch(accountId, chatId);
    }
  }
}
