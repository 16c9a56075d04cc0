import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Bus } from './bus.js';
import { LocalHandlers } from './local.js';

/**
 * Redis pub/sub: one connection publishes, one subscribes; channels are shared by every instance. A message
 * reaches this instance's own handlers directly (LocalHandlers) and the others through Redis: each message is
 * tagged with the publishing instance, and Redis's copy of an instance's own message is dropped unread.
 */
export async function createRedisBus(
  url: string,
  prefix: string,
  onError: (err: Error) => void,
): Promise<Bus> {
  // Auto-pipelining sends all publishes of one tick in one write.
  const pub = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3, enableAutoPipelining: true });
  const sub = new Redis(url, { lazyConnect: true });
  pub.on('error', onError);
  sub.on('error', onError);
  await Promise.all([pub.connect(), sub.connect()]);
  const local = new LocalHandlers();
  const tag = randomBytes(8).toString('hex');
  const tagBytes = Buffer.from(tag);
  const ownMessage = (raw: Buffer) =>
    raw.length >= tagBytes.length && tagBytes.compare(raw, 0, tagBytes.length) === 0;
  sub.on('messageBuffer', (prefixed: Buffer, raw: Buffer) => {
    if (ownMessage(raw)) return;
    let message: unknown;
    try {
      message = JSON.parse(raw.toString('utf8', tagBytes.length));
    } catch {
      return;
    }
    local.run(prefixed.toString().slice(prefix.length), message);
  });
  return {
    async publish(channel, message) {
      local.deliver(channel, message);
      await pub.publish(prefix + channel, tag + JSON.stringify(message));
    },
    async subscribe(channel, handler) {
      if (local.add(channel, handler)) await sub.subscribe(prefix + channel);
      return async () => {
        if (local.remove(channel, handler)) await sub.unsubscribe(prefix + channel);
      };
    },
    async close() {
      local.clear();
      pub.disconnect();
      sub.disconnect();
    },
  };
}
