// CSV files of the exports (EXP-1…9): RFC 4180 (CRLF, fields quoted when they hold a comma, quote or line
// break), UTF-8 with a byte order mark so that spreadsheet programs read the names right, and cells that a
// spreadsheet would run as a formula neutralised. Rows stream through with back-pressure: memory stays flat
// whatever the size of the report.
import { Readable, pipeline } from 'node:stream';
import { stringify } from 'csv-stringify';

export type Cell = string | number | boolean | null | undefined;

/** A text cell that a spreadsheet would take for a formula (=, +, -, @, tab, CR first) gets a leading '. */
export function neutralise(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** A cell as written: text neutralised, numbers as they are, true/false, nothing as an empty field. */
export function cellText(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return neutralise(value);
}

/**
 * Waits for the first row (or the end) before anything is sent, so that a report that cannot be read fails with
 * an error answer rather than a cut-off file; the rest streams.
 */
export async function primed<T>(rows: AsyncIterable<T>): Promise<AsyncIterable<T>> {
  const it = rows[Symbol.asyncIterator]();
  const first = await it.next();
  return {
    async *[Symbol.asyncIterator]() {
      if (first.done) return;
      yield first.value;
      for (let n = await it.next(); !n.done; n = await it.next()) yield n.value;
    },
  };
}

/** The CSV bytes of a header and rows, streamed; a failure while reading rows ends the stream with it. */
export function csvStream(header: string[], rows: AsyncIterable<Cell[]>): Readable {
  const out = stringify({
    bom: true,
    record_delimiter: 'windows',
    quoted_match: /[\r\n]/,
    cast: { string: (v) => v },
  });
  const source = Readable.from(
    (async function* () {
      yield header.map(cellText);
      for await (const row of rows) yield row.map(cellText);
    })(),
    // A few rows ahead of csv-stringify: rows waiting here are live data (bench/exports).
    { objectMode: true, highWaterMark: 16 },
  );
  pipeline(source, out, () => {
    /* a failure is carried by `out` (destroyed with it) to the response, which is cut short */
  });
  return out;
}
