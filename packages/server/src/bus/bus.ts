/** Fan-out of events between instances. The database is the source of truth; the bus only says "look". */
export interface Bus {
  publish(channel: string, message: unknown): Promise<void>;
  /** Returns a function that removes this handler. */
  subscribe(channel: string, handler: (message: unknown) => void): Promise<() => Promise<void>>;
  /**
   * Called when this instance's handlers may have missed messages: a Redis connection of this instance came
   * back, or another instance's publisher did (its messages sent meanwhile may be lost). Receivers catch up
   * from the database. Returns a function that removes the handler.
   */
  onGap(handler: () => void): () => void;
  close(): Promise<void>;
}
