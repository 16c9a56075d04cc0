import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isConnectionError, writeBisecting, type Settled } from './bisect.js';

const rowError = (code: string) => Object.assign(new Error(`row failed (${code})`), { code });

/** A "database" that refuses any statement holding a poison row, and counts statements. */
function database(poison: Set<number>, failWith: () => Error = () => rowError('23505')) {
  const statements: number[][] = [];
  const write = (rows: number[]) => {
    statements.push(rows);
    if (rows.some((r) => poison.has(r))) return Promise.reject(failWith());
    return Promise.resolve(rows.map((r) => r * 10));
  };
  return { statements, write };
}

describe('writeBisecting', () => {
  it('stores every clean row in order, refuses only the poison ones, in O(log n) statements per poison row', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 1000 }),
        fc.array(fc.nat(), { maxLength: 4 }),
        async (n, picks) => {
          const rows = Array.from({ length: n }, (_, i) => i);
          const poison = new Set(picks.map((p) => p % n));
          const db = database(poison);
          const outcomes = new Map<number, Settled<number>>();
          let twice = 0;
          await writeBisecting(rows, db.write, (i, o) => {
            if (outcomes.has(i)) twice++;
            outcomes.set(i, o);
          });
          expect(twice).toBe(0);
          expect(outcomes.size).toBe(n);
          const wrong = rows.filter((r) => {
            const o = outcomes.get(r)!;
            return poison.has(r) ? o.ok : !(o.ok && o.value === r * 10);
          });
          expect(wrong).toEqual([]);
          // Rows reach the database in their order (a chat's messages keep their seqs in order).
          const stored = db.statements.filter((s) => !s.some((r) => poison.has(r))).flat();
          expect(stored).toEqual(rows.filter((r) => !poison.has(r)));
          const depth = Math.ceil(Math.log2(n)) + 1;
          expect(db.statements.length).toBeLessThanOrEqual(1 + 2 * poison.size * depth);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('one poison row in a batch of 4,000 costs about 2·log2(n) statements, not 4,000', async () => {
    const db = database(new Set([1234]));
    await writeBisecting(
      Array.from({ length: 4000 }, (_, i) => i),
      db.write,
      () => {},
    );
    expect(db.statements.length).toBeLessThanOrEqual(25);
  });

  it('does not split on a connection error: it throws the original error after one statement', async () => {
    for (const err of [
      new Error('Connection terminated unexpectedly'),
      Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
      rowError('57P01'),
      rowError('08006'),
    ]) {
      const db = database(new Set([3]), () => err);
      const settled: number[] = [];
      await expect(writeBisecting([1, 2, 3, 4], db.write, (i) => void settled.push(i))).rejects.toBe(err);
      expect(db.statements).toHaveLength(1);
      expect(settled).toEqual([]);
    }
  });
});

describe('isConnectionError', () => {
  it.each([
    [undefined, true],
    ['ECONNREFUSED', true],
    ['ETIMEDOUT', true],
    ['08000', true],
    ['08006', true],
    ['08P01', true],
    ['57P01', true],
    ['57P02', true],
    ['57P03', true],
    ['57014', false],
    ['23505', false],
    ['23503', false],
    ['22P02', false],
    ['40P01', false],
  ])('code %s → %s', (code, expected) => {
    expect(isConnectionError(code ? rowError(code) : new Error('x'))).toBe(expected);
  });
});
