type Handler = (message: unknown) => void;

/**
 * This process's handlers by channel. A publish reaches them directly, without a round trip through Redis:
 * after the work of the current tick (so a sender's `ack`, sent in the same tick as the publish, leaves
 * first), in publish order, all of one tick's messages in one go. Messages are shared, not copied: nobody
 * changes a message after publishing it or in a handler.
 */
export class LocalHandlers {
  private readonly byChannel = new Map<string, Set<Handler>>();
  private queue: [string, unknown][] = [];

  /** Queues the message for this channel's handlers (those subscribed when it is delivered). */
  deliver(channel: string, message: unknown): void {
    if (!this.byChannel.has(channel)) return;
    if (this.queue.length === 0) process.nextTick(() => this.flush());
    this.queue.push([channel, message]);
  }

  private flush(): void {
    const queue = this.queue;
    this.queue = [];
    for (const [channel, message] of queue) this.run(channel, message);
  }

  /** Calls the channel's handlers now; one that throws does not stop the others. */
  run(channel: string, message: unknown): void {
    const set = this.byChannel.get(channel);
    if (!set) return;
    for (const h of set) {
      try {
        h(message);
      } catch {
        // Handlers report their own errors; the bus only keeps the others going.
      }
    }
  }

  /** Adds a handler; true when it is the channel's first. */
  add(channel: string, handler: Handler): boolean {
    const set = this.byChannel.get(channel);
    if (set) {
      set.add(handler);
      return false;
    }
    this.byChannel.set(channel, new Set([handler]));
    return true;
  }

  /** Removes a handler; true when the channel has none left. */
  remove(channel: string, handler: Handler): boolean {
    const set = this.byChannel.get(channel);
    if (!set || !set.delete(handler)) return false;
    if (set.size > 0) return false;
    this.byChannel.delete(channel);
    return true;
  }

  clear(): void {
    this.byChannel.clear();
    this.queue = [];
  }
}
