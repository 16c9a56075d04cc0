import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openDatabase, poolOf, type DatabaseHandle } from './database.js';
import { PgliteThread } from './pglite-thread.js';

// The embedded engine on its own thread (DESIGN: PGlite by default): the same answers as a server, errors that
// leave the connection usable, and a stopped engine that fails queries instead of hanging or crashing.
let h: DatabaseHandle;
beforeAll(async () => {
  h = await openDatabase({ dataDir: 'memory://' });
  await sql`create table t (id int primary key, v text not null, at timestamptz default now())`.execute(h.db);
});
afterAll(async () => {
  await h?.close();
});

describe('PGlite on its own thread', () => {
  it('answers parameterised, named-prepared and simple statements', async () => {
    await h.db
      .insertInto('t' as never)
      .values({ id: 1, v: 'a' } as never)
      .execute();
    const client = await poolOf(h.db)!.connect();
    try {
      for (const [id, v] of [
        [2, 'b'],
        [3, '<script>'],
      ] as const)
        await client.query({ name: 'ins', text: 'insert into t (id, v) values ($1, $2)', values: [id, v] });
      const simple = await client.query('select count(*)::int as n from t');
      expect(simple.rows).toEqual([{ n: 3 }]);
    } finally {
      client.release();
    }
    const rows = await sql<{
      id: number;
      v: string;
      at: Date;
    }>`select * from t where id >= ${2} order by id`.execute(h.db);
    expect(rows.rows.map((r) => [r.id, r.v])).toEqual([
      [2, 'b'],
      [3, '<script>'],
    ]);
    expect(rows.rows[0]!.at).toBeInstanceOf(Date);
  });

  it('reports an error with its code and goes on answering; a failed transaction leaves nothing', async () => {
    await expect(sql`insert into t (id, v) values (${1}, ${'dup'})`.execute(h.db)).rejects.toMatchObject({
      code: '23505',
    });
    await expect(
      h.db.transaction().execute(async (tx) => {
        await sql`insert into t (id, v) values (${10}, ${'x'})`.execute(tx);
        await sql`select 1 / 0`.execute(tx);
      }),
    ).rejects.toMatchObject({ code: '22012' });
    const n = await sql<{ n: number }>`select count(*)::int as n from t`.execute(h.db);
    expect(n.rows).toEqual([{ n: 3 }]);
  });

  it('a large statement (a message batch) makes the round trip whole', async () => {
    const big = 'é'.repeat(200_000);
    const r = await sql<{ len: number }>`select length(${big}) as len`.execute(h.db);
    expect(r.rows).toEqual([{ len: 200_000 }]);
  });

  it('makes a new data directory (on a thread of its own) and finds its data again after a restart', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'parley-pglite-'));
    try {
      const first = await openDatabase({ dataDir: dir });
      await sql`create table kept (v text)`.execute(first.db);
      await sql`insert into kept values (${'still here'})`.execute(first.db);
      const buffers = await sql<{ s: string }>`select current_setting('shared_buffers') as s`.execute(
        first.db,
      );
      expect(buffers.rows).toEqual([{ s: '32MB' }]);
      await first.close();
      const again = await openDatabase({ dataDir: dir });
      try {
        expect((await sql`select v from kept`.execute(again.db)).rows).toEqual([{ v: 'still here' }]);
      } finally {
        await again.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a stopped engine fails calls with a clear error', async () => {
    const engine = new PgliteThread({ dataDir: 'memory://' });
    await engine.waitReady;
    await engine.close();
    await expect(engine.dumpDataDir()).rejects.toThrow(/PGlite thread stopped/);
  });
});
