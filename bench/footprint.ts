// bench/footprint: the memory the server holds on the embedded database when nobody uses it, the trial install
// on a small machine. Starts the product as `npm start` does (its node flags included) on a new PGlite data
// directory and reads its RSS: the highest while starting (VmHWM: initdb, migrations, first-start setup), 10 s
// after it is ready, and after `--idle` seconds without a request (V8 gives back its young generation and
// compacts after about a minute of quiet); then stops it and does the same for a restart on that directory.
//
//   node --conditions=@source --import tsx bench/footprint.ts [--idle 120] [--out name]
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { num, options } from './lib/args.js';
import { rssBytes, startProduct } from './lib/procs.js';
import { machine, writeResult, type FootprintResult, type FootprintRun } from './lib/results.js';
import { mb } from './lib/stats.js';

const opts = options({
  idle: { type: 'string', default: '120' },
  out: { type: 'string' },
});
const idleS = num(opts.idle, 'idle');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function run(start: FootprintRun['start'], dataDir: string): Promise<FootprintRun> {
  const t = performance.now();
  const server = await startProduct('pglite', { dataDir });
  try {
    const readyS = (performance.now() - t) / 1000;
    const startPeak = await rssBytes(server.pid, 'VmHWM');
    await sleep(10_000);
    const after10s = await rssBytes(server.pid);
    await sleep(Math.max(0, idleS - 10) * 1000);
    const idle = await rssBytes(server.pid);
    const peak = await rssBytes(server.pid, 'VmHWM');
    const r = { start, readyS, startPeak, after10s, idle, peak };
    console.log(
      `  ${start.padEnd(11)} ready in ${readyS.toFixed(1)} s; RSS peak while starting ${mb(startPeak)}, ` +
        `10 s after ready ${mb(after10s)}, after ${idleS} s idle ${mb(idle)}`,
    );
    return r;
  } finally {
    await server.stop();
  }
}

console.log(`bench/footprint: the server on PGlite, idle, ${idleS} s after each start`);
const loadBefore = loadavg()[0]!;
const dir = await mkdtemp(path.join(tmpdir(), 'parley-footprint-'));
try {
  const runs = [await run('first', dir), await run('restart', dir)];
  const result: FootprintResult = {
    bench: 'footprint',
    date: new Date().toISOString(),
    machine: machine(),
    config: { idleS },
    load: { before: loadBefore, after: loadavg()[0]! },
    runs,
  };
  const file = await writeResult(opts.out ?? 'footprint-pglite', result);
  console.log(`  result: ${path.relative(process.cwd(), file)}`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
process.exit(0);
