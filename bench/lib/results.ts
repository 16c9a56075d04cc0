import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import path from 'node:path';
import type { PoisonStats, RunResult } from './messages-ipc.js';
import type { ProfileSummary } from './profile.js';
import type { Summary } from './stats.js';
import { productVersion, root } from './procs.js';

export type Machine = {
  cores: number;
  cpu: string;
  memGiB: number;
  node: string;
  note: string;
  /** The product version measured (commit). */
  product: string;
};

export function machine(): Machine {
  const list = cpus();
  return {
    cores: list.length,
    cpu: list[0]?.model.trim() ?? 'unknown',
    memGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    note: `${list.length} cores; load generator, server and database share them`,
    product: productVersion(),
  };
}

/** One side (baseline or product) of a messages run, with the CPU each process used while measured. */
export type MessagesSide = {
  label: string;
  setupS: number;
  steady: RunResult & { serverCpu: number; dbCpu?: number; redisCpu?: number };
  saturation: RunResult & { serverCpu: number; dbCpu?: number; redisCpu?: number };
  /**
   * The server process's RSS in bytes: when the chats were set up (idle), the highest while measured (sampled
   * every 200 ms through both phases) and at the end. Absent from results recorded before it was measured.
   */
  rss?: { ready: number; peak: number; end: number };
};

/** One round of bench/messages: the relay and the product, one after the other (fresh processes each). */
export type MessagesRound = {
  /** 1-minute load average of the machine before and after the round (other work on it shows here). */
  load: { before: number; after: number };
  baseline: MessagesSide;
  product: MessagesSide;
  ratios: {
    /** Product's saturation throughput ÷ the relay's. */
    throughput: number;
    ackP99: number;
    deliveryP99: number;
  };
};

/** Median and range over the rounds. */
export type Spread = { median: number; min: number; max: number };

export type MessagesResult = {
  bench: 'messages';
  date: string;
  machine: Machine;
  config: {
    chats: number;
    agents: number;
    db: string;
    rate: number;
    warmupS: number;
    durationS: number;
    window: number;
    satWarmupS: number;
    satDurationS: number;
    /** The per-visitor-socket frame budget the product's saturation phase kept to. */
    productPace: { rate: number; burst: number } | null;
    /** Load generator processes per side. */
    generators: number;
    rounds: number;
    profiled: boolean;
  };
  load: { before: number; after: number };
  rounds: MessagesRound[];
  summary: {
    throughputRatio: Spread;
    productMsgPerS: Spread;
    relayMsgPerS: Spread;
    ackP99Ms: Spread;
    deliveryP99Ms: Spread;
  };
  /** Judged on the medians: throughput ≥ 50 % of the relay, steady p99 < 50 ms; exactly once in every round. */
  targets: { throughput: boolean; p99: boolean; exactlyOnce: boolean };
  profile?: { file: string; summary: ProfileSummary };
};

export type IdleSide = {
  label: string;
  sockets: number;
  openS: number;
  rssBefore: number;
  rssAfter: number;
  heapBefore: number;
  heapAfter: number;
  bytesPerSocket: number;
  heapPerSocket: number;
  failed: number;
};

export type IdleResult = {
  bench: 'idle';
  date: string;
  machine: Machine;
  config: { sockets: number; clients: number; db: string; fdLimit: string };
  load: { before: number; after: number };
  baseline: IdleSide;
  product: IdleSide;
  ratio: number;
  targets: { bytesPerSocket: boolean };
};

/** One burst of chats: how long until the last one was done, and each one's time. */
export type RoutingRound = { chats: number; seconds: number; perS: number; latency: Summary };

export type RoutingSideRound = RoutingRound & {
  ack: Summary;
  twice: number;
  overLimit: number;
  problems: number;
  rss: number;
};

export type RoutingResult = {
  bench: 'routing';
  date: string;
  machine: Machine;
  config: {
    chats: number;
    agents: number;
    instances: number;
    db: string;
    limits: (number | null)[];
    rounds: number;
  };
  load: { before: number; after: number };
  /**
   * The minimal server without routing (bench/routing-baseline-server.ts) and the product, through the same
   * socket client, rounds alternating: per round chats/s and each chat's time from chat.start sent to the
   * agent's socket receiving it; the server's RSS after the round (summed over instances).
   */
  baseline: { label: string; rounds: RoutingSideRound[] };
  product: { label: string; rounds: RoutingSideRound[] };
  /** Medians over the rounds; the ratio is the median of the per-round ratios (round i of each side). */
  summary: {
    insertsPerS: number;
    assignmentsPerS: number;
    ratio: number;
    ratioMin: number;
    ratioMax: number;
    notifiedP50Ms: number;
    notifiedP99Ms: number;
    baselineP99Ms: number;
  };
  /** Every chat reached exactly one agent, nobody went over their limit, no error frames. */
  correct: boolean;
};

/**
 * bench/messages --poison: the same chats in each phase (steady, saturation), first clean, then while one more
 * visitor sends poison messages; the latencies are the other chats' (the poison visitor's are not counted).
 */
export type PoisonResult = {
  bench: 'messages-poison';
  date: string;
  machine: Machine;
  config: {
    chats: number;
    agents: number;
    db: string;
    rate: number;
    window: number;
    warmupS: number;
    durationS: number;
    satWarmupS: number;
    satDurationS: number;
    poisonRate: number;
  };
  load: { before: number; after: number };
  phases: {
    mode: 'steady' | 'saturation';
    clean: MessagesSide['steady'];
    poisoned: MessagesSide['steady'] & { poison: PoisonStats };
  }[];
};

/** One start of the server on PGlite (bench/footprint.ts); RSS in bytes. */
export type FootprintRun = {
  start: 'first' | 'restart';
  readyS: number;
  /** The highest RSS until ready (VmHWM). */
  startPeak: number;
  after10s: number;
  /** After the idle period. */
  idle: number;
  /** The highest RSS of the whole run (VmHWM). */
  peak: number;
};

export type FootprintResult = {
  bench: 'footprint';
  date: string;
  machine: Machine;
  config: { idleS: number };
  load: { before: number; after: number };
  runs: FootprintRun[];
};

/** A reading of the server's memory in bench/exports (bytes): RSS, the V8 heap, its young generation. */
export type ExportsMem = {
  rss: number;
  heapUsed: number;
  /** The young generation's reserved size (new space and new large objects), and what it holds. */
  young: number;
  youngUsed: number;
  /** Heap used outside the young generation. */
  oldUsed: number;
  external: number;
};
/** Memory around a piece of work: at its start, the highest while it ran, at its end, after forced GCs. */
export type ExportsMemRun = {
  start: ExportsMem;
  peak: ExportsMem;
  end: ExportsMem;
  /** After two forced full GCs, taken only after the last piece of work of a process. */
  afterGc?: ExportsMem;
  /** peak − start, per figure. */
  growth: ExportsMem;
};
export type ExportsDownload = { rows: number; bytes: number; seconds: number };

export type ExportsResult = {
  bench: 'exports';
  date: string;
  machine: Machine;
  config: {
    db: string;
    chats: number;
    rounds: number;
    batchSize: number;
    nodeFlags: string[];
    otherWorkSeconds: number;
  };
  seedSeconds: number;
  load: { before: number; after: number };
  /** Per round: COPY of the report's SELECT, then the product's download, in one server process. */
  rounds: { copy: ExportsDownload; product: ExportsDownload; mem: ExportsMemRun }[];
  /** A second server process: the Chats list page after page, then one export. */
  otherWork: { pages: number; seconds: number; mem: ExportsMemRun };
  exportAfterOtherWork: ExportsDownload & { mem: ExportsMemRun };
  summary: {
    ratio: number;
    ratioMin: number;
    ratioMax: number;
    copyRowsPerS: number;
    productRowsPerS: number;
    firstRssGrowth: number;
    laterRssGrowth: number | null;
    oldHeapGrowth: number;
    afterOtherWorkRssGrowth: number;
    otherWorkRssGrowth: number;
  };
};

/** bench/visitors: the chats measured without and with the beacon load (TLS-6). */
export type VisitorsPhase = {
  chats: Omit<RunResult, 'raw'>;
  serverCpu: number;
  dbCpu?: number;
  beacons: {
    sent: number;
    ok: number;
    errors: number;
    again: number;
    perS: number;
    latency: Summary;
    clientCpu: number;
  };
};

export type VisitorsResult = {
  bench: 'visitors';
  date: string;
  machine: Machine;
  config: {
    db: string;
    chats: number;
    agents: number;
    visitors: number;
    everyS: number;
    rate: number;
    durationS: number;
    rounds: number;
    setupS: number;
  };
  load: { before: number; after: number };
  rounds: {
    load: { before: number; after: number };
    without: Omit<VisitorsPhase, 'beacons'>;
    with: VisitorsPhase;
    ratios: { deliveryP99: number; ackP99: number };
  }[];
  summary: {
    deliveryP99Without: number;
    deliveryP99With: number;
    ackP99Without: number;
    ackP99With: number;
    deliveryRatio: number;
    beaconsPerS: number;
    beaconP99: number;
  };
  targets: { p99: boolean; noErrors: boolean };
};

export type CobrowsePhase = {
  chats: Omit<RunResult, 'raw'>;
  serverCpu: number;
  dbCpu?: number;
  stream: {
    batchesSent: number;
    framesSent: number;
    bytesSent: number;
    mutationsPerS: number;
    bytesPerS: number;
    batchesReceived: number;
    bytesReceived: number;
    refused: number;
    latency: Summary;
    clientCpu: number;
  };
};

export type CobrowseResult = {
  bench: 'cobrowse';
  date: string;
  machine: Machine;
  config: {
    db: string;
    chats: number;
    agents: number;
    mutations: number;
    batchMs: number;
    rate: number;
    durationS: number;
    rounds: number;
    snapshotBytes: number;
  };
  load: { before: number; after: number };
  rounds: {
    load: { before: number; after: number };
    without: Omit<CobrowsePhase, 'stream'>;
    with: CobrowsePhase;
    ratios: { deliveryP99: number; ackP99: number };
  }[];
  summary: {
    deliveryP99Without: number;
    deliveryP99With: number;
    ackP99Without: number;
    ackP99With: number;
    deliveryRatio: number;
    streamBytesPerS: number;
    streamP99: number;
  };
  targets: { p99: boolean; noErrors: boolean };
};

/** bench/canned: one search of the console's canned responses (TLS-2), on the large forum and the baseline's. */
export type CannedSearchRow = {
  search: string;
  /** Q&As that match (all of them, not only the page of results sent). */
  matches: { product: number; baseline: number };
  product: Summary;
  baseline: Summary;
  ratioP50: number;
  ratioP99: number;
};

export type CannedResult = {
  bench: 'canned';
  date: string;
  machine: Machine;
  config: { db: string; answers: number; baseline: number; rounds: number; warmup: number };
  load: { before: number; after: number };
  rows: CannedSearchRow[];
};

export type Result =
  | CannedResult
  | MessagesResult
  | IdleResult
  | RoutingResult
  | PoisonResult
  | FootprintResult
  | ExportsResult
  | VisitorsResult
  | CobrowseResult;

/** Raw results, committed: every number in docs/benchmarks.md is rendered from these (bench/report.mjs). */
export const resultsDir = path.join(root, 'bench', 'results');

/**
 * Writes a result as bench/results/<name>-<date>.json (the day in UTC); a later run of the same name on the same
 * day replaces it. Latency samples carried over IPC are dropped: the summaries are what is kept.
 */
export async function writeResult(name: string, result: Result): Promise<string> {
  await mkdir(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `${name}-${result.date.slice(0, 10)}.json`);
  const json = JSON.stringify(result, (k, v: unknown) => (k === 'raw' ? undefined : v), 2);
  await writeFile(file, json + '\n');
  return file;
}

export async function readResult(file: string): Promise<Result> {
  return JSON.parse(await readFile(file, 'utf8')) as Result;
}
