import { createHash } from 'node:crypto';
import { VISIT_IDLE_SECONDS } from '@parley/protocol';
import type { Bus } from '../../bus/index.js';
import type { Db } from '../../db/database.js';
import * as repo from './repo.js';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** On this channel every instance hears of a visitor's hand invite (INV-6): waiting (`invite`) or done (null). */
export const HAND_INVITES_CHANNEL = 'hand-invites';
export type HandInviteMessage = { visitorId: string; invite: { id: string; agentName: string } | null };

type View = { tokenHash: string; websiteId: string; visitId: string; visitorId: string; at: number };
type Answer = { again: true } | { again: false; invite: { id: string; agentName: string } | null };

/** Page views followed in memory at most (5,000 visitors use 5,000); beyond, the oldest are read again. */
const MAX_VIEWS = 200_000;

/**
 * TLS-6, "visitors are many": heartbeats cost no SQL statement each. A page view this instance recorded (or
 * whose first heartbeat it checked in the database) is known in memory with its token's hash, website and
 * visit; its heartbeats only note the time, and every `flushMs` one statement per table writes the last seen of
 * every page view and visit that beat meanwhile. A heartbeat of an unknown page view (another instance recorded
 * it, or this one restarted) is checked with one statement (repo.heartbeat) and known from then on.
 *
 * Hand invites waiting for a visitor (INV-6) are known on every instance through the bus (HAND_INVITES_CHANNEL)
 * and read again from the database when bus messages may have been lost, so a heartbeat answers with one from
 * memory.
 */
export class Heartbeats {
  private readonly views = new Map<number, View>();
  private readonly beatViews = new Map<number, number>();
  private readonly beatVisits = new Map<string, number>();
  private readonly invites = new Map<string, { id: string; agentName: string; at: number }>();
  private readonly timer: NodeJS.Timeout;
  private readonly unsubscribe: Promise<() => Promise<void>>;
  private readonly offGap: () => void;
  private flushing: Promise<void> = Promise.resolve();
  private readonly now: () => number;

  constructor(
    private readonly db: Db,
    bus: Bus,
    private readonly log: { warn(o: object, m: string): void },
    opts: { flushMs?: number; now?: () => number } = {},
  ) {
    this.now = opts.now ?? Date.now;
    // Often, so each batch is small: PGlite runs in the server's thread, and one large write would hold up the chats.
    const flushMs = opts.flushMs ?? 500;
    this.unsubscribe = bus.subscribe(HAND_INVITES_CHANNEL, (m) => this.onInvite(m as HandInviteMessage));
    this.offGap = bus.onGap(() => void this.reloadInvites());
    void this.reloadInvites();
    this.timer = setInterval(() => void this.flush(), flushMs);
    this.timer.unref();
  }

  /** A page view this instance recorded: its heartbeats need no check in the database. */
  remember(viewId: number, v: Omit<View, 'at' | 'tokenHash'> & { token: string }): void {
    if (this.views.size >= MAX_VIEWS) this.views.clear();
    const { token, ...rest } = v;
    this.views.set(viewId, { ...rest, tokenHash: hashToken(token), at: this.now() });
  }

  /** A heartbeat: `again` when the page view is not this token's on this site, or its visit ended. */
  async beat(websiteId: string, token: string, viewId: number): Promise<Answer> {
    const now = this.now();
    const tokenHash = hashToken(token);
    const known = this.views.get(viewId);
    if (known) {
      if (known.tokenHash !== tokenHash || known.websiteId !== websiteId) return { again: true };
      if (now - known.at > VISIT_IDLE_SECONDS * 1000) {
        this.views.delete(viewId);
        return { again: true };
      }
      known.at = now;
      this.beatViews.set(viewId, now);
      this.beatVisits.set(known.visitId, now);
      return { again: false, invite: this.inviteFor(known.visitorId, now) };
    }
    const hb = await repo.heartbeat(this.db, { websiteId, tokenHash, viewId });
    if (!hb) return { again: true };
    if (this.views.size >= MAX_VIEWS) this.views.clear();
    this.views.set(viewId, { tokenHash, websiteId, visitId: hb.visitId, visitorId: hb.visitorId, at: now });
    return { again: false, invite: this.inviteFor(hb.visitorId, now) ?? hb.invite };
  }

  /** Writes the last seen of every page view and visit that beat since the last flush (two statements). */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      if (this.beatViews.size === 0) return;
      const views = [...this.beatViews];
      const visits = [...this.beatVisits];
      this.beatViews.clear();
      this.beatVisits.clear();
      try {
        await repo.touchPageViews(this.db, views);
        await repo.touchVisits(this.db, visits);
      } catch (err) {
        // Lost with the database: the next heartbeats write it again.
        this.log.warn({ err }, 'heartbeats not written');
      }
    });
    return this.flushing;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    this.offGap();
    await (
      await this.unsubscribe
    )();
    await this.flush();
  }

  private inviteFor(visitorId: string, now: number) {
    const invite = this.invites.get(visitorId);
    if (!invite) return null;
    if (now - invite.at > repo.HAND_INVITE_TTL_SECONDS * 1000) {
      this.invites.delete(visitorId);
      return null;
    }
    return { id: invite.id, agentName: invite.agentName };
  }

  private onInvite(m: HandInviteMessage): void {
    if (m.invite) this.invites.set(m.visitorId, { ...m.invite, at: this.now() });
    else this.invites.delete(m.visitorId);
  }

  private async reloadInvites(): Promise<void> {
    try {
      const rows = await repo.pendingHandInvites(this.db);
      this.invites.clear();
      for (const r of rows)
        this.invites.set(r.visitor_id, { id: r.id, agentName: r.agent_name, at: +new Date(r.created_at) });
    } catch (err) {
      this.log.warn({ err }, 'hand invites not read');
    }
  }
}
