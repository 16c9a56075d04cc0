import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import websocket from '@fastify/websocket';
import { CloseCode, SOCKET_MAX_PAYLOAD } from '@parley/protocol';
import type { Redis } from 'ioredis';
import type { Deps } from '../deps.js';
import { addressLimits, memorySlots, redisSlots } from './address-limits.js';
import { agentSocket } from './agent-gateway.js';
import type { Connection } from './connection.js';
import { visitorSocket } from './visitor-gateway.js';
import { QueuePositions } from './queue-positions.js';

const PING_INTERVAL_MS = 15_000;
const PING_TICK_MS = 250;
/** After a bus gap the sockets' catch-ups start within about this long (jittered). */
const GAP_SPREAD_MS = 100;

/**
 * The WebSocket gateway: /ws/visitor (widget) and /ws/agent (console). Every socket is pinged; one that misses
 * a pong is terminated. On shutdown every socket is closed with 1001 so clients reconnect elsewhere at once.
 */
export async function realtimeGateway(
  app: FastifyInstance,
  opts: { deps: Deps; instanceId?: string; redis?: Redis | undefined },
) {
  const { deps } = opts;
  const { config } = deps;
  const instanceId = opts.instanceId ?? randomUUID();
  const limits = addressLimits(app, {
    socketsPerAddress: config.visitorSocketsPerIp,
    hellosPerMinute: config.visitorHellosPerIpPerMinute,
    chatsPerMinute: config.visitorChatsPerIpPerMinute,
    slots: opts.redis ? redisSlots(opts.redis, config.redisPrefix, instanceId, app.log) : memorySlots(),
  });
  await app.register(websocket, {
    options: { maxPayload: SOCKET_MAX_PAYLOAD },
    // A client that breaks the protocol (a frame over the size limit, text that is not UTF-8: ws closes the
    // socket with the matching code) or drops the connection is the client's doing, not a failure of ours.
    errorHandler: (err, socket, req) => {
      const code = (err as { code?: unknown }).code;
      if (
        typeof code === 'string' &&
        (code.startsWith('WS_ERR_') || code === 'ECONNRESET' || code === 'EPIPE')
      )
        req.log.info({ code, reason: err.message }, 'socket closed by a client error');
      else req.log.error({ err }, 'socket failed');
      socket.terminate();
    },
  });

  const positions = new QueuePositions(deps.db, deps.bus, app.log);
  const live = new Map<Connection<{ type: string }>, (() => Promise<void>) | undefined>();
  const track = (c: Connection<{ type: string }>, onPing?: () => Promise<void>) => {
    live.set(c, onPing);
    return () => void live.delete(c);
  };
  // Each socket is pinged once per PING_INTERVAL_MS, a slice every PING_TICK_MS: pinging thousands of sockets in
  // one loop would stall every conversation of the instance for tens of milliseconds each interval.
  let round: [Connection<{ type: string }>, (() => Promise<void>) | undefined][] = [];
  let next = 0;
  const pinger = setInterval(() => {
    if (next >= round.length) {
      round = [...live];
      next = 0;
    }
    const end = Math.min(round.length, next + Math.ceil((round.length * PING_TICK_MS) / PING_INTERVAL_MS));
    for (; next < end; next++) {
      const [c, onPing] = round[next]!;
      if (!live.has(c)) continue;
      if (!c.alive) {
        c.socket.terminate();
        live.delete(c);
        continue;
      }
      c.alive = false;
      try {
        c.socket.ping();
      } catch {
        /* closing */
      }
      onPing?.().catch((err) => app.log.warn({ err }, 'heartbeat failed'));
    }
  }, PING_TICK_MS);
  pinger.unref();
  // Bus messages may have been lost (a Redis connection came back): every socket catches up from the database,
  // a bounded number at a time (Connection.resyncSoon), and waiting visitors get their places again.
  const offGap = deps.bus.onGap(() => {
    app.log.warn({ sockets: live.size }, 'bus reconnected: sockets catch up from the database');
    for (const c of live.keys()) c.resyncSoon(GAP_SPREAD_MS);
    positions.refreshAll();
  });

  app.addHook('preClose', async () => {
    offGap();
    clearInterval(pinger);
    positions.close();
    limits.close();
    const open = [...live.keys()];
    for (const c of open) c.close(CloseCode.goingAway, 'server shutting down');
    // Let each socket's close work (presence, visitor-left timers) reach the database before it closes.
    await new Promise((r) => setTimeout(r, 50));
    await Promise.race([
      Promise.allSettled(open.map((c) => c.closing)),
      new Promise((r) => setTimeout(r, 5000)),
    ]);
  });

  app.get(
    '/ws/visitor',
    { websocket: true, schema: { hide: true } },
    visitorSocket(app, deps, instanceId, positions, track, limits),
  );
  app.get(
    '/ws/agent',
    { websocket: true, schema: { hide: true } },
    agentSocket(app, deps, instanceId, track),
  );
}
