/**
 * The public `parley(...)` API of the loader (CON-1), as pure functions so they can be tested without a page:
 * the snippet queues calls in `parley.q` (each an `arguments` object) until the loader replaces it.
 */

export interface CommandHandlers {
  open(): void;
  close(): void;
  /** The page names its visitor: `parley('visitor', …)`'s arguments (checked by visitor.js). */
  visitor(args: unknown[]): void;
  /** GOL-4: the page reached a goal: `parley('goal', …)`'s arguments (checked by goal.js). */
  goal(args: unknown[]): void;
  /** GOL-5: a callback for a campaign event (`chat.started` …). */
  on(name: string, fn: (detail: unknown) => void): void;
  warn(message: string): void;
}

/** Returns the function that runs one call; it never throws into the host page. */
export function createDispatcher(h: CommandHandlers): (args: ArrayLike<unknown>) => void {
  return (args) => {
    const [command, ...rest] = Array.prototype.slice.call(args) as unknown[];
    const name = typeof command === 'string' ? command : typeof command;
    try {
      switch (command) {
        case 'open':
          return h.open();
        case 'close':
          return h.close();
        case 'visitor':
          // Checked by visitor.js, loaded at the first call (a page that names no visitor pays nothing for it).
          return h.visitor(rest);
        case 'goal':
          // Checked by goal.js, loaded at the first goal (GOL-4).
          return h.goal(rest);
        case 'on':
          // parley('on', 'chat.started', fn): anything else is not a command.
          if (typeof rest[1] == 'function')
            return h.on(rest[0] as string, rest[1] as (detail: unknown) => void);
      }
      h.warn(`parley: unknown command "${name}"`);
    } catch (err) {
      h.warn(`parley: ${name} failed: ${err instanceof Error ? err.message : 'error'}`);
    }
  };
}

/** Runs the calls queued by the snippet, in order; anything malformed is skipped. */
export function replayQueue(queue: unknown, dispatch: (args: ArrayLike<unknown>) => void): void {
  if (!Array.isArray(queue)) return;
  for (const args of queue as unknown[]) {
    if (args && typeof args === 'object' && typeof (args as ArrayLike<unknown>).length === 'number') {
      dispatch(args as ArrayLike<unknown>);
    }
  }
}
