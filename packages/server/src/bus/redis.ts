import { Redis } from 'ioredis';
import type { Bus } from './bus.js';

/** Redis pub/sub: one connection publishes, one subscribes; channels are shared by every instance. */
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
  const handlers = new Map<string, Set<(message: unknown) => void>>();
  sub.on('message', (prefixed: string, raw: string) => {
    const set = handlers.get(prefixed.slice(prefix.length));
    if (!set) return;
    let message: unknown;
    try {
      message = JSON.parse(raw);
    } catch {
      return;
    }
    for (const h of [...set]) h(message);
  });
  return {
    async publish(channel, message) {
      await pub.publish(prefix + channel, JSON.stringify(message));
    },
    async subscribe(channel, handler) {
      let set = handlers.get(channel);
      if (!set) {
        handlers.set(channel, (set = new Set()));
        await sub.subscribe(prefix + channel);
      }
      set.add(handler);
      return async () => {
        set.delete(handler);
        if (set.size === 0 && handlers.get(channel) === set) {
          handlers.delete(channel);
          await sub.unsubscribe(prefix + channel);
        }
      };
    },
    async close() {
      handlers.clear();
      pub.disconnect();
      sub.disconnect();
    },
  };
}
