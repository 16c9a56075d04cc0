import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import { z } from 'zod';
import {
  CloseCode,
  ErrorCode,
  FrameErrorCode,
  offlineFormErrors,
  VisitorClientFrame,
  type VisitorServerFrame,
} from '@parley/protocol';
import { AppError, invalid } from '../errors.js';
import type { CampaignRow, VisitorRow, WebsiteRow } from '../db/schema.js';
import { isDatabaseUnavailable, retryWhileUnavailable } from '../db/unavailable.js';
import type { Deps } from '../deps.js';
import { campaignTools, resolveCampaignForWebsite } from '../modules/campaigns/index.js';
import * as chats from '../modules/chats/index.js';
import { channel, type ChatBusMessage, type VisitorBusMessage } from '../modules/chats/index.js';
import { routeChat, routeChatTo } from '../modules/routing/index.js';
import {
  countryFrom,
  handInviteAgent,
  identifyVisitor,
  parseUserAgent,
  recordPageView,
  recordChatView,
  storeVisitor,
  updateVisitorProfile,
  type SocketVisitor,
} from '../modules/visitors/index.js';
import { isCampaignGreeting } from '../modules/invites/index.js';
import { reachGoalsOnPage } from '../modules/goals/index.js';
import { liveChatNow } from '../modules/presence/index.js';
import { findWebsiteById } from '../modules/websites/index.js';
import { Connection, notFoundOnly } from './connection.js';
import type { AddressLimits } from './address-limits.js';
import type { QueuePositions } from './queue-positions.js';
import { originAllowed, ownOrigins } from '../http/origin.js';

const HELLO_TIMEOUT_MS = 10_000;

type Session = {
  conn: Connection<VisitorServerFrame>;
  site: WebsiteRow;
  campaign: CampaignRow | undefined;
  visitor?: VisitorRow;
  visitId: string | null;
  /** Chats of this socket waiting in the queue (told their position). */
  queued: Set<string>;
  lastUrl?: string;
  userAgent: string;
  /** Whether the visitor's row exists (see identifyVisitor); until then nothing of theirs is in the database. */
  known?: SocketVisitor;
  req: FastifyRequest;
};

/** /ws/visitor?site=<websiteId>: the widget's chat frame (CON-1, CON-2). */
export function visitorSocket(
  app: FastifyInstance,
  deps: Deps,
  instanceId: string,
  positions: QueuePositions,
  track: (c: Connection<VisitorServerFrame>) => () => void,
  limits: AddressLimits,
) {
  return (socket: WebSocket, req: FastifyRequest) => {
    const conn = new Connection<VisitorServerFrame>(socket, deps.bus, app.log, {
      rate: deps.config.visitorFramesPerSecond,
      burst: deps.config.visitorFramesPerSecond * 4,
    });
    const untrack = track(conn);
    // Listeners are attached at once (frames sent before the checks below finish must not be lost); frames
    // are handled one at a time, in order, after the handshake checks.
    let session: Session | undefined;
    let helloTimer: NodeJS.Timeout | undefined;
    let releaseSlot = () => {};
    let queue = (async () => {
      // The address's share of sockets is checked before any other work, so a flood costs next to nothing.
      const slot = await limits.openSocket(req);
      if (!slot) return refuse(conn, 'Too many chat windows are open from your address');
      releaseSlot = slot;
      if (conn.closed) return releaseSlot();
      const query = z.object({ site: z.uuid() }).safeParse(req.query);
      const site = query.success
        ? await findWebsiteById(deps.db, query.data.site).catch((err: unknown) => {
            // A database that is away is not an unknown site: the outer catch says "try again later".
            if (isDatabaseUnavailable(err)) throw err;
            return undefined;
          })
        : undefined;
      if (!site) return conn.close(CloseCode.unknownSite, 'unknown site');
      const own = ownOrigins(deps.config.publicUrl, req.headers.host, req.protocol === 'https');
      if (!originAllowed(req.headers.origin, own, [site.host])) {
        return conn.close(CloseCode.forbiddenOrigin, 'origin not allowed for this site');
      }
      const campaign = await resolveCampaignForWebsite(deps.db, site.account_id, site.id);
      if (!campaign) return conn.close(CloseCode.unknownSite, 'no campaign serves this site');
      session = {
        conn,
        site,
        campaign,
        visitId: null,
        queued: new Set(),
        userAgent: String(req.headers['user-agent'] ?? ''),
        req,
      };
      const s = session;
      conn.resync = () => resync(s);
      helloTimer = setTimeout(() => conn.close(CloseCode.badHandshake, 'expected hello'), HELLO_TIMEOUT_MS);
    })().catch((err) => {
      if (isDatabaseUnavailable(err)) return conn.close(CloseCode.tryAgainLater, 'database unreachable');
      app.log.error({ err }, 'visitor handshake failed');
      conn.close(CloseCode.badHandshake, 'handshake failed');
    });
    socket.on('message', (raw) => {
      queue = queue.then(() => (session && !conn.closed ? onFrame(session, raw, helloTimer!) : undefined));
    });
    socket.on('close', () => {
      clearTimeout(helloTimer);
      untrack();
      queue = queue.then(async () => {
        releaseSlot();
        await conn.settled();
        for (const chatId of session?.queued ?? []) positions.unwatch(session!.site.account_id, chatId);
        await conn.dispose();
        const visitor = session?.known?.stored ? session.visitor : undefined;
        // Not lost to a database outage: without it the chat would wait for a visitor who is gone.
        if (visitor)
          await retryWhileUnavailable(
            () => chats.visitorSocketClosed(deps, visitor),
            (err) => app.log.error({ err }, 'visitor close'),
          );
      });
      conn.closing = queue;
    });
  };

  /** TLS-6: the visitor's country, when a trusted proxy says it (VISITOR_COUNTRY_HEADER). */
  function countryOf(req: FastifyRequest): string {
    const header = deps.config.visitorCountryHeader;
    return header ? countryFrom(req.headers[header]) : '';
  }

  /** A per-address limit refused the socket: say so (the widget shows it politely) and close. */
  function refuse(conn: Connection<VisitorServerFrame>, message: string) {
    conn.error(FrameErrorCode.limitReached, message);
    conn.close(CloseCode.rateLimited, 'limit reached');
  }

  /** Writes the visitor's row once there is something to keep: a page view or a chat. */
  async function keep(s: Session) {
    if (!s.known || s.known.stored) return;
    await storeVisitor(deps.db, s.known);
  }

  async function onFrame(s: Session, raw: unknown, helloTimer: NodeJS.Timeout) {
    const frame = s.conn.parse(raw, VisitorClientFrame);
    if (!frame) return;
    if (!s.visitor && frame.type !== 'hello') {
      s.conn.error(FrameErrorCode.badFrame, 'Send hello first');
      s.conn.close(CloseCode.badHandshake, 'expected hello');
      return;
    }
    const ctx = 'cid' in frame ? { cid: frame.cid } : 'chatId' in frame ? { chatId: frame.chatId } : {};
    // The client waits for the answer to these; it cannot just send them again.
    const closeIfUnavailable = frame.type === 'hello' || frame.type === 'sync';
    if (frame.type === 'message.send') {
      // Queued in the writer now, in frame order; acked once stored, without holding up the next frames.
      s.conn.ackWhenStored(
        frame.cid,
        chats.visitorMessage(deps, s.visitor!, frame.chatId, frame.cid, frame.text),
        ctx,
      );
      return;
    }
    // Anything else comes after the messages sent before it (a close after the last words).
    await s.conn.settled();
    await s.conn.handle(
      async () => {
        switch (frame.type) {
          case 'hello': {
            if (s.visitor) return s.conn.error(FrameErrorCode.badFrame, 'Already said hello');
            clearTimeout(helloTimer);
            if ((await limits.hello(s.req)) > 0) {
              return refuse(s.conn, 'Too many chat windows were opened from your address; try again later');
            }
            const { visitor: known, newToken } = await identifyVisitor(
              deps.db,
              s.site.account_id,
              frame.token,
              s.userAgent,
            );
            s.known = known;
            const visitor = known.row;
            s.visitor = visitor;
            if (frame.page) await page(s, frame.page);
            await s.conn.subscribe(
              channel.visitor(visitor.id),
              (m) => void onVisitorBus(s, m as VisitorBusMessage),
            );
            const stored = known.stored;
            if (stored) await chats.visitorPresent(deps, visitor, instanceId);
            const views = stored ? await chats.visitorChatViews(deps.db, visitor) : [];
            for (const v of views) await watch(s, v.id);
            for (const v of views) if (v.status === 'queued' && !v.offlineMessage) watchQueue(s, v.id);
            s.conn.send({
              type: 'welcome',
              visitorId: visitor.id,
              ...(newToken ? { token: newToken } : {}),
              chats: views,
              previousChats: stored ? await chats.countVisitorChats(deps.db, visitor.id) : 0,
            });
            for (const r of frame.chats) {
              const chat = await chats.chatOfVisitor(deps.db, visitor, r.chatId).catch(notFoundOnly);
              if (!chat) {
                s.conn.error(FrameErrorCode.notFound, 'Chat not found', { chatId: r.chatId });
                continue;
              }
              await watch(s, chat.id);
              await s.conn.streams.get(chat.id)?.resync(r.afterSeq);
            }
            return;
          }
          case 'chat.start':
          case 'offline.send': {
            const offline = frame.type === 'offline.send';
            if (offline) {
              // INV-2: refused as a whole, before anything is written.
              const errors = offlineFormErrors(frame);
              if (Object.keys(errors).length > 0) throw invalid(errors, 'The offline form has errors');
            }
            await keep(s);
            const visitor = s.visitor!;
            if (offline) {
              const name = frame.name.trim();
              const email = frame.email.trim();
              // The agent answering sees who wrote and where to answer (only what the visitor gave).
              const profile = { ...(name ? { name } : {}), ...(email ? { email } : {}) };
              if (name || email) await updateVisitorProfile(deps.db, visitor.id, profile);
              Object.assign(visitor, profile);
            }
            // INV-6: accepting an agent's hand invite starts a proactive chat with that agent.
            const hand = offline ? undefined : await handInviteAgent(deps.db, visitor, frame.inviteId);
            const started = await chats.startChat(deps, {
              visitor,
              websiteId: s.site.id,
              campaign: s.campaign,
              visitId: s.visitId,
              cid: frame.cid,
              text: offline ? frame.message : frame.text,
              offlineMessage: offline,
              proactive:
                !offline && (!!hand || (await isCampaignGreeting(deps.db, s.campaign?.id, frame.inviteId))),
              url: s.lastUrl ?? '',
              instanceId,
              // Only a chat that is really new counts toward the address's chats per minute, and only a new live
              // chat asks whether somebody can take it (INV-2: a resent start of a chat that exists goes on).
              beforeCreate: async () => {
                if (!offline && s.campaign && !(await liveChatNow(deps, s.campaign))) {
                  throw new AppError(
                    ErrorCode.nobodyAvailable,
                    'Nobody can take a chat right now; leave a message instead',
                    409,
                  );
                }
                const wait = await limits.newChat(s.req);
                if (wait > 0) {
                  throw new AppError(
                    ErrorCode.limitReached,
                    `Too many chats were started from your address; try again in ${wait} seconds`,
                    429,
                  );
                }
              },
            });
            await watch(s, started.chat.id);
            s.conn.send({ type: 'ack', cid: frame.cid, chatId: started.chat.id, seq: started.seq });
            if (started.created) {
              // The inviting agent takes it when they can (available, under their limit); else it is routed.
              const direct = hand?.userId && (await routeChatTo(deps, started.chat, hand.userId));
              if (!direct) await routeChat(deps, started.chat);
            }
            // Acked: a failure from here on is not the visitor's to resend; the chat's state comes on catch-up.
            await sendState(s, started.chat.id).catch((err: unknown) => s.conn.fanOutFailed(err));
            return;
          }
          case 'typing': {
            const chat = await chats.chatOfVisitor(deps.db, s.visitor!, frame.chatId);
            // TLS-7: with Chat Sneak Preview off, only that the visitor types leaves here — never the text.
            const preview = (await campaignTools(deps.db, chat.account_id, chat.campaign_id)).sneakPreview;
            await deps.events.emit('chat.typing', {
              chatId: frame.chatId,
              from: 'visitor',
              typing: frame.text !== '',
              text: preview ? frame.text : '',
            });
            return;
          }
          case 'chat.close':
            await chats.visitorClose(deps, s.visitor!, frame.chatId);
            return;
          case 'read':
            await chats.chatOfVisitor(deps.db, s.visitor!, frame.chatId);
            await deps.events.emit('chat.read', {
              chatId: frame.chatId,
              by: 'visitor',
              seq: frame.seq,
            });
            return;
          case 'sync': {
            const chat = await chats.chatOfVisitor(deps.db, s.visitor!, frame.chatId);
            await watch(s, chat.id);
            await s.conn.streams.get(chat.id)?.resync(frame.afterSeq);
            return;
          }
          case 'survey.answer': {
            // GOL-2: only to the visitor's own ended chat, while its survey is open.
            const seq = await chats.answerSurvey(deps, s.visitor!, frame);
            s.conn.send({ type: 'ack', cid: frame.cid, chatId: frame.chatId, seq });
            return;
          }
          case 'page':
            await page(s, frame.page);
            return;
          case 'window.opened':
            // Counted for the visit of the page the window was opened on; before any page view there is none.
            if (s.visitId) await recordChatView(deps.db, s.site.account_id, s.visitId);
            return;
          case 'visitor.update': {
            if (s.known?.stored) await updateVisitorProfile(deps.db, s.visitor!.id, frame);
            // Not stored yet: kept with the visitor, written with the row.
            const row = s.visitor!;
            if (frame.name !== undefined) row.name = frame.name;
            if (frame.email !== undefined) row.email = frame.email;
            if (frame.data !== undefined) row.data = { ...row.data, ...frame.data };
            return;
          }
        }
      },
      ctx,
      { closeIfUnavailable },
    );
  }

  async function page(s: Session, p: { url: string; title: string; referrer: string }) {
    await keep(s);
    s.visitId = await recordPageView(deps.db, {
      accountId: s.site.account_id,
      visitorId: s.visitor!.id,
      websiteId: s.site.id,
      campaignId: s.campaign?.id ?? null,
      url: p.url,
      title: p.title,
      referrer: p.referrer,
      userAgent: s.userAgent,
      origin: () => ({ ...parseUserAgent(s.userAgent), country: countryOf(s.req), ip: s.req.ip }),
    });
    s.lastUrl = p.url;
    // GOL-3: goals whose moments match are reached on the page view, where it is recorded (docs/goals.md).
    if (s.campaign)
      await reachGoalsOnPage(deps, {
        accountId: s.site.account_id,
        campaignId: s.campaign.id,
        visitorId: s.visitor!.id,
        visitId: s.visitId,
        url: p.url,
      });
  }

  /** Follows a chat: its events (once the client syncs) and its state changes. */
  async function watch(s: Session, chatId: string) {
    await s.conn.follow(
      chatId,
      channel.chat(chatId),
      async (after) => (await chats.eventsAfter(deps.db, chatId, after)).map(chats.visitorEventView),
      (m) => void onChatBus(s, m as ChatBusMessage),
    );
  }

  function watchQueue(s: Session, chatId: string) {
    s.queued.add(chatId);
    positions.watch(s.site.account_id, chatId, (view) => s.conn.send({ type: 'chat.state', chat: view }));
  }

  async function sendState(s: Session, chatId: string) {
    const chat = await chats.findChat(deps.db, s.site.account_id, chatId);
    if (!chat || chat.visitor_id !== s.visitor?.id) return;
    s.conn.send({ type: 'chat.state', chat: await chats.visitorChatView(deps.db, chat) });
    if (chat.status === 'queued' && !chat.offline_message) watchQueue(s, chat.id);
  }

  /**
   * Brings the socket up to date after it may have missed bus messages (a Redis reconnect) or failed to read
   * (a lost database): each followed chat's events after what was delivered and its state, and chats of this
   * visitor started elsewhere meanwhile. Throws while the database is unreachable (tried again later).
   */
  async function resync(s: Session) {
    const visitor = s.visitor;
    if (!visitor || s.conn.closed) return;
    const views = await chats.visitorChatViews(deps.db, visitor);
    for (const view of views) {
      if (s.conn.streams.has(view.id)) continue;
      await watch(s, view.id);
      s.conn.send({ type: 'chat.state', chat: view });
      if (view.status === 'queued' && !view.offlineMessage) watchQueue(s, view.id);
    }
    for (const [chatId, stream] of [...s.conn.streams]) {
      await stream.refresh();
      const view = views.find((v) => v.id === chatId);
      if (view) {
        s.conn.send({ type: 'chat.state', chat: view });
        if (view.status === 'queued' && !view.offlineMessage) watchQueue(s, chatId);
      } else await sendState(s, chatId);
    }
  }

  async function onChatBus(s: Session, m: ChatBusMessage) {
    try {
      switch (m.kind) {
        case 'event':
          s.conn.streams.get(m.chatId)?.onLive(chats.visitorEventView(m.event));
          return;
        case 'changed':
          await sendState(s, m.chatId);
          return;
        case 'typing':
          if (m.from === 'agent')
            s.conn.send({ type: 'typing', chatId: m.chatId, typing: m.typing, name: m.name });
          return;
        case 'read':
          if (m.by === 'agent') s.conn.send({ type: 'read', chatId: m.chatId, seq: m.seq });
          return;
      }
    } catch (err) {
      s.conn.fanOutFailed(err);
    }
  }

  async function onVisitorBus(s: Session, m: VisitorBusMessage) {
    try {
      if (m.kind === 'chat') {
        // The tab that started the chat follows it already and is told its state after routing.
        if (s.conn.streams.has(m.chatId)) return;
        await watch(s, m.chatId);
        await sendState(s, m.chatId);
      } else if (m.kind === 'socket-closed' && !s.conn.closed && s.visitor) {
        // Another tab closed; this one is still here.
        await chats.visitorPresent(deps, s.visitor, instanceId);
      }
    } catch (err) {
      s.conn.fanOutFailed(err);
    }
  }
}
