// Renders the committed raw results (bench/results/*.json) as the tables of docs/benchmarks.md, so every number
// there can be checked against the file it came from. For each result name (the file name without its date) the
// newest file is shown; older ones stay in bench/results for comparison.
//
//   node bench/report.mjs                 print the tables
//   node bench/report.mjs --write-docs    replace the block between the bench:results markers in docs/benchmarks.md
//   node bench/report.mjs file.json...    only these files
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const resultsDir = path.join(root, 'bench/results');
const docs = path.join(root, 'docs/benchmarks.md');
const START = '<!-- bench:results:start -->';
const END = '<!-- bench:results:end -->';

const args = process.argv.slice(2);
const writeDocs = args.includes('--write-docs');
const given = args.filter((a) => !a.startsWith('--'));

// ------------------------------------------------------------------------------------------ formatting
const finite = (v) => typeof v === 'number' && Number.isFinite(v);
const int = (v) => (finite(v) ? Math.round(v).toLocaleString('en-US') : '–');
const pct = (v) => (finite(v) ? `${(v * 100).toFixed(0)} %` : '–');
const ms = (v) =>
  !finite(v)
    ? '–'
    : v >= 1000
      ? `${Math.round(v).toLocaleString('en-US')} ms`
      : `${v < 10 ? v.toFixed(2) : v.toFixed(1)} ms`;
const mb = (b) => (finite(b) ? `${Math.round(b / 2 ** 20)} MB` : '–');
const x = (v) => (finite(v) ? `${v.toFixed(2)}×` : '–');
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = (s.length - 1) / 2;
  return (s[Math.floor(m)] + s[Math.ceil(m)]) / 2;
};
const spread = (xs, f = int) =>
  xs.length === 1 ? f(xs[0]) : `${f(median(xs))} (${f(Math.min(...xs))}–${f(Math.max(...xs))})`;
const verdict = (ok) => (ok ? '**pass**' : '**FAIL**');
const table = (rows) => rows.map((r) => `| ${r.join(' | ')} |`).join('\n');
const file = (f) => `[\`${path.basename(f)}\`](../bench/results/${path.basename(f)})`;
const day = (iso) => iso.slice(0, 10);
const loadOf = (l) => `${l.before.toFixed(1)} → ${l.after.toFixed(1)}`;

// ------------------------------------------------------------------------------------------ results
function newest(files) {
  const byName = new Map();
  for (const f of files) {
    const m = /^(.*)-(\d{4}-\d{2}-\d{2})\.json$/.exec(path.basename(f));
    // Quick smoke runs (`npm run bench -- --quick`) are never shown.
    if (!m || m[1].includes('quick')) continue;
    const r = JSON.parse(readFileSync(f, 'utf8'));
    const prev = byName.get(m[1]);
    if (!prev || prev.r.date < r.date) byName.set(m[1], { name: m[1], file: f, r });
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}
const files = given.length
  ? given.map((f) => path.resolve(f))
  : readdirSync(resultsDir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => path.join(resultsDir, f));
const results = newest(files);

// ------------------------------------------------------------------------------------------ bench/messages
const cpu = (s) => {
  const parts = [`server ${pct(s.serverCpu)}`];
  if (finite(s.dbCpu)) parts.push(`postgres ${pct(s.dbCpu)}`);
  if (finite(s.redisCpu)) parts.push(`redis ${pct(s.redisCpu)}`);
  parts.push(`generators ${(s.clientCpus ?? [s.clientCpu]).map(pct).join(' + ')}`);
  return parts.join(', ');
};
/** Messages per CPU-second of the system under test (server, plus PostgreSQL's backends and Redis). */
const perCpu = (s) => s.deliveredPerS / (s.serverCpu + (s.dbCpu ?? 0) + (s.redisCpu ?? 0));

function messages(items) {
  if (items.length === 0) return '';
  const out = ['### bench/messages', ''];
  out.push(
    table([
      [
        'Run',
        'Rounds',
        'Product ÷ relay, saturated: median (range)',
        'Product msg/s',
        'Relay msg/s',
        'Steady p99 ack / delivery, product',
        'Exactly once',
        'Product RSS peak',
        'Relay RSS peak',
        'Highest generator CPU (product / relay side)',
      ],
      ['---', '---:', '---:', '---:', '---:', '---:', '---', '---:', '---:', '---:'],
      ...items.map(({ r, file: f }) => {
        const rounds = r.rounds;
        const gen = (side) =>
          Math.max(...rounds.flatMap((x) => x[side].saturation.clientCpus ?? [x[side].saturation.clientCpu]));
        return [
          `${int(r.config.chats)} chats · ${r.config.db}${r.config.profiled ? ' (profiled)' : ''} — ${file(f)}`,
          String(rounds.length),
          `${spread(
            rounds.map((x) => x.ratios.throughput),
            pct,
          )}${
            r.config.profiled
              ? ' (profiled: the profiler slows the server, not a measurement)'
              : r.config.chats === 1000 && r.config.db.startsWith('PostgreSQL')
                ? ` (target ≥ 50 %: ${verdict(r.targets.throughput)})`
                : ''
          }`,
          spread(rounds.map((x) => x.product.saturation.deliveredPerS)),
          spread(rounds.map((x) => x.baseline.saturation.deliveredPerS)),
          `${spread(
            rounds.map((x) => x.product.steady.ack.p99),
            ms,
          )} / ${spread(
            rounds.map((x) => x.product.steady.delivery.p99),
            ms,
          )} (< 50 ms: ${verdict(r.targets.p99)})`,
          verdict(r.targets.exactlyOnce),
          spread(
            rounds.map((x) => x.product.rss?.peak ?? NaN),
            mb,
          ),
          spread(
            rounds.map((x) => x.baseline.rss?.peak ?? NaN),
            mb,
          ),
          `${pct(gen('product'))} / ${pct(gen('baseline'))}`,
        ];
      }),
    ]),
  );
  for (const { r, file: f } of items) {
    const c = r.config;
    out.push(
      '',
      `#### ${int(c.chats)} chats · ${c.db}${c.profiled ? ' (profiled)' : ''}`,
      '',
      `${day(r.date)}, product at ${r.machine.product}; ${r.machine.cores} cores (${r.machine.cpu}), Node ${r.machine.node}; ` +
        `load avg ${loadOf(r.load)} (2 cores: above 2, other work was waiting for the CPU). ${c.chats} chats, ${c.agents} agents; ` +
        `${c.generators} load generator processes on each side; steady ${c.rate} msg/s per chat for ${c.durationS} s after ${c.warmupS} s, ` +
        `saturation ${c.window} in flight per chat for ${c.satDurationS} s after ${c.satWarmupS} s. Raw: ${file(f)}.`,
      '',
      table([
        [
          'Round (first)',
          'Load avg',
          'Relay msg/s',
          'Relay CPU, saturated',
          'Product msg/s',
          'Product CPU, saturated',
          'Product ÷ relay',
          'msg per CPU-second, relay / product',
          'Steady p99 ack / delivery (product; relay)',
          'Saturated ack p50 / p99 (product; relay)',
          'Errors (product, relay)',
          'RSS product: set up / peak / end; relay peak',
        ],
        ['---', '---:', '---:', '---', '---:', '---', '---:', '---:', '---:', '---:', '---:', '---:'],
        ...r.rounds.map((x, i) => {
          const b = x.baseline;
          const p = x.product;
          return [
            `${i + 1} (${i % 2 === 0 ? 'relay' : 'product'})`,
            loadOf(x.load),
            int(b.saturation.deliveredPerS),
            cpu(b.saturation),
            int(p.saturation.deliveredPerS),
            cpu(p.saturation),
            pct(x.ratios.throughput),
            `${int(perCpu(b.saturation))} / ${int(perCpu(p.saturation))}`,
            `${ms(p.steady.ack.p99)} / ${ms(p.steady.delivery.p99)}; ${ms(b.steady.ack.p99)} / ${ms(b.steady.delivery.p99)}`,
            `${ms(p.saturation.ack.p50)} / ${ms(p.saturation.ack.p99)}; ${ms(b.saturation.ack.p50)} / ${ms(b.saturation.ack.p99)}`,
            `${p.steady.errors + p.saturation.errors} of ${int(p.steady.sent + p.saturation.sent)}, ${b.steady.errors + b.saturation.errors} of ${int(b.steady.sent + b.saturation.sent)}`,
            p.rss && b.rss
              ? `${mb(p.rss.ready)} / ${mb(p.rss.peak)} / ${mb(p.rss.end)}; ${mb(b.rss.peak)}`
              : '–',
          ];
        }),
      ]),
    );
    if (r.profile) {
      const s = r.profile.summary;
      out.push(
        '',
        `CPU profile of the server while saturated (local file \`${r.profile.file}\`, git-ignored; the profiler slows the server). Self time by area: ` +
          s.areas
            .slice(0, 10)
            .map((a) => `${a.name} ${pct(a.share)}`)
            .join(', ') +
          '.',
        '',
        'Top functions by self time: ' +
          s.functions
            .slice(0, 15)
            .map((f) => `\`${f.name}\` ${pct(f.share)}`)
            .join(', ') +
          '.',
      );
      if (s.inclusiveAreas)
        out.push(
          '',
          'With the area anywhere on the stack: ' +
            s.inclusiveAreas
              .slice(0, 12)
              .map((a) => `${a.name} ${pct(a.share)}`)
              .join(', ') +
            '.',
        );
    }
  }
  return out.join('\n');
}

// ------------------------------------------------------------------------------------------ bench/routing
function routing(items) {
  if (items.length === 0) return '';
  const out = ['### bench/routing', ''];
  out.push(
    table([
      [
        'Product on',
        'Rounds',
        'Product ÷ baseline, chats/s: median (range)',
        'Product: assignments/s',
        'Baseline: chats/s without routing',
        'Start → agent notified p99, product / baseline',
        'One agent per chat, limits kept',
        'RSS after a round, product / baseline',
        'Load avg',
        'Raw',
      ],
      ['---', '---:', '---:', '---:', '---:', '---:', '---', '---:', '---:', '---'],
      ...items.map(({ r, file: f }) => {
        const ratios = r.product.rounds.map((p, i) => p.perS / r.baseline.rounds[i].perS);
        return [
          r.product.label,
          String(r.product.rounds.length),
          spread(ratios, x),
          spread(r.product.rounds.map((p) => p.perS)),
          spread(r.baseline.rounds.map((p) => p.perS)),
          `${spread(
            r.product.rounds.map((p) => p.latency.p99),
            ms,
          )} / ${spread(
            r.baseline.rounds.map((p) => p.latency.p99),
            ms,
          )}`,
          verdict(r.correct),
          `${spread(
            r.product.rounds.map((p) => p.rss),
            mb,
          )} / ${spread(
            r.baseline.rounds.map((p) => p.rss),
            mb,
          )}`,
          loadOf(r.load),
          file(f),
        ];
      }),
    ]),
  );
  for (const { r } of items)
    out.push(
      '',
      `- ${r.product.label}: ${day(r.date)}, product at ${r.machine.product}; ${r.config.chats} chats at once, ${r.config.agents} agents ` +
        `(limits ${r.config.limits.map((l) => l ?? '∞').join('/')}); per round (alternating, baseline first in odd rounds) ` +
        `baseline ${r.baseline.rounds.map((p) => int(p.perS)).join(', ')} chats/s, product ${r.product.rounds.map((p) => int(p.perS)).join(', ')} assignments/s.`,
    );
  return out.join('\n');
}

// ------------------------------------------------------------------------------------------ memory
function memory(footprints, pglite100) {
  if (footprints.length === 0 && pglite100.length === 0) return '';
  const out = ['### Memory (embedded database)', ''];
  const rows = [
    ['Measurement', 'RSS', 'Target', 'Result', 'Raw'],
    ['---', '---:', '---:', '---', '---'],
  ];
  for (const { r, file: f } of footprints) {
    for (const run of r.runs) {
      const name = run.start === 'first' ? 'First start (initdb)' : 'Restart (existing data directory)';
      rows.push([
        `${name}: peak while starting (VmHWM), ready in ${run.readyS.toFixed(1)} s`,
        mb(run.startPeak),
        '',
        '',
        file(f),
      ]);
      rows.push([
        `${name}: idle, 10 s after ready`,
        mb(run.after10s),
        '< 300 MB',
        verdict(run.after10s < 300 * 2 ** 20),
        file(f),
      ]);
      rows.push([
        `${name}: idle, ${r.config.idleS} s after ready`,
        mb(run.idle),
        '< 300 MB',
        verdict(run.idle < 300 * 2 ** 20),
        file(f),
      ]);
    }
  }
  for (const { r, file: f } of pglite100) {
    const peaks = r.rounds.map((x) => x.product.rss.peak);
    rows.push([
      `bench/messages, ${r.config.chats} chats on PGlite: the server's peak while measured, ${r.rounds.length} rounds, median (range)`,
      spread(peaks, mb),
      '< 500 MB',
      verdict(Math.max(...peaks) < 500 * 2 ** 20),
      file(f),
    ]);
  }
  out.push(table(rows));
  for (const { r } of footprints)
    out.push(
      '',
      `bench/footprint: ${day(r.date)}, product at ${r.machine.product}; load avg ${loadOf(r.load)}.`,
    );
  return out.join('\n');
}

// ------------------------------------------------------------------------------------------ bench/exports
function exportsTable(items) {
  if (items.length === 0) return '';
  const out = ['### bench/exports', ''];
  out.push(
    table([
      [
        'Chats · database',
        'Export ÷ COPY: median (range)',
        'Export rows/s',
        'COPY rows/s',
        'Server heap outside the young generation: largest growth in a download',
        'Server RSS growth: first download / later downloads / after other work',
        'Young generation (V8 flags)',
        'Raw',
      ],
      ['---', '---:', '---:', '---:', '---:', '---:', '---', '---'],
      ...items.map(({ r, file: f }) => {
        const s = r.summary;
        const young = Math.max(
          ...r.rounds.map((x) => x.mem.peak.young),
          r.otherWork.mem.peak.young,
          r.exportAfterOtherWork.mem.peak.young,
        );
        return [
          `${int(r.config.chats)} · ${r.config.db}`,
          `${pct(s.ratio)} (${pct(s.ratioMin)}–${pct(s.ratioMax)}) (≥ 30 %: ${verdict(s.ratio >= 0.3)})`,
          int(s.productRowsPerS),
          int(s.copyRowsPerS),
          `${mb(s.oldHeapGrowth)} (< 50 MB: ${verdict(s.oldHeapGrowth < 50 * 2 ** 20)})`,
          `${mb(s.firstRssGrowth)} / ${s.laterRssGrowth === null ? '–' : mb(s.laterRssGrowth)} / ${mb(s.afterOtherWorkRssGrowth)}`,
          `${mb(young)} reserved at most (${r.config.nodeFlags.join(' ') || 'no flags'})`,
          file(f),
        ];
      }),
    ]),
  );
  for (const { r } of items) {
    const o = r.otherWork;
    const a = r.exportAfterOtherWork;
    const memOf = (m) =>
      `RSS ${mb(m.start.rss)} → ${mb(m.peak.rss)}, young generation ${mb(m.start.young)} → ${mb(m.peak.young)}, ` +
      `heap outside it ${mb(m.start.oldUsed)} → ${mb(m.peak.oldUsed)}` +
      (m.afterGc ? `; after full GCs RSS ${mb(m.afterGc.rss)}, heap ${mb(m.afterGc.heapUsed)}` : '');
    out.push(
      '',
      `#### ${int(r.config.chats)} chats · ${r.config.db}`,
      '',
      `${day(r.date)}, product at ${r.machine.product}; ${r.machine.cores} cores (${r.machine.cpu}), Node ${r.machine.node}; ` +
        `load avg ${loadOf(r.load)}; batches of ${r.config.batchSize} rows; seeded in ${Math.round(r.seedSeconds)} s.` +
        (r.note ? ` ${r.note}` : ''),
      '',
      table([
        ['Download', 'COPY rows/s', 'Export rows/s', 'Export ÷ COPY', 'Server memory during the download'],
        ['---', '---:', '---:', '---:', '---'],
        ...r.rounds.map((x, i) => [
          `${i + 1}${i === 0 ? ' (first of the process)' : ''}`,
          int(x.copy.rows / x.copy.seconds),
          int(x.product.rows / x.product.seconds),
          pct(x.product.rows / x.product.seconds / (x.copy.rows / x.copy.seconds)),
          memOf(x.mem),
        ]),
        [
          `Second process: the Chats list, ${o.pages} pages in ${Math.round(o.seconds)} s`,
          '',
          '',
          '',
          memOf(o.mem),
        ],
        ['Second process: then one export', '', int(a.rows / a.seconds), '', memOf(a.mem)],
      ]),
    );
  }
  return out.join('\n');
}

// ------------------------------------------------------------------------------------------ bench/visitors
function visitorsTable(items) {
  if (items.length === 0) return '';
  const out = ['### bench/visitors', ''];
  out.push(
    table([
      [
        'Run',
        'Rounds',
        'Beacons/s (p99)',
        'Chats p99 delivery: without → with beacons',
        'Ratio',
        'Chats p99 ack: without → with',
        'Server CPU without → with',
        'Target: p99 ≤ 50 ms with the load',
      ],
      ['---', '---:', '---:', '---:', '---:', '---:', '---:', '---'],
      ...items.map(({ r, file: f }) => {
        const rs = r.rounds;
        return [
          `${int(r.config.chats)} chats · ${int(r.config.visitors)} visitors (1 heartbeat / ${r.config.everyS} s) · ${r.config.db} — ${file(f)}`,
          String(rs.length),
          `${spread(rs.map((x) => x.with.beacons.perS))} (${spread(
            rs.map((x) => x.with.beacons.latency.p99),
            ms,
          )})`,
          `${spread(
            rs.map((x) => x.without.chats.delivery.p99),
            ms,
          )} → ${spread(
            rs.map((x) => x.with.chats.delivery.p99),
            ms,
          )}`,
          spread(
            rs.map((x) => x.ratios.deliveryP99),
            x,
          ),
          `${spread(
            rs.map((x) => x.without.chats.ack.p99),
            ms,
          )} → ${spread(
            rs.map((x) => x.with.chats.ack.p99),
            ms,
          )}`,
          `${spread(
            rs.map((x) => x.without.serverCpu),
            pct,
          )} → ${spread(
            rs.map((x) => x.with.serverCpu),
            pct,
          )}`,
          `${verdict(r.targets.p99)}${r.targets.noErrors ? '' : ' (errors!)'}`,
        ];
      }),
    ]),
  );
  return out.join('\n');
}

// ------------------------------------------------------------------------------------------ bench/cobrowse
function cobrowseTable(items) {
  if (items.length === 0) return '';
  const out = ['### bench/cobrowse', ''];
  out.push(
    table([
      [
        'Run',
        'Rounds',
        'Stream: mutations/s, KB/s (send → console p99)',
        'Chats p99 delivery: without → with the stream',
        'Ratio',
        'Chats p99 ack: without → with',
        'Server CPU without → with',
        'Target: p99 ≤ 50 ms with the stream',
      ],
      ['---', '---:', '---:', '---:', '---:', '---:', '---:', '---'],
      ...items.map(({ r, file: f }) => {
        const rs = r.rounds;
        return [
          `${int(r.config.chats)} chats · 1 screen share of ${int(r.config.mutations)} DOM mutations/s · ${r.config.db} — ${file(f)}`,
          String(rs.length),
          `${spread(rs.map((x) => x.with.stream.mutationsPerS))}, ${spread(
            rs.map((x) => x.with.stream.bytesPerS / 1024),
            (v) => int(v),
          )} (${spread(
            rs.map((x) => x.with.stream.latency.p99),
            ms,
          )})`,
          `${spread(
            rs.map((x) => x.without.chats.delivery.p99),
            ms,
          )} → ${spread(
            rs.map((x) => x.with.chats.delivery.p99),
            ms,
          )}`,
          spread(
            rs.map((x) => x.ratios.deliveryP99),
            x,
          ),
          `${spread(
            rs.map((x) => x.without.chats.ack.p99),
            ms,
          )} → ${spread(
            rs.map((x) => x.with.chats.ack.p99),
            ms,
          )}`,
          `${spread(
            rs.map((x) => x.without.serverCpu),
            pct,
          )} → ${spread(
            rs.map((x) => x.with.serverCpu),
            pct,
          )}`,
          `${verdict(r.targets.p99)}${r.targets.noErrors ? '' : ' (errors or refused batches!)'}`,
        ];
      }),
    ]),
  );
  return out.join('\n');
}

// ------------------------------------------------------------------------------------------ bench/canned
function cannedTable(items) {
  if (items.length === 0) return '';
  const out = ['### bench/canned'];
  for (const { r, file: f } of items) {
    out.push(
      '',
      `#### ${int(r.config.answers)} Q&As against ${int(r.config.baseline)} · ${r.config.db} · ${int(r.config.rounds)} rounds — ${file(f)}`,
      '',
      table([
        [
          'Search',
          `Matches (${int(r.config.answers)} / ${int(r.config.baseline)})`,
          `${int(r.config.answers)} Q&As: p50 / p99`,
          `${int(r.config.baseline)} Q&As: p50 / p99`,
          'Ratio p50 / p99',
        ],
        ['---', '---:', '---:', '---:', '---:'],
        ...r.rows.map((row) => [
          row.search,
          `${int(row.matches.product)} / ${int(row.matches.baseline)}`,
          `${ms(row.product.p50)} / ${ms(row.product.p99)}`,
          `${ms(row.baseline.p50)} / ${ms(row.baseline.p99)}`,
          `${x(row.ratioP50)} / ${x(row.ratioP99)}`,
        ]),
      ]),
      '',
      `${day(r.date)}, product at ${r.machine.product}; load avg ${r.load.before.toFixed(1)} → ${r.load.after.toFixed(1)}.`,
    );
  }
  return out.join('\n');
}

// ------------------------------------------------------------------------------------------ output
const messagesItems = results.filter((x) => x.r.bench === 'messages' && Array.isArray(x.r.rounds));
const block = [
  `Rendered by \`node bench/report.mjs --write-docs\` from the newest file of each run in \`bench/results/\`.`,
  messages(messagesItems),
  routing(results.filter((x) => x.r.bench === 'routing' && x.r.product?.rounds?.[0]?.rss !== undefined)),
  exportsTable(results.filter((x) => x.r.bench === 'exports' && x.r.summary)),
  visitorsTable(results.filter((x) => x.r.bench === 'visitors')),
  cobrowseTable(results.filter((x) => x.r.bench === 'cobrowse')),
  cannedTable(results.filter((x) => x.r.bench === 'canned')),
  memory(
    results.filter((x) => x.r.bench === 'footprint'),
    messagesItems.filter((x) => x.r.config.db.startsWith('PGlite') && x.r.config.chats === 100),
  ),
]
  .filter(Boolean)
  .join('\n\n');

if (writeDocs) {
  const text = readFileSync(docs, 'utf8');
  const a = text.indexOf(START);
  const b = text.indexOf(END);
  if (a < 0 || b < a) throw new Error(`docs/benchmarks.md has no ${START} … ${END} block`);
  writeFileSync(docs, `${text.slice(0, a + START.length)}\n\n${block}\n\n${text.slice(b)}`);
  // The repository's formatting (prettier pads the tables), so `npm run check` stays clean.
  spawnSync(path.join(root, 'node_modules/.bin/prettier'), ['--write', docs], { stdio: 'ignore' });
  console.log(`docs/benchmarks.md: tables rewritten from ${results.length} result files`);
} else {
  console.log(block);
}
