// Renders bench results (JSON from bench/messages.ts, bench/idle.ts and bench/routing.ts) as the tables of docs/benchmarks.md
// and prints a one-line-per-run summary.
//
//   node --conditions=@source --import tsx bench/report.ts [--write-docs] <result.json>...
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { root } from './lib/procs.js';
import {
  readResult,
  type IdleResult,
  type MessagesResult,
  type MessagesSide,
  type PoisonResult,
  type Result,
  type RoutingResult,
} from './lib/results.js';
import { int, kb, mb, ms, pct, ratio } from './lib/stats.js';

const START = '<!-- bench:results:start -->';
const END = '<!-- bench:results:end -->';
const verdict = (ok: boolean) => (ok ? '**pass**' : '**FAIL**');
const day = (iso: string) => iso.slice(0, 10);
const load = (r: Result) => `load avg ${r.load.before.toFixed(1)} → ${r.load.after.toFixed(1)}`;

function cpuLine(r: MessagesSide['saturation']) {
  const parts = [`server ${pct(r.serverCpu)}`];
  if (r.dbCpu !== undefined) parts.push(`postgres ${pct(r.dbCpu)}`);
  if (r.redisCpu !== undefined) parts.push(`redis ${pct(r.redisCpu)}`);
  parts.push(`load generator ${pct(r.clientCpu)}`);
  return parts.join(', ');
}

/** The server's RSS while measured (a PostgreSQL server's own memory is not in it; PGlite's is). */
const rssCell = (s: MessagesSide) =>
  s.rss ? `${mb(s.rss.ready)} / ${mb(s.rss.peak)} / ${mb(s.rss.end)}` : 'not measured';

function messagesSection(r: MessagesResult): string {
  const { product: p, baseline: b, config: c } = r;
  const lat = (s: MessagesSide['steady']['ack']) => `${ms(s.p50)} / ${ms(s.p99)}`;
  const errors = (s: MessagesSide) =>
    `${s.steady.errors + s.saturation.errors} (of ${int(s.steady.sent + s.saturation.sent)} sent)`;
  const capped = p.saturation.paced > 0 ? ' (bound by the per-socket limit, see below)' : '';
  const rows = [
    ['Metric', 'Product', 'Bare ws relay', 'Product ÷ relay', 'Target', 'Result'],
    ['---', '---:', '---:', '---:', '---', '---'],
    [
      `Steady (${c.rate} msg/s per chat ±50 %): delivered`,
      `${int(p.steady.deliveredPerS)} msg/s`,
      `${int(b.steady.deliveredPerS)} msg/s`,
      ratio(p.steady.deliveredPerS / b.steady.deliveredPerS),
      `all offered (${int(p.steady.sentPerS)} msg/s)`,
      verdict(p.steady.deliveredPerS >= 0.98 * p.steady.sentPerS),
    ],
    [
      'Steady: ack latency p50 / p99',
      lat(p.steady.ack),
      lat(b.steady.ack),
      `p99 ${ratio(r.ratios.ackP99)}`,
      'p99 < 50 ms',
      verdict(p.steady.ack.p99 < 50),
    ],
    [
      'Steady: delivery latency p50 / p99',
      lat(p.steady.delivery),
      lat(b.steady.delivery),
      `p99 ${ratio(r.ratios.deliveryP99)}`,
      'p99 < 50 ms',
      verdict(p.steady.delivery.p99 < 50),
    ],
    [
      `Saturation (${c.window} in flight per chat): delivered`,
      `${int(p.saturation.deliveredPerS)} msg/s${capped}`,
      `${int(b.saturation.deliveredPerS)} msg/s`,
      pct(r.ratios.throughput),
      '≥ 25 % of the relay',
      verdict(r.targets.throughput),
    ],
    ['Saturation: ack latency p50 / p99', lat(p.saturation.ack), lat(b.saturation.ack), '', '', ''],
    [
      'Errors, losses, duplicates, out of order',
      errors(p),
      errors(b),
      '',
      '0, each message exactly once',
      verdict(r.targets.exactlyOnce),
    ],
    ['CPU while saturated (100 % = 1 core)', cpuLine(p.saturation), cpuLine(b.saturation), '', '', ''],
    ['Server RSS: set up / peak / end', rssCell(p), rssCell(b), '', '', ''],
  ];
  const table = rows.map((row) => `| ${row.join(' | ')} |`).join('\n');
  const notes = [
    `${day(r.date)}, product at ${r.machine.product}; ${r.machine.cores} cores (${r.machine.cpu}), Node ${r.machine.node}; ${load(r)}.`,
    `${c.chats} chats, ${c.agents} agents, one socket each; product on ${c.db}; setup (sign-ins, ${c.chats} chats started, ` +
      `assigned and synced) ${p.setupS.toFixed(0)} s. Steady ${c.durationS} s after ${c.warmupS} s of warm-up; saturation ` +
      `${c.satDurationS} s after ${c.satWarmupS} s.`,
  ];
  if (p.steady.drainS > 1 || p.saturation.drainS > 1)
    notes.push(
      `The product's backlog took ${p.steady.drainS.toFixed(1)} s (steady) and ${p.saturation.drainS.toFixed(1)} s ` +
        '(saturation) to drain after the last send; every message was still acked and delivered.',
    );
  if (p.saturation.paced > 0 && c.productPace)
    notes.push(
      `The product's saturation phase keeps each visitor socket under its frame limit (${c.productPace.rate}/s); ` +
        `that held ${int(p.saturation.paced)} sends back, so at ${c.chats} chats the product's number is a lower bound ` +
        `(≤ ${int(c.chats * c.productPace.rate)} msg/s possible).`,
    );
  if (!c.productPace)
    notes.push(
      'The product ran with its per-visitor-socket frame guard (10 frames/s by default) raised through ' +
        '`VISITOR_FRAMES_PER_SECOND`, so both sides were driven alike.',
    );
  for (const s of [...p.steady.errorSamples, ...p.saturation.errorSamples].slice(0, 5))
    notes.push(`Error: ${s}`);
  return `#### ${c.chats.toLocaleString('en-US')} chats · ${c.db}\n\n${notes.join(' ')}\n\n${table}\n`;
}

function profileSection(r: MessagesResult): string {
  if (!r.profile) return '';
  const s = r.profile.summary;
  const table = (head: string, rows: { name: string; share: number }[], code = false) =>
    `| Share | ${head} |\n| ---: | --- |\n` +
    rows
      .map((x) => `| ${pct(x.share)} | ${code ? `\`${x.name.replace(/\|/g, '\\|')}\`` : x.name} |`)
      .join('\n');
  const generic = (name: string) => name.startsWith('node:internal/process') || name === '(native)';
  return (
    `#### CPU profile of the product, saturation, ${r.config.chats.toLocaleString('en-US')} chats · ${r.config.db}\n\n` +
    `${day(r.date)}, product at ${r.machine.product}; ${int(s.totalMs)} ms of samples, from the start of the measured ` +
    `saturation window until its backlog was drained (the profiler slows the server: ${int(r.product.saturation.deliveredPerS)} ` +
    `msg/s in that run). Raw profile (local, git-ignored): \`${r.profile.file}\`, for Chrome DevTools.\n\n` +
    `Self time by area:\n\n${table('Area', s.areas.slice(0, 12))}\n\n` +
    `Time with the area anywhere on the stack (its own code and what it calls):\n\n` +
    `${table('Area', s.inclusiveAreas.filter((a) => !generic(a.name)).slice(0, 12))}\n\n` +
    `Top functions by self time:\n\n${table('Function (area:line)', s.functions.slice(0, 15), true)}\n`
  );
}

function idleTable(results: IdleResult[]): string {
  const rows = [
    [
      'Date',
      'Product on',
      'Idle sockets',
      'Product RSS / socket',
      'Bare ws RSS / socket',
      'Product ÷ bare',
      'Heap / socket (product, bare)',
      'RSS before → after (product)',
      'Target',
      'Result',
    ],
    ['---', '---', '---:', '---:', '---:', '---:', '---:', '---:', '---', '---'],
    ...results.map((r) => [
      day(r.date),
      r.product.label,
      int(r.product.sockets),
      kb(r.product.bytesPerSocket),
      kb(r.baseline.bytesPerSocket),
      ratio(r.ratio),
      `${kb(r.product.heapPerSocket)}, ${kb(r.baseline.heapPerSocket)}`,
      `${mb(r.product.rssBefore)} → ${mb(r.product.rssAfter)}`,
      '≤ 30 KB',
      verdict(r.targets.bytesPerSocket),
    ]),
  ];
  const notes = results.map(
    (r) =>
      `${day(r.date)} (${r.product.label}), product at ${r.machine.product}: ${r.machine.cores} cores, Node ${r.machine.node}, ${load(r)}; ` +
      `${int(r.config.sockets)} sockets from ${r.config.clients} client processes, opened in ${r.product.openS.toFixed(0)} s ` +
      `(product) and ${r.baseline.openS.toFixed(0)} s (bare); ${r.product.failed + r.baseline.failed} failed.`,
  );
  return `${rows.map((row) => `| ${row.join(' | ')} |`).join('\n')}\n\n${notes.map((n) => `- ${n}`).join('\n')}\n`;
}

function routingTable(results: RoutingResult[]): string {
  const rows = [
    [
      'Product on',
      'Assignments / s',
      'Plain chat inserts / s',
      'Assignments ÷ inserts',
      'Start → agent notified p50 / p99',
      'Plain insert p50 / p99',
      'One agent per chat, limits kept',
    ],
    ['---', '---:', '---:', '---:', '---:', '---:', '---'],
    ...results.map((r) => {
      const b = r.baseline.rounds;
      const mid = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor((xs.length - 1) / 2)]!;
      return [
        r.product.label,
        int(r.summary.assignmentsPerS),
        int(r.summary.insertsPerS),
        ratio(r.summary.ratio),
        `${ms(r.summary.notifiedP50Ms)} / ${ms(r.summary.notifiedP99Ms)}`,
        `${ms(mid(b.map((x) => x.latency.p50)))} / ${ms(mid(b.map((x) => x.latency.p99)))}`,
        verdict(r.correct),
      ];
    }),
  ];
  const notes = results.map(
    (r) =>
      `${day(r.date)} (${r.product.label}), product at ${r.machine.product}: ${r.machine.cores} cores, Node ${r.machine.node}, ` +
      `${load(r)}; ${r.config.chats} chats at once and ${r.config.agents} agents (limits ` +
      `${r.config.limits.map((l) => l ?? '∞').join('/')}), median of ${r.config.rounds} rounds after a warm-up; per round ` +
      `assignments/s: ${r.product.rounds.map((x) => int(x.perS)).join(', ')}; inserts/s: ` +
      `${r.baseline.rounds.map((x) => int(x.perS)).join(', ')}.`,
  );
  return `${rows.map((row) => `| ${row.join(' | ')} |`).join('\n')}\n\n${notes.map((n) => `- ${n}`).join('\n')}\n`;
}

/**
 * CPU time the product spent per message delivered (µs): on a machine shared with other work, latency and
 * throughput move with the others' load, while the work per message does not.
 */
const cpuPerMessage = (s: MessagesSide['steady']) => ((s.serverCpu + (s.dbCpu ?? 0)) / s.deliveredPerS) * 1e6;

/** bench/messages --poison: the other chats' latency, clean and while one visitor sends poison messages. */
function poisonTable(results: PoisonResult[]): string {
  const lat = (s: PoisonResult['phases'][number]['clean']['ack']) => `${ms(s.p50)} / ${ms(s.p99)}`;
  const rows = [
    [
      'Run',
      'Product',
      'Phase',
      "Other chats' ack p50 / p99, clean",
      'With the poison visitor',
      'Ratio p50 / p99',
      'Delivered msg/s clean → poisoned',
      'CPU µs per message (server + PostgreSQL) clean → poisoned',
      'Errors (other chats)',
    ],
    ['---', '---', '---', '---:', '---:', '---:', '---:', '---:', '---:'],
    ...results.flatMap((r) =>
      r.phases.map((ph) => [
        `${r.config.chats.toLocaleString('en-US')} chats · ${r.config.db}`,
        r.machine.product,
        ph.mode === 'steady'
          ? `steady (${r.config.rate} msg/s per chat)`
          : `saturation (${r.config.window} in flight)`,
        lat(ph.clean.ack),
        lat(ph.poisoned.ack),
        `${ratio(ph.poisoned.ack.p50 / ph.clean.ack.p50)} / ${ratio(ph.poisoned.ack.p99 / ph.clean.ack.p99)}`,
        `${int(ph.clean.deliveredPerS)} → ${int(ph.poisoned.deliveredPerS)}`,
        `${int(cpuPerMessage(ph.clean))} → ${int(cpuPerMessage(ph.poisoned))}`,
        String(ph.clean.errors + ph.poisoned.errors),
      ]),
    ),
  ];
  const notes = results.map((r) => {
    const sat = r.phases.find((ph) => ph.mode === 'saturation') ?? r.phases[0]!;
    const answers = Object.entries(sat.poisoned.poison.byKind)
      .map(
        ([kind, a]) =>
          `${kind}: ${Object.entries(a)
            .map(([k, n]) => `${k} ${int(n)}`)
            .join(', ')}`,
      )
      .join('; ');
    return (
      `${day(r.date)} (${r.config.db}), product at ${r.machine.product}: ${r.machine.cores} cores, Node ${r.machine.node}, ` +
      `${load(r)}; ${r.config.chats} chats; each phase clean, then with the poison visitor at ${r.config.poisonRate} ` +
      `msg/s. How its messages were answered (saturation phase, ${int(sat.poisoned.poison.sent)} sent, ` +
      `${sat.poisoned.poison.reconnects} reconnects after being closed for bad frames) — ${answers}.`
    );
  });
  return `${rows.map((row) => `| ${row.join(' | ')} |`).join('\n')}\n\n${notes.map((n) => `- ${n}`).join('\n')}\n`;
}

export function render(results: Result[]): string {
  const messages = results.filter((r): r is MessagesResult => r.bench === 'messages');
  const plain = messages.filter((r) => !r.profile);
  const profiled = messages.filter((r) => r.profile);
  const idle = results.filter((r): r is IdleResult => r.bench === 'idle');
  const routing = results.filter((r): r is RoutingResult => r.bench === 'routing');
  const summaryRows = [
    [
      'Run',
      'Throughput vs relay (≥ 25 %)',
      'Steady p99 ack / delivery (< 50 ms)',
      'Exactly once',
      'Server RSS peak',
    ],
    ['---', '---', '---', '---', '---:'],
    ...plain.map((r) => [
      `${r.config.chats.toLocaleString('en-US')} chats · ${r.config.db}`,
      `${pct(r.ratios.throughput)} (${int(r.product.saturation.deliveredPerS)} vs ${int(r.baseline.saturation.deliveredPerS)} msg/s) ${verdict(r.targets.throughput)}`,
      `${ms(r.product.steady.ack.p99)} / ${ms(r.product.steady.delivery.p99)} ${verdict(r.targets.p99)}`,
      verdict(r.targets.exactlyOnce),
      r.product.rss ? mb(r.product.rss.peak) : '–',
    ]),
  ];
  const parts = ['### bench/messages', ''];
  if (plain.length) parts.push(summaryRows.map((row) => `| ${row.join(' | ')} |`).join('\n'), '');
  for (const r of plain) parts.push(messagesSection(r));
  for (const r of profiled) parts.push(profileSection(r));
  const poisoned = results.filter((r): r is PoisonResult => r.bench === 'messages-poison');
  if (poisoned.length) parts.push('### bench/messages — a poison visitor', '', poisonTable(poisoned));
  parts.push('### bench/idle', '');
  if (idle.length) parts.push(idleTable(idle));
  parts.push('### bench/routing', '');
  if (routing.length) parts.push(routingTable(routing));
  return parts.join('\n');
}

export function summaryLines(results: Result[]): string[] {
  return results.map((r) => {
    if (r.bench === 'idle')
      return (
        `idle     ${r.product.label}: ${kb(r.product.bytesPerSocket)}/socket vs bare ${kb(r.baseline.bytesPerSocket)} ` +
        `(${ratio(r.ratio)}), target ≤ 30 KB: ${r.targets.bytesPerSocket ? 'pass' : 'FAIL'}`
      );
    if (r.bench === 'routing')
      return (
        `routing  ${r.product.label}: ${int(r.summary.assignmentsPerS)} assignments/s vs ${int(r.summary.insertsPerS)} ` +
        `plain inserts/s (${ratio(r.summary.ratio)}); start → agent notified p99 ${ms(r.summary.notifiedP99Ms)}; ` +
        `correct: ${r.correct ? 'pass' : 'FAIL'}`
      );
    if (r.bench === 'messages-poison')
      return (
        `poison   ${r.config.chats} chats, ${r.config.db} (${r.machine.product}): other chats' ack p50/p99 ` +
        r.phases
          .map(
            (ph) =>
              `${ph.mode} ${ms(ph.clean.ack.p50)}/${ms(ph.clean.ack.p99)} clean, ` +
              `${ms(ph.poisoned.ack.p50)}/${ms(ph.poisoned.ack.p99)} poisoned`,
          )
          .join('; ')
      );
    if (r.bench === 'footprint')
      return `footprint PGlite, idle: ${r.runs
        .map((x) => `${x.start} start peak ${mb(x.startPeak)}, after ${r.config.idleS} s ${mb(x.idle)}`)
        .join('; ')}`;
    const tag = r.profile ? ' (profiled)' : '';
    return (
      `messages ${r.config.chats} chats, ${r.config.db}${tag}: saturation ${int(r.product.saturation.deliveredPerS)} vs ` +
      `relay ${int(r.baseline.saturation.deliveredPerS)} msg/s = ${pct(r.ratios.throughput)} ` +
      `(≥ 25 %: ${r.targets.throughput ? 'pass' : 'FAIL'}); steady p99 ack ${ms(r.product.steady.ack.p99)}, ` +
      `delivery ${ms(r.product.steady.delivery.p99)} (< 50 ms: ${r.targets.p99 ? 'pass' : 'FAIL'}); ` +
      `exactly once: ${r.targets.exactlyOnce ? 'pass' : 'FAIL'}` +
      (r.product.rss ? `; server RSS peak ${mb(r.product.rss.peak)}` : '')
    );
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values, positionals } = parseArgs({
    options: { 'write-docs': { type: 'boolean', default: false } },
    allowPositionals: true,
  });
  const results = await Promise.all(positionals.map((f) => readResult(f)));
  for (const l of summaryLines(results)) console.log(l);
  if (values['write-docs']) {
    const docs = path.join(root, 'docs/benchmarks.md');
    const text = await readFile(docs, 'utf8');
    const a = text.indexOf(START);
    const b = text.indexOf(END);
    if (a < 0 || b < a) throw new Error(`docs/benchmarks.md has no ${START} … ${END} block`);
    await writeFile(docs, `${text.slice(0, a + START.length)}\n\n${render(results)}\n${text.slice(b)}`);
    console.log('Updated docs/benchmarks.md.');
  }
}
