import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Redis } from 'ioredis';
import type { Bus } from './bus.js';
import { LocalHandlers } from './local.js';

/** Where a publisher that came back tells every instance to catch up (prefixed like every channel). */
const RESYNC_CHANNEL = '__resync';

/**
 * The name this process's Redis connections carry (CLIENT LIST, CLIENT KILL NAME …): the installation's prefix,
 * the connection's role, the host and the process id, so an operator (or a test) can find one instance's
 * connections.
 */
export function redisClientName(prefix: string, role: string): string {
  return `${prefix}${role}:${hostname()}:${process.pid}`.replace(/[^\w:.@/-]/g, '_');
}

/**
 * Redis pub/sub: one connection publishes, one subscribes; channels are shared by every instance. A message
 * reaches this instance's own handlers directly (LocalHandlers) and the others through Redis: each message is
 * tagged with the publishing instance, and Redis's copy of an instance's own message is dropped unread.
 *
 * Pub/sub is fire-and-forget: while a connection is down (killed, Redis restarted, a network blip) messages are
 * lost. So when the subscriber comes back (and has subscribed again) this instance's gap handlers run, and
 * when the publisher comes back (or a publish failed) it tells every instance to run theirs: receivers read
 * what they missed from the database.
 */
export async function createRedisBus(
  url: string,
  prefix: string,
  onError: (err: Error) => void,
): Promise<Bus> {
  // Auto-pipelining sends all publishes of one tick in one write.
  const pub = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 3,
    enableAutoPipelining: true,
    connectionName: redisClientName(prefix, 'bus-pub'),
  });
  const sub = new Redis(url, { lazyConnect: true, connectionName: redisClientName(prefix, 'bus-sub') });
  pub.on('error', onError);
  sub.on('error', onError);
  await Promise.all([pub.connect(), sub.connect()]);
  const local = new LocalHandlers();
  const gapHandlers = new Set<() => void>();
  const gap = () => {
    for (const h of gapHandlers) {
      try {
        h();
      } catch {
        // Handlers report their own errors.
      }
    }
  };
  const tag = randomBytes(8).toString('hex');
  const tagBytes = Buffer.from(tag);
  const ownMessage = (raw: Buffer) =>
    raw.length >= tagBytes.length && tagBytes.compare(raw, 0, tagBytes.length) === 0;
  const resyncChannel = prefix + RESYNC_CHANNEL;
  sub.on('messageBuffer', (prefixed: Buffer, raw: Buffer) => {
    if (ownMessage(raw)) return;
    const channel = prefixed.toString();
    if (channel === resyncChannel) return gap();
    let message: unknown;
    try {
      message = JSON.parse(raw.toString('utf8', tagBytes.length));
    } catch {
      return;
    }
    local.run(channel.slice(prefix.length), message);
  });
  await sub.subscribe(resyncChannel);

  let closing = false;
  // ioredis subscribes again to every channel on its own before 'ready'; subscribing once more to one of them
  // is answered after those, so the catch-up reads the database only once messages flow again.
  sub.on('ready', () => {
    if (closing) return;
    sub.subscribe(resyncChannel).then(gap, (err: Error) => {
      onError(err);
      gap();
    });
  });

  // If this fails too, the publisher is down again and says it on its next 'ready'.
  const broadcastResync = () => void pub.publish(resyncChannel, tag).catch(() => {});
  pub.on('ready', () => {
    if (!closing) broadcastResync();
  });

  return {
    async publish(channel, message) {
      local.deliver(channel, message);
      try {
        await pub.publish(prefix + channel, tag + JSON.stringify(message));
      } catch (err) {
        // Stored before published, so nothing is lost but the news: every instance is told to look as soon as
        // the publisher can (on its next 'ready', or now if it is up and the failure was something else).
        onError(err as Error);
        if (pub.status === 'ready') broadcastResync();
      }
    },
    async subscribe(channel, handler) {
      if (local.add(channel, handler)) await sub.subscribe(prefix + channel);
      return async () => {
        if (local.remove(channel, handler)) await sub.unsubscribe(prefix + channel);
      };
    },
    onGap(handler) {
      gapHandlers.add(handler);
      return () => void gapHandlers.delete(handler);
    },
    async close() {
      closing = true;
      local.clear();
      gapHandlers.clear();
      pub.disconnect();
      sub.disconnect();
    },
  };
}
