import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { cellText, csvStream, neutralise } from './csv.js';

async function text(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks);
}

async function* rowsOf<T>(rows: T[]) {
  yield* rows;
}

describe('CSV cells (EXP-1…9)', () => {
  it.each([
    ['=1+2', "'=1+2"],
    ['+31 20 123', "'+31 20 123"],
    ['-5', "'-5"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['\rx', "'\rx"],
    ['plain', 'plain'],
    ['a=b', 'a=b'],
    ['', ''],
    ["'already", "'already"],
  ])('neutralises %j as %j', (input, out) => expect(neutralise(input)).toBe(out));

  it('writes numbers, booleans and nothing as they are, and never neutralises a number', () => {
    expect([-1, 0, 2.5, true, false, null, undefined, Number.NaN].map(cellText)).toEqual([
      '-1',
      '0',
      '2.5',
      'true',
      'false',
      '',
      '',
      '',
    ]);
  });
});

describe('CSV stream', () => {
  it('is RFC 4180 with CRLF and a BOM, and round-trips quotes, commas, line breaks and non-ASCII text', async () => {
    const rows = [
      ['Zoë Ærøskøbing', 'say "hi", ok', 'two\nlines', 'cr\r\nlf', '=HYPERLINK("x")', 42],
      ['日本語', '', null, true, '@me', -3],
    ];
    const buf = await text(csvStream(['name', 'note', 'a', 'b', 'c', 'n'], rowsOf(rows)));
    expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const body = buf.toString('utf8');
    expect(body.slice(1).startsWith('name,note,a,b,c,n\r\n')).toBe(true);
    expect(body.endsWith('\r\n')).toBe(true);
    const parsed = parse(body, { bom: true }) as string[][];
    expect(parsed).toEqual([
      ['name', 'note', 'a', 'b', 'c', 'n'],
      ['Zoë Ærøskøbing', 'say "hi", ok', 'two\nlines', 'cr\r\nlf', `'=HYPERLINK("x")`, '42'],
      ['日本語', '', '', 'true', "'@me", '-3'],
    ]);
  });

  it('streams a large report without holding it (back-pressure through the generator)', async () => {
    let produced = 0;
    async function* many() {
      for (let i = 0; i < 50_000; i++) {
        produced++;
        yield [i, `row ${i}`];
      }
    }
    const stream = csvStream(['i', 'name'], many());
    // Before anyone reads, only a bounded number of rows have been pulled.
    await new Promise((resolve) => setImmediate(resolve));
    expect(produced).toBeLessThan(5_000);
    const lines = (await text(stream)).toString('utf8').split('\r\n');
    expect(lines).toHaveLength(50_002);
    expect(produced).toBe(50_000);
  });
});
