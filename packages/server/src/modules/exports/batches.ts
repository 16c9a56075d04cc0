// Reading a report's rows batch after batch (keyset pagination), so that no report is held in memory whole.
// The next batch is read only when the last row of this one has been taken: a slow download reads no faster
// than it is sent (the CSV stream pulls rows as the response drains).

/** Rows per statement of a streamed report. */
export const BATCH_SIZE = 500;

/** One batch: the rows after `after` (the last row of the previous batch; none for the first), at most `limit`. */
export type NextBatch<R> = (after: R | undefined, limit: number) => Promise<R[]>;

/** Every row, batch after batch, until a batch comes back short. */
export async function* keyset<R>(next: NextBatch<R>, size = BATCH_SIZE): AsyncGenerator<R> {
  let after: R | undefined;
  for (;;) {
    const rows: (R | undefined)[] = await next(after, size);
    const n = rows.length;
    // Each row is let go of as it is taken, so the rows already sent are garbage while the rest wait.
    for (let i = 0; i < n; i++) {
      after = rows[i]!;
      rows[i] = undefined;
      yield after;
    }
    if (n < size) return;
  }
}
