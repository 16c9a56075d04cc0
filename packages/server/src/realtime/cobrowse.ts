import {
  COBROWSE_BATCH_EVENTS_MAX,
  COBROWSE_BATCH_MAX,
  CobrowseEnd,
  ErrorCode,
  FrameErrorCode,
  type VisitorServerFrame,
} from '@parley/protocol';
import type { Db } from '../db/database.js';
import type { VisitorRow } from '../db/schema.js';
import type { Deps } from '../deps.js';
import { AppError } from '../errors.js';
import * as chats from '../modules/chats/index.js';
import { channel, type ChatBusMessage, type CobrowseBusMessage } from '../modules/chats/index.js';
import { Bucket, type Connection, type SideBudget } from './connection.js';

/** An agent's "show me" asks the visitor's recorder for a full snapshot at most this often. */
const SNAPSHOT_EVERY_MS = 2_000;
/** The agent is told "some events were dropped" at most this often. */
const DROPPED_NOTICE_MS = 1_000;
/** rrweb's event types (EventType: DomContentLoaded 0 … Plugin 6). */
const EVENT_TYPE_MAX = 6;

/**
 * TLS-5: whether screen sharing may go on for the chat's campaign: its Cobrowsing tool (TLS-7; campaignTools,
 * cached for a couple of seconds per instance, so asking on every batch costs nothing).
 */
export type CobrowseTool = (db: Db, accountId: string, campaignId: string | null) => Promise<boolean>;

type Share = {
  chatId: string;
  campaignId: string | null;
  /** The parts of a batch that came so far (`more: true`), and their length. */
  parts: string[];
  partsLength: number;
  snapshotAskedAt: number;
  droppedToldAt: number;
};

/**
 * Is `text` the JSON of a batch of rrweb events: an array of 1…COBROWSE_BATCH_EVENTS_MAX objects, each with a known
 * numeric `type` and a `timestamp`? Only such batches are relayed (the agent's replay gets no garbage).
 */
export function isEventBatch(text: string): boolean {
  let batch: unknown;
  try {
    batch = JSON.parse(text);
  } catch {
    return false;
  }
  if (!Array.isArray(batch) || batch.length === 0 || batch.length > COBROWSE_BATCH_EVENTS_MAX) return false;
  for (const e of batch) {
    if (e === null || typeof e !== 'object' || Array.isArray(e)) return false;
    const { type, timestamp } = e as { type?: unknown; timestamp?: unknown };
    if (!Number.isInteger(type) || (type as number) < 0 || (type as number) > EVENT_TYPE_MAX) return false;
    if (typeof timestamp !== 'number' || !Number.isFinite(timestamp)) return false;
  }
  return true;
}

/**
 * TLS-5, cobrowsing, for one visitor socket: the chats whose screen this visitor shares, and the relay of their
 * recorded events to the chat's agent over the bus (`cobrowse:<chatId>`, to every instance). Nothing is stored.
 * Events are refused unless the visitor opted in (`cobrowse.start`) and the campaign's Cobrowsing tool is on, and
 * are limited in frames and bytes per second (a budget apart from the socket's other frames).
 */
export class VisitorCobrowse {
  private readonly shares = new Map<string, Share>();
  private readonly frames: Bucket;
  private readonly bytes: Bucket;

  constructor(
    private readonly deps: Deps,
    private readonly conn: Connection<VisitorServerFrame>,
    private readonly visitor: () => VisitorRow | undefined,
    private readonly toolOn: CobrowseTool,
  ) {
    const { cobrowseFramesPerSecond: fps, cobrowseBytesPerSecond: bps } = deps.config;
    this.frames = new Bucket(fps, fps * 3);
    this.bytes = new Bucket(bps, Math.max(bps, COBROWSE_BATCH_MAX + 4096));
  }

  /**
   * The socket's recorded events spend this budget (Connection.parse), not the socket's; a start or a stop
   * spends the socket's, so that a stop always gets through.
   */
  readonly budget: SideBudget = {
    raw: Buffer.from('{"type":"cobrowse.events"'),
    type: 'cobrowse.events',
    take: (bytes) => this.frames.take() && this.bytes.take(bytes),
    refused: ({ chatId }) => this.dropped(chatId),
  };

  get sharing(): boolean {
    return this.shares.size > 0;
  }

  /** The visitor turned sharing on: only for their open chat, when its campaign's tool is on. */
  async start(chatId: string): Promise<void> {
    const visitor = this.visitor()!;
    const chat = await chats.chatOfVisitor(this.deps.db, visitor, chatId);
    if (chat.status === 'closed') throw chats.chatClosed();
    if (!(await this.toolOn(this.deps.db, chat.account_id, chat.campaign_id)))
      throw new AppError(ErrorCode.toolDisabled, "Cobrowsing is turned off for this chat's campaign", 403);
    if (!this.shares.has(chatId))
      this.shares.set(chatId, {
        chatId,
        campaignId: chat.campaign_id,
        parts: [],
        partsLength: 0,
        snapshotAskedAt: 0,
        droppedToldAt: 0,
      });
    this.conn.send({ type: 'cobrowse.state', chatId, sharing: true });
    await this.tell(chatId, true);
  }

  /** Sharing of the chat ends: the visitor turned it off, or the server ends it (then the widget is told). */
  async stop(chatId: string, reason: CobrowseEnd): Promise<void> {
    if (!this.shares.delete(chatId)) {
      if (reason === CobrowseEnd.stopped) this.off(chatId);
      return;
    }
    if (reason !== CobrowseEnd.stopped) this.conn.send({ type: 'cobrowse.state', chatId, sharing: false });
    await this.tell(chatId, false, reason);
  }

  /** The socket closed (the visitor left the page or lost the connection): every sharing ends. */
  async closeAll(): Promise<void> {
    const ids = [...this.shares.keys()];
    this.shares.clear();
    for (const chatId of ids) await this.tell(chatId, false, CobrowseEnd.left);
  }

  /** A part of a batch of recorded events: kept until the batch is whole, then checked and relayed. */
  async events(frame: { chatId: string; data: string; more?: boolean | undefined }): Promise<void> {
    const share = this.shares.get(frame.chatId);
    if (!share) return this.off(frame.chatId);
    if (share.partsLength + frame.data.length > COBROWSE_BATCH_MAX) {
      share.parts = [];
      share.partsLength = 0;
      this.conn.error(
        FrameErrorCode.overLimit,
        `A batch of recorded events has at most ${COBROWSE_BATCH_MAX} characters; it was dropped`,
        { chatId: share.chatId },
      );
      return this.notifyDropped(share);
    }
    if (frame.more) {
      share.parts.push(frame.data);
      share.partsLength += frame.data.length;
      return;
    }
    const data = share.parts.length ? share.parts.join('') + frame.data : frame.data;
    share.parts = [];
    share.partsLength = 0;
    if (!isEventBatch(data)) {
      this.conn.error(
        FrameErrorCode.badFrame,
        'data: recorded events must be the JSON text of an array of rrweb events',
        { chatId: share.chatId },
      );
      return;
    }
    // The manager turned the tool off meanwhile: sharing ends (the widget and the agent are told).
    if (!(await this.toolOn(this.deps.db, this.visitor()!.account_id, share.campaignId))) {
      this.conn.error(FrameErrorCode.forbidden, "Cobrowsing is turned off for this chat's campaign", {
        chatId: share.chatId,
      });
      return this.stop(share.chatId, CobrowseEnd.toolOff);
    }
    const m: CobrowseBusMessage = { kind: 'events', data };
    await this.deps.bus.publish(channel.cobrowse(share.chatId), m);
  }

  /** A message on a chat's channel that concerns sharing (the chat ended; an agent wants a full snapshot). */
  async onChatBus(m: ChatBusMessage): Promise<void> {
    if (!('chatId' in m)) return;
    const share = this.shares.get(m.chatId);
    if (!share) return;
    if (m.kind === 'event' && m.event.type === 'closed') return this.stop(m.chatId, CobrowseEnd.closed);
    if (m.kind === 'cobrowse-snapshot') {
      // The agent who asks learns that the screen is shared, and sees it from a full snapshot on.
      await this.tell(m.chatId, true);
      if (Date.now() - share.snapshotAskedAt < SNAPSHOT_EVERY_MS) return;
      share.snapshotAskedAt = Date.now();
      this.conn.send({ type: 'cobrowse.snapshot', chatId: m.chatId });
    }
  }

  private off(chatId: string | undefined) {
    this.conn.error(
      FrameErrorCode.cobrowseOff,
      'Screen sharing is not on for this chat: cobrowse.start first',
      {
        ...(chatId ? { chatId } : {}),
      },
    );
  }

  /** Over the budget: the frame is dropped (and a batch it belonged to); the widget sends a full snapshot later. */
  private dropped(chatId: string | undefined) {
    const share = chatId ? this.shares.get(chatId) : undefined;
    this.conn.error(
      FrameErrorCode.rateLimited,
      'Screen sharing sends more than the server takes: some of it was dropped',
      chatId ? { chatId } : {},
    );
    if (!share) return;
    share.parts = [];
    share.partsLength = 0;
    void this.notifyDropped(share).catch((err: unknown) => this.conn.fanOutFailed(err));
  }

  private async notifyDropped(share: Share) {
    if (Date.now() - share.droppedToldAt < DROPPED_NOTICE_MS) return;
    share.droppedToldAt = Date.now();
    const m: CobrowseBusMessage = { kind: 'dropped' };
    await this.deps.bus.publish(channel.cobrowse(share.chatId), m);
  }

  private async tell(chatId: string, sharing: boolean, reason?: CobrowseEnd) {
    const m: ChatBusMessage = { kind: 'cobrowse', chatId, sharing, ...(reason ? { reason } : {}) };
    await this.deps.bus.publish(channel.chat(chatId), m);
  }
}
