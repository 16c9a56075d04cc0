import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { protocol, type messages } from '@electric-sql/pglite';

/**
 * PGlite on a worker thread (pglite-worker.mjs), shaped like the part of PGlite that its node-postgres bridge
 * uses (`waitReady`, `execProtocolStream`). Embedded, the engine would run on the server's own thread, between
 * socket frames; on its own thread it uses the second core.
 *
 * One round trip per statement: the messages of the extended protocol that produce no answer the client waits
 * for (Parse, Bind, Describe, Execute, Close) are held and sent with the Sync (or Flush, or a simple Query)
 * that follows them, as one write to a socket would carry them. Their answers come back with the Sync's, parsed
 * by PGlite's own protocol parser (the one its node-postgres bridge uses: public, and kept in step with it).
 */
export class PgliteThread {
  readonly waitReady: Promise<void>;
  closed = false;
  private worker: Worker | undefined;
  private readonly pending = new Map<number, { resolve(b?: Uint8Array): void; reject(e: Error): void }>();
  private nextId = 1;
  private held: Uint8Array[] = [];
  private stopped: Error | undefined;

  constructor(opts: Options) {
    // initdb (a new data directory) runs a second engine beside the first and leaves ~500 MB of garbage that
    // V8 does not collect while the thread is idle: a thread of its own makes the directory and ends.
    const fresh =
      !opts.dumpFile && !opts.dataDir.startsWith('memory://') && !existsSync(`${opts.dataDir}/PG_VERSION`);
    this.waitReady = (fresh ? makeDataDir(opts) : Promise.resolve()).then(() => this.start(opts));
    this.waitReady.catch(() => {});
  }

  private start(opts: Options): Promise<void> {
    if (this.closed) throw new Error('the PGlite thread was closed while starting');
    const worker = (this.worker = spawn(opts));
    const stop = (err: Error) => {
      this.closed = true;
      this.stopped ??= err;
      for (const p of this.pending.values()) p.reject(this.stopped);
      this.pending.clear();
    };
    worker.on('error', (err) => stop(err));
    worker.on('exit', (code) => stop(new Error(`the PGlite thread stopped (exit code ${code})`)));
    return new Promise((resolve, reject) => {
      worker.once('message', (m: { ready: boolean; error?: string }) => {
        if (!m.ready) return reject(new Error(`PGlite could not start: ${m.error}`));
        worker.on('message', (a: { id: number; bytes?: Uint8Array; error?: string }) => {
          const p = this.pending.get(a.id);
          this.pending.delete(a.id);
          if (a.error !== undefined) p?.reject(new Error(a.error));
          else p?.resolve(a.bytes);
        });
        resolve();
      });
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the PGlite thread stopped (exit code ${code})`)));
    });
  }

  private call(op: 'exec' | 'dump' | 'close', bytes?: Uint8Array): Promise<Uint8Array | undefined> {
    if (this.stopped) return Promise.reject(this.stopped);
    const worker = this.worker;
    if (!worker) return Promise.reject(new Error('PGlite is not ready yet'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, op, bytes }, bytes ? [bytes.buffer as ArrayBuffer] : []);
    });
  }

  /** The bridge's one call: protocol bytes in, the engine's answer as parsed messages out. */
  async execProtocolStream(message: Uint8Array): Promise<messages.BackendMessage[]> {
    this.held.push(message);
    if (HELD.has(message[0]!)) return [];
    const size = this.held.reduce((n, m) => n + m.byteLength, 0);
    const bytes = new Uint8Array(size); // an ArrayBuffer of its own: handed over to the thread, not copied
    let at = 0;
    for (const m of this.held) {
      bytes.set(m, at);
      at += m.byteLength;
    }
    this.held = [];
    const answer = await this.call('exec', bytes);
    const out: messages.BackendMessage[] = [];
    if (answer?.byteLength) new protocol.Parser().parse(answer, (m) => out.push(m));
    return out;
  }

  /** The data directory as a tar file (tests load a migrated one instead of migrating each time). */
  async dumpDataDir(): Promise<Uint8Array> {
    return (await this.call('dump'))!;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.waitReady.catch(() => {});
    if (!this.worker) return;
    await this.call('close').catch(() => {});
    await this.worker.terminate();
  }
}

type Options = { dataDir: string; dumpFile?: string };

function spawn(workerData: Options & { makeOnly?: boolean }): Worker {
  return new Worker(new URL('./pglite-worker.mjs', import.meta.url), { workerData });
}

/** Runs initdb for a new data directory on a thread that ends afterwards (see the constructor). */
function makeDataDir(opts: Options): Promise<void> {
  const worker = spawn({ ...opts, makeOnly: true });
  return new Promise((resolve, reject) => {
    worker.once('message', (m: { ready: boolean; error?: string }) => {
      if (!m.ready) reject(new Error(`PGlite could not create its data directory: ${m.error}`));
    });
    worker.once('error', reject);
    worker.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`PGlite could not create its data directory (exit ${code})`)),
    );
  });
}

/** Parse, Bind, Describe, Execute, Close: extended-protocol messages whose answers wait for a Sync or Flush. */
const HELD = new Set([0x50, 0x42, 0x44, 0x45, 0x43]);
