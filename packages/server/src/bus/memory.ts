import type { Bus } from './bus.js';

/** The single-process bus: handlers run on a later tick, as they would after a Redis round trip. */
export function createMemoryBus(): Bus {
  const handlers = new Map<string, Set<(message: unknown) => void>>();
  return {
    async publish(channel, message) {
      const set = handlers.get(channel);
      if (!set) return;
      const copy = structuredClone(message);
      for (const h of [...set]) queueMicrotask(() => h(copy));
    },
    async subscribe(channel, handler) {
      let set = handlers.get(channel);
      if (!set) handlers.set(channel, (set = new Set()));
      set.add(handler);
      return async () => {
        set.delete(handler);
        if (set.size === 0) handlers.delete(channel);
      };
    },
    async close() {
      handlers.clear();
    },
  };
}
