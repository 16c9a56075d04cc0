import type { Bus } from './bus.js';
import { LocalHandlers } from './local.js';

/** The single-process bus: handlers run after the publisher's tick, in publish order. */
export function createMemoryBus(): Bus {
  const local = new LocalHandlers();
  return {
    async publish(channel, message) {
      local.deliver(channel, message);
    },
    async subscribe(channel, handler) {
      local.add(channel, handler);
      return async () => {
        local.remove(channel, handler);
      };
    },
    // One process: nothing is ever missed.
    onGap() {
      return () => {};
    },
    async close() {
      local.clear();
    },
  };
}
