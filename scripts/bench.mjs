// `npm run bench`: every benchmark in bench/, each against a baseline measured in the same run, then a summary;
// the tables in docs/benchmarks.md are rewritten from this run's results.
//
//   npm run bench                    everything, with a CPU profile of the server while saturated at 1,000 chats
//                                    on each database (20–30 minutes on 2 cores)
//   npm run bench -- --quick         a short smoke run (100 chats on PGlite, 2,000 idle sockets); docs untouched
//   npm run bench -- --only idle     one benchmark (messages | idle)
//   npm run bench -- --no-profile    skip the profiled runs
//   npm run bench -- --no-docs       leave docs/benchmarks.md alone
//
// PostgreSQL runs use DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) to create and drop a
// fresh database, and REDIS_URL (default redis://127.0.0.1:6379) with a unique key prefix.
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const { values: opts } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    'no-profile': { type: 'boolean', default: false },
    'no-docs': { type: 'boolean', default: false },
  },
});
const results = path.join(root, '.tmp/bench/results');
const tsx = ['--conditions=@source', '--import', 'tsx'];

/** [benchmark, arguments, result file] */
const runs = [];
const quickMessages = ['--warmup', '3', '--duration', '10', '--sat-warmup', '2', '--sat-duration', '5'];
if (!opts.only || opts.only === 'messages') {
  const matrix = opts.quick
    ? [['pglite', 100]]
    : [
        ['pglite', 100],
        ['pglite', 1000],
        ['postgres', 100],
        ['postgres', 1000],
      ];
  for (const [db, chats] of matrix) {
    // A quick run keeps its results apart from the full run's.
    const name = `messages-${db}-${chats}${opts.quick ? '-quick' : ''}`;
    const args = [
      '--db',
      db,
      '--chats',
      String(chats),
      ...(opts.quick ? [...quickMessages, '--out', name] : []),
    ];
    runs.push(['messages', args, `${name}.json`]);
  }
  if (!opts['no-profile'] && !opts.quick)
    for (const db of ['pglite', 'postgres'])
      runs.push([
        'messages',
        ['--db', db, '--chats', '1000', '--profile', '--duration', '10'],
        `messages-${db}-1000-profiled.json`,
      ]);
}
if (!opts.only || opts.only === 'idle') {
  const dbs = opts.quick ? ['pglite'] : ['pglite', 'postgres'];
  for (const db of dbs) {
    const name = `idle-${db}${opts.quick ? '-quick' : ''}`;
    runs.push([
      'idle',
      ['--db', db, ...(opts.quick ? ['--sockets', '2000', '--out', name] : [])],
      `${name}.json`,
    ]);
  }
}
if (runs.length === 0) {
  console.error('Nothing to run: --only takes messages or idle.');
  process.exit(2);
}

const load = loadavg()[0];
if (load > 1) {
  console.log(
    `Note: the 1-minute load average is ${load.toFixed(1)} on this machine; other work competes with the benchmarks.`,
  );
}

const done = [];
let failed = false;
for (const [bench, args, result] of runs) {
  console.log(`\n$ node bench/${bench}.ts ${args.join(' ')}`);
  const r = spawnSync(process.execPath, [...tsx, path.join(root, 'bench', `${bench}.ts`), ...args], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status === 0) done.push(path.join(results, result));
  else {
    failed = true;
    console.error(`bench/${bench}.ts ${args.join(' ')} failed (${r.status ?? r.signal}).`);
  }
}

console.log('\nSummary');
const writeDocs = !opts['no-docs'] && !opts.quick && !opts.only && !opts['no-profile'] && !failed;
const report = spawnSync(
  process.execPath,
  [...tsx, path.join(root, 'bench/report.ts'), ...(writeDocs ? ['--write-docs'] : []), ...done],
  { cwd: root, stdio: 'inherit' },
);
if (!writeDocs && !opts['no-docs'])
  console.log('docs/benchmarks.md left as it was (only a complete run rewrites its tables).');
process.exit(failed || report.status !== 0 ? 1 : 0);
