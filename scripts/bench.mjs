// `npm run bench`: every benchmark in bench/, each against a baseline measured in the same run (relay and product,
// or baseline and product, alternately over several rounds), then a summary; each writes its raw result to
// bench/results/<name>-<date>.json (committed) and the tables in docs/benchmarks.md are rewritten from the newest
// file of each name (`node bench/report.mjs --write-docs`).
//
//   npm run bench                    everything, with a CPU profile of the server while saturated at 1,000 chats
//                                    on each database (20–30 minutes on 2 cores)
//   npm run bench -- --quick         a short smoke run (100 chats on PGlite, 2,000 idle sockets); docs untouched
//   npm run bench -- --only idle     one benchmark (messages | idle | routing | exports | visitors | cobrowse |
//                                    canned | footprint)
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
const tsx = ['--conditions=@source', '--import', 'tsx'];

/** The runs of a plan: [benchmark, arguments, result file]. */
function plan({ quick, only, profile }) {
  const runs = [];
  const quickMessages = ['--warmup', '3', '--duration', '10', '--sat-warmup', '2', '--sat-duration', '5'];
  if (!only || only === 'messages') {
    const matrix = quick
      ? [['pglite', 100]]
      : [
          ['pglite', 100],
          ['pglite', 1000],
          ['postgres', 100],
          ['postgres', 1000],
        ];
    for (const [db, chats] of matrix) {
      // A quick run keeps its results apart from the full run's.
      const name = `messages-${db}-${chats}${quick ? '-quick' : ''}`;
      const args = [
        '--db',
        db,
        '--chats',
        String(chats),
        ...(quick ? [...quickMessages, '--out', name] : ['--rounds', '3']),
      ];
      runs.push(['messages', args, `${name}.json`]);
    }
    // A poison visitor beside 100 clean chats (issue 10.5): their latency clean and poisoned, on each database.
    if (!quick)
      for (const db of ['pglite', 'postgres'])
        runs.push([
          'messages',
          ['--db', db, '--chats', '100', '--poison', '10'],
          `messages-poison-${db}-100.json`,
        ]);
    if (profile && !quick)
      for (const db of ['pglite', 'postgres'])
        runs.push([
          'messages',
          ['--db', db, '--chats', '1000', '--profile', '--duration', '10', '--warmup', '3'],
          `messages-${db}-1000-profiled.json`,
        ]);
  }
  if (!only || only === 'idle') {
    const dbs = quick ? ['pglite'] : ['pglite', 'postgres'];
    for (const db of dbs) {
      const name = `idle-${db}${quick ? '-quick' : ''}`;
      runs.push([
        'idle',
        ['--db', db, ...(quick ? ['--sockets', '2000', '--out', name] : [])],
        `${name}.json`,
      ]);
    }
  }
  if (!only || only === 'routing') {
    const matrix = quick
      ? [['pglite', 1]]
      : [
          ['pglite', 1],
          ['postgres', 1],
          ['postgres', 2],
        ];
    for (const [db, instances] of matrix) {
      const name = `routing-${db}-${instances}${quick ? '-quick' : ''}`;
      const args = ['--db', db, '--instances', String(instances)];
      if (quick) args.push('--chats', '100', '--rounds', '1', '--out', name);
      runs.push(['routing', args, `${name}.json`]);
    }
  }
  // The Conversations export against COPY of the same rows (issue 13), at a size that seeds in a few minutes;
  // 1,000,000 chats (the size, about 25 minutes of seeding here) by hand: `node bench/exports.ts`.
  if (!only || only === 'exports') {
    const chats = quick ? '5000' : '100000';
    const name = `exports-postgres-${chats}${quick ? '-quick' : ''}`;
    const args = ['--chats', chats, ...(quick ? ['--rounds', '2', '--other-work', '10', '--out', name] : [])];
    runs.push(['exports', args, `${name}.json`]);
  }
  // TLS-6: 5,000 visitors' beacon heartbeats beside ongoing chats; the chats' p99 with and without them.
  if (!only || only === 'visitors') {
    const matrix = quick
      ? [['pglite', 100, 1000]]
      : [
          ['pglite', 100, 5000],
          ['postgres', 100, 5000],
        ];
    for (const [db, chats, visitors] of matrix) {
      const name = `visitors-${db}-${chats}${quick ? '-quick' : ''}`;
      const args = ['--db', db, '--chats', String(chats), '--visitors', String(visitors)];
      if (quick) args.push('--rounds', '1', '--duration', '10', '--out', name);
      runs.push(['visitors', args, `${name}.json`]);
    }
  }
  // TLS-5: one visitor sharing a busy page (1,000 DOM mutations/s) beside 100 chats; their p99 with and without.
  if (!only || only === 'cobrowse') {
    const dbs = quick ? ['pglite'] : ['pglite', 'postgres'];
    for (const db of dbs) {
      const name = `cobrowse-${db}-100${quick ? '-quick' : ''}`;
      const args = ['--db', db, '--chats', '100', '--mutations', '1000'];
      if (quick) args.push('--rounds', '1', '--duration', '10', '--out', name);
      runs.push(['cobrowse', args, `${name}.json`]);
    }
  }
  // TLS-2: the console's canned-response search over 10,000 Q&As against the same searches over 100.
  if (!only || only === 'canned') {
    const dbs = quick ? ['pglite'] : ['pglite', 'postgres'];
    for (const db of dbs) {
      const name = `canned-${db}${quick ? '-quick' : ''}`;
      const args = ['--db', db, ...(quick ? ['--rounds', '30', '--out', name] : [])];
      runs.push(['canned', args, `${name}.json`]);
    }
  }
  if (!quick && (!only || only === 'footprint'))
    runs.push(['footprint', ['--idle', '75'], 'footprint-pglite']);
  return runs;
}
const runs = plan({ quick: opts.quick, only: opts.only, profile: !opts['no-profile'] });
if (runs.length === 0) {
  console.error(
    'Nothing to run: --only takes messages, idle, routing, exports, visitors, cobrowse, canned or footprint.',
  );
  process.exit(2);
}

const load = loadavg()[0];
if (load > 1) {
  console.log(
    `Note: the 1-minute load average is ${load.toFixed(1)} on this machine; other work competes with the benchmarks.`,
  );
}

let failed = false;
for (const [bench, args] of runs) {
  console.log(`\n$ node bench/${bench}.ts ${args.join(' ')}`);
  const r = spawnSync(process.execPath, [...tsx, path.join(root, 'bench', `${bench}.ts`), ...args], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) {
    failed = true;
    console.error(`bench/${bench}.ts ${args.join(' ')} failed (${r.status ?? r.signal}).`);
  }
}

// The docs' tables come from the newest result file of every name in bench/results (this run's, and earlier
// runs' for what this one left out), so `--only routing` refreshes the routing table and keeps the rest.
const writeDocs = !opts['no-docs'] && !opts.quick && !failed;
const report = spawnSync(
  process.execPath,
  [path.join(root, 'bench/report.mjs'), ...(writeDocs ? ['--write-docs'] : [])],
  { cwd: root, stdio: 'inherit' },
);
if (!writeDocs && !opts['no-docs'])
  console.log('docs/benchmarks.md left as it was (a quick or failed run does not rewrite its tables).');
process.exit(failed || report.status !== 0 ? 1 : 0);
