import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import {
  AgentClientFrame,
  CloseCode,
  FrameErrorCode,
  SESSION_COOKIE,
  type AgentChatSummary,
  type AgentServerFrame,
} from '@parley/protocol';
import { isDatabaseUnavailable } from '../db/unavailable.js';
import type { Deps } from '../deps.js';
import { loadSessionActor, type Actor } from '../modules/identity/index.js';
import * as chats from '../modules/chats/index.js';
import {
  channel,
  type AgentBusMessage,
  type ChatBusMessage,
  type VisitorsBusMessage,
} from '../modules/chats/index.js';
import {
  agentConnected,
  agentDisconnected,
  agentHeartbeat,
  agentStatus,
  setAgentStatus,
} from '../modules/presence/index.js';
import { campaignTools } from '../modules/campaigns/index.js';
import { closeChatAsAgent } from '../modules/goals/index.js';
import { Connection, notFoundOnly } from './connection.js';
import { originAllowed, ownOrigins } from '../http/origin.js';

type Session = {
  conn: Connection<AgentServerFrame>;
  actor: Actor;
  token: string;
  ip: string;
  connectionId: string;
  name: string;
  /** The last `chat.upsert` sent per chat, so a catch-up sends only what changed. */
  summaries: Map<string, string>;
};

/** /ws/agent: the agent console (CON-3). Signed in by the session cookie, from our own origin only. */
export function agentSocket(
  app: FastifyInstance,
  deps: Deps,
  instanceId: string,
  track: (c: Connection<AgentServerFrame>, onPing: () => Promise<void>) => () => void,
) {
  return (socket: WebSocket, req: FastifyRequest) => {
    const conn = new Connection<AgentServerFrame>(socket, deps.bus, app.log, { rate: 20, burst: 60 });
    // Listeners are attached at once so no frame is lost while the session is checked; frames are handled
    // in order once the welcome has been sent.
    let session: Session | undefined;
    let untrack = () => {};
    let queue = (async () => {
      const own = ownOrigins(deps.config.publicUrl, req.headers.host, req.protocol === 'https');
      if (!originAllowed(req.headers.origin, own))
        return conn.close(CloseCode.forbiddenOrigin, 'origin not allowed');
      const token = req.cookies[SESSION_COOKIE];
      const actor = token ? await loadSessionActor(deps.db, token, req.ip) : undefined;
      if (!token || !actor) return conn.close(CloseCode.unauthenticated, 'sign in first');
      if (actor === 'ip-not-allowed') return conn.close(CloseCode.forbiddenOrigin, 'address not allowed');
      if (conn.closed) return;
      const me = await deps.db
        .selectFrom('users')
        .select(['first_name', 'nickname'])
        .where('id', '=', actor.userId)
        .executeTakeFirstOrThrow();
      const s: Session = {
        conn,
        actor,
        token,
        ip: req.ip,
        connectionId: randomUUID(),
        name: chats.agentDisplayName(me),
        summaries: new Map(),
      };
      let beats = 0;
      // The heartbeat may come while the handshake below has not registered the connection yet: it then has
      // nothing to renew, and must not register it a second time beside the handshake.
      let registered = false;
      untrack = track(conn, async () => {
        if (!registered) return;
        if (!(await agentHeartbeat(deps, s.connectionId))) {
          // The connection's row is gone: the database was unreachable for longer than the presence timeout
          // and the sweeper took the agent for gone. The console is here: register it again.
          await agentConnected(deps, s.actor, s.connectionId, instanceId);
          conn.resyncSoon();
        }
        // Every few heartbeats, check the session still exists (logout, password change, user deleted).
        if (++beats % 3 === 0) {
          const still = await loadSessionActor(deps.db, s.token, req.ip);
          if (!still || still === 'ip-not-allowed') conn.close(CloseCode.sessionEnded, 'session ended');
        }
      });
      // Set before the welcome's work, so a socket that closes meanwhile still removes its connection row.
      session = s;
      await conn.subscribe(channel.agent(actor.userId), (m) => void onAgentBus(s, m as AgentBusMessage));
      // A sign-out between the session check above and the subscription would otherwise go unheard.
      const still = await loadSessionActor(deps.db, token, req.ip);
      if (!still || still === 'ip-not-allowed') return conn.close(CloseCode.sessionEnded, 'session ended');
      const status = await agentConnected(deps, actor, s.connectionId, instanceId);
      registered = true;
      const open = await chats.agentOpenChats(deps.db, actor);
      for (const c of open) await watch(s, c.id);
      for (const c of open) s.summaries.set(c.id, JSON.stringify(c));
      conn.resync = () => resync(s);
      conn.send({ type: 'welcome', userId: actor.userId, status, chats: open });
    })().catch((err) => {
      // Without a welcome the console waits for ever: close, and it reconnects (later, if the database is away).
      if (isDatabaseUnavailable(err)) return conn.close(CloseCode.tryAgainLater, 'database unreachable');
      app.log.error({ err }, 'agent handshake failed');
      conn.close(CloseCode.badHandshake, 'handshake failed');
    });
    socket.on('message', (raw) => {
      queue = queue.then(() => (session && !conn.closed ? onFrame(session, raw) : undefined));
    });
    socket.on('close', () => {
      untrack();
      queue = queue.then(async () => {
        await conn.settled();
        await conn.dispose();
        if (session)
          await agentDisconnected(deps, session.connectionId).catch((err) =>
            app.log.error({ err }, 'agent close'),
          );
      });
      conn.closing = queue;
    });
  };

  async function onFrame(s: Session, raw: unknown) {
    const frame = s.conn.parse(raw, AgentClientFrame);
    if (!frame) return;
    // The console waits for the answer to these; it cannot just send them again.
    const closeIfUnavailable = frame.type === 'hello' || frame.type === 'sync';
    const ctx =
      'cid' in frame
        ? { cid: frame.cid, chatId: frame.chatId }
        : 'chatId' in frame
          ? { chatId: frame.chatId }
          : {};
    if (frame.type === 'message.send') {
      // Queued in the writer now, in frame order; acked once stored, without holding up the next frames.
      s.conn.ackWhenStored(
        frame.cid,
        chats.agentMessage(deps, s.actor, frame.chatId, frame.cid, frame.text, s.name),
        ctx,
      );
      return;
    }
    // Anything else comes after the messages sent before it (a close after the last words).
    await s.conn.settled();
    await s.conn.handle(
      async () => {
        switch (frame.type) {
          case 'hello':
            for (const r of frame.chats) {
              const chat = await chats.chatForAgentRead(deps.db, s.actor, r.chatId).catch(notFoundOnly);
              if (!chat) {
                s.conn.error(FrameErrorCode.notFound, 'Chat not found', { chatId: r.chatId });
                continue;
              }
              await watch(s, chat.id);
              await s.conn.streams.get(chat.id)?.resync(r.afterSeq);
            }
            return;
          case 'presence.set': {
            const status = await setAgentStatus(deps, s.actor, frame.status);
            s.conn.send({ type: 'presence', status });
            return;
          }
          case 'typing':
            await chats.chatForAgentWrite(deps.db, s.actor, frame.chatId);
            await deps.events.emit('chat.typing', {
              chatId: frame.chatId,
              from: 'agent',
              typing: frame.typing,
              name: s.name,
            });
            return;
          case 'chat.close':
            // GOL-1: with the codes chosen in the close dialog; refused when the campaign forces a code.
            await closeChatAsAgent(deps, s.actor, frame.chatId, frame.codeIds);
            return;
          case 'read':
            await chats.chatForAgentWrite(deps.db, s.actor, frame.chatId);
            await deps.events.emit('chat.read', {
              chatId: frame.chatId,
              by: 'agent',
              seq: frame.seq,
            });
            return;
          case 'sync': {
            const chat = await chats.chatForAgentRead(deps.db, s.actor, frame.chatId);
            await watch(s, chat.id);
            await s.conn.streams.get(chat.id)?.resync(frame.afterSeq);
            return;
          }
          case 'visitors.watch': {
            // TLS-6: the account's visitors' rows while the Visitors list is on screen (the list itself and
            // visitors leaving come from GET /api/visitors/live).
            const name = channel.visitors(s.actor.accountId);
            if (!frame.watch) return s.conn.unsubscribe(name);
            await s.conn.subscribe(name, (m) => {
              const { visitor } = m as VisitorsBusMessage;
              if (visitor) s.conn.send({ type: 'visitor.upsert', visitor });
            });
            return;
          }
        }
      },
      ctx,
      { closeIfUnavailable },
    );
  }

  async function watch(s: Session, chatId: string) {
    await s.conn.follow(
      chatId,
      channel.chat(chatId),
      (after) => chats.eventsAfter(deps.db, chatId, after),
      (m) => void onChatBus(s, m as ChatBusMessage),
    );
  }

  async function unwatch(s: Session, chatId: string) {
    await s.conn.unfollow(chatId, channel.chat(chatId));
  }

  async function upsert(s: Session, chatId: string, onlyIfChanged = false) {
    const summary = await chats.agentChatSummary(deps.db, chatId);
    if (!summary) return;
    if (summary.agentId !== s.actor.userId) {
      await unwatch(s, chatId);
      s.summaries.delete(chatId);
      s.conn.send({ type: 'chat.removed', chatId });
      return;
    }
    sendSummary(s, summary, onlyIfChanged);
  }

  function sendSummary(s: Session, summary: AgentChatSummary, onlyIfChanged: boolean) {
    const json = JSON.stringify(summary);
    if (onlyIfChanged && s.summaries.get(summary.id) === json) return;
    s.summaries.set(summary.id, json);
    s.conn.send({ type: 'chat.upsert', chat: summary });
  }

  /**
   * Brings the console up to date after it may have missed bus messages (a Redis reconnect) or failed to read
   * (a lost database): chats assigned meanwhile, each followed chat's events and summary (sent only when they
   * changed: an upsert makes the console fetch the chat's details), and the agent's status. Throws while the
   * database is unreachable (tried again later).
   */
  async function resync(s: Session) {
    if (s.conn.closed) return;
    const open = await chats.agentOpenChats(deps.db, s.actor);
    for (const c of open) {
      if (!s.conn.streams.has(c.id)) await watch(s, c.id);
      sendSummary(s, c, true);
    }
    const listed = new Set(open.map((c) => c.id));
    for (const [chatId, stream] of [...s.conn.streams]) {
      await stream.refresh();
      if (!listed.has(chatId)) await upsert(s, chatId, true);
    }
    s.conn.send({ type: 'presence', status: await agentStatus(deps, s.actor.userId) });
  }

  /** Whether the chat's campaign has Visitor Info on (its campaign from the summary sent, else the database). */
  async function visitorInfoOn(s: Session, chatId: string): Promise<boolean> {
    const sent = s.summaries.get(chatId);
    const campaignId = sent
      ? (JSON.parse(sent) as AgentChatSummary).campaignId
      : ((await chats.findChatById(deps.db, chatId))?.campaign_id ?? null);
    return (await campaignTools(deps.db, s.actor.accountId, campaignId)).visitorInfo;
  }

  async function onAgentBus(s: Session, m: AgentBusMessage) {
    try {
      switch (m.kind) {
        case 'assigned':
          await watch(s, m.chatId);
          await upsert(s, m.chatId);
          return;
        case 'removed':
          await unwatch(s, m.chatId);
          s.summaries.delete(m.chatId);
          s.conn.send({ type: 'chat.removed', chatId: m.chatId });
          return;
        case 'presence':
          s.conn.send({ type: 'presence', status: m.status });
          return;
        case 'session-ended': {
          if (m.sessionId && m.sessionId !== s.actor.sessionId) return;
          const still = m.sessionId ? undefined : await loadSessionActor(deps.db, s.token, s.ip);
          if (!still || still === 'ip-not-allowed') s.conn.close(CloseCode.sessionEnded, 'session ended');
          return;
        }
      }
    } catch (err) {
      s.conn.fanOutFailed(err);
    }
  }

  async function onChatBus(s: Session, m: ChatBusMessage) {
    try {
      switch (m.kind) {
        case 'event':
          s.conn.streams.get(m.chatId)?.onLive(m.event);
          return;
        case 'changed':
          await upsert(s, m.chatId);
          return;
        case 'typing':
          if (m.from === 'visitor')
            s.conn.send({ type: 'typing', chatId: m.chatId, typing: m.typing, preview: m.text });
          return;
        case 'read':
          if (m.by === 'visitor') s.conn.send({ type: 'read', chatId: m.chatId, seq: m.seq });
          return;
        case 'visitor-moved':
          // TLS-7: the visitor's pages are Visitor Info; none of it reaches the console while that tool is off.
          if (await visitorInfoOn(s, m.chatId)) s.conn.send({ type: 'visitor.moved', chatId: m.chatId });
          return;
      }
    } catch (err) {
      s.conn.fanOutFailed(err);
    }
  }
}
