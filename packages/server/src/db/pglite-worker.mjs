// The PGlite engine on a thread of its own (see pglite-thread.ts): the server's thread sends it protocol bytes
// and gets the engine's answer back, so queries run on the second core instead of between socket frames.
// Plain JavaScript: worker threads do not go through the TypeScript loader.
import { readFile } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';

const { dataDir, dumpFile, makeOnly } = workerData;
const port = parentPort;

/**
 * Engine settings for a small machine (docs/benchmarks.md, "Memory (embedded database)"). PGlite's buffer pool
 * is resident from the start, whatever the data's size: PostgreSQL's default 128 MB (PGlite's 160 MB) was most
 * of the idle server's memory.
 */
const SETTINGS = ['shared_buffers=32MB'];
const settings = SETTINGS.flatMap((s) => ['-c', s]);

/** One request at a time, in the order they came (the engine is single-threaded anyway). */
let chain = Promise.resolve();

async function open() {
  const lite = new PGlite(dataDir, {
    startParams: [...PGlite.defaultStartParams, ...settings],
    // initdb runs with the same buffer pool (a smaller peak on a first start) and writes it to postgresql.conf.
    initDbStartParams: settings,
    ...(dumpFile ? { loadDataDir: new Blob([await readFile(dumpFile)]) } : {}),
  });
  await lite.waitReady;
  return lite;
}

const ready = open();
ready.then(
  async (lite) => {
    if (!makeOnly) return port.postMessage({ ready: true });
    // Only the data directory was wanted (pglite-thread.ts): the thread ends, and its memory with it.
    await lite.close();
    process.exit(0);
  },
  (err) => port.postMessage({ ready: false, error: String(err?.message ?? err) }),
);

/** Copies into an ArrayBuffer of its own, so it can be handed over without copying again. */
function own(view) {
  const copy = new Uint8Array(view.byteLength);
  copy.set(view);
  return copy;
}

const ops = {
  exec: async (lite, bytes) => own(await lite.execProtocolRaw(bytes)),
  dump: async (lite) => new Uint8Array(await (await lite.dumpDataDir('none')).arrayBuffer()),
  close: async (lite) => {
    await lite.close();
    return undefined;
  },
};

port.on('message', ({ id, op, bytes }) => {
  chain = chain.then(async () => {
    try {
      const out = await ops[op](await ready, bytes);
      port.postMessage({ id, bytes: out }, out ? [out.buffer] : []);
    } catch (err) {
      port.postMessage({ id, error: String(err?.message ?? err) });
    }
  });
});
