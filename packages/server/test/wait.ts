import type { DomainEventMap, DomainEventName, DomainEvents } from '../src/events/index.js';

/**
 * Waits for a condition that no event announces (a row in the database, a process's state): asks `check` again
 * and again until it returns something other than undefined/null/false, and returns that. Fails with `what`
 * (and the last value seen) after `timeoutMs` — a generous bound, so a loaded machine is slow, not red. This is
 * not a sleep: the test goes on the moment the condition holds.
 */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  { timeoutMs = 30_000, everyMs = 25 }: { timeoutMs?: number; everyMs?: number } = {},
): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    const v = await check();
    if (v !== undefined && v !== null && v !== false) return v;
    last = v;
    if (Date.now() > end)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${String(last)})`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/**
 * Every `name` domain event the app emits from now on, in order (a test listener registered after the app's
 * own, so it runs once they have). For waiting on something the product already announces.
 */
export function recordEvents<K extends DomainEventName>(events: DomainEvents, name: K): DomainEventMap[K][] {
  const seen: DomainEventMap[K][] = [];
  events.on(name, `test: record ${name}`, (payload) => {
    seen.push(payload);
  });
  return seen;
}
