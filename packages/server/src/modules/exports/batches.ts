// Reading a report's rows batch after batch (keyset pagination), so that no report is held in memory whole.
// While one batch is being sent, the next one is read (the database works while this process writes CSV); the
// one after that only once the response has taken the current batch's last row, so at most two batches are held
// whatever the speed of the download (the CSV stream pulls rows as the response drains).

/** Rows per statement of a streamed report (bench/exports: 500 and 1000 stream alike, 500 holds less). */
export const BATCH_SIZE = 500;

/** One batch: the rows after `after` (the last row of the previous batch; none for the first), at most `limit`. */
export type NextBatch<R> = (after: R | undefined, limit: number) => Promise<R[]>;

/** Every row, batch after batch, until a batch comes back short. */
export async function* keyset<R>(next: NextBatch<R>, size = BATCH_SIZE): AsyncGenerator<R> {
  let ahead: Promise<R[]> | undefined = next(undefined, size);
  try {
    while (ahead) {
      const rows: (R | undefined)[] = await ahead;
      const n = rows.length;
      ahead = n < size ? undefined : next(rows[n - 1], size);
      // A failure of the batch read ahead is thrown when it is awaited, not left unhandled meanwhile.
      ahead?.catch(() => {});
      // Each row is let go of as it is taken, so the rows already sent are garbage while the rest wait.
      for (let i = 0; i < n; i++) {
        const row = rows[i]!;
        rows[i] = undefined;
        yield row;
      }
    }
  } finally {
    // The download stopped early (the client went away): the batch read ahead is not waited for.
    ahead?.catch(() => {});
  }
}
