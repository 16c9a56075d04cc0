/**
 * The public `parley(...)` API of the loader (CON-1), as pure functions so they can be tested without a page:
 * the snippet queues calls in `parley.q` (each an `arguments` object) until the loader replaces it.
 */

export type VisitorInfo = { name?: string; email?: string; data?: Record<string, string> };

export interface CommandHandlers {
  open(): void;
  close(): void;
  visitor(info: VisitorInfo): void;
  /** GOL-4: the page reached a goal: `parley('goal', …)`'s arguments (checked by goal.js). */
  goal(args: unknown[]): void;
  /** GOL-5: a callback for a campaign event (`chat.started` …). */
  on(name: string, fn: (detail: unknown) => void): void;
  warn(message: string): void;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The visitor details worth forwarding, or null when there is nothing usable. */
export function toVisitorInfo(value: unknown): VisitorInfo | null {
  if (!isRecord(value)) return null;
  const info: VisitorInfo = {};
  if (typeof value.name === 'string') info.name = value.name.slice(0, 100);
  if (typeof value.email === 'string') info.email = value.email.slice(0, 320);
  if (isRecord(value.data)) {
    const data: Record<string, string> = {};
    for (const [k, v] of Object.entries(value.data)) {
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') {
        data[k.slice(0, 100)] = String(v).slice(0, 1000);
      }
    }
    info.data = data;
  }
  return Object.keys(info).length ? info : null;
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
        case 'visitor': {
          const info = toVisitorInfo(rest[0]);
          if (info) h.visitor(info);
          else h.warn("parley('visitor', …) expects an object like { name, email, data }");
          return;
        }
        case 'goal':
          // Checked by goal.js, loaded at the first goal (GOL-4).
          return h.goal(rest);
        case 'on':
          // parley('on', 'chat.started', fn): anything else is not a command.
          return typeof rest[1] == 'function'
            ? h.on(rest[0] as string, rest[1] as (detail: unknown) => void)
            : h.warn(`parley: unknown command "${name}"`);
        default:
          h.warn(`parley: unknown command "${name}"`);
      }
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
