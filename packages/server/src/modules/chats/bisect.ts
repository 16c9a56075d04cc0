import { isDatabaseUnavailable } from '../../db/unavailable.js';

/**
 * A failure that is no row's fault: the database is unreachable or the connection was lost, or an error that
 * did not come from the database at all (no SQLSTATE). Splitting the batch would only send more statements to
 * a database that cannot take them.
 */
export function isConnectionError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code) || isDatabaseUnavailable(err);
}

export type Settled<R> = { ok: true; value: R } | { ok: false; error: unknown };

/**
 * Writes `items` in one call of `write`; when that fails because of some row (a poison message, a cid raced in
 * from another instance), writes each half the same way, in order, so the rows before a bad one keep their order
 * and one bad row among n costs about 2·log2(n) statements instead of n. Only the rows that fail alone are
 * refused, each with its own error. A connection error is not split: it is thrown, and the caller refuses
 * every row not yet written with it.
 */
export async function writeBisecting<T, R>(
  items: T[],
  write: (items: T[]) => Promise<R[]>,
  settle: (index: number, outcome: Settled<R>) => void,
  offset = 0,
): Promise<void> {
  if (items.length === 0) return;
  let results: R[];
  try {
    results = await write(items);
  } catch (error) {
    if (isConnectionError(error)) throw error;
    if (items.length === 1) return settle(offset, { ok: false, error });
    const mid = Math.ceil(items.length / 2);
    await writeBisecting(items.slice(0, mid), write, settle, offset);
    await writeBisecting(items.slice(mid), write, settle, offset + mid);
    return;
  }
  results.forEach((value, i) => settle(offset + i, { ok: true, value }));
}
