import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import path from 'node:path';
import type { PoisonStats, RunResult } from './messages-ipc.js';
import type { ProfileSummary } from './profile.js';
import type { Summary } from './stats.js';
import { outDir, productVersion } from './procs.js';

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
  };
  /** 1-minute load average of the machine before and after (other work on it shows here). */
  load: { before: number; after: number };
  baseline: MessagesSide;
  product: MessagesSide;
  ratios: {
    /** Product's saturation throughput ÷ the relay's (target ≥ 0.25). */
    throughput: number;
    ackP99: number;
    deliveryP99: number;
  };
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
  /** Plain chat inserts (no routing): per round, chats/s and each insert's time. */
  baseline: { label: string; rounds: RoutingRound[] };
  /** Per round: assignments/s and each chat's time from chat.start sent to the agent's notification. */
  product: {
    label: string;
    rounds: (RoutingRound & { ack: Summary; twice: number; overLimit: number; problems: number })[];
  };
  /** Medians over the rounds. */
  summary: {
    insertsPerS: number;
    assignmentsPerS: number;
    ratio: number;
    notifiedP50Ms: number;
    notifiedP99Ms: number;
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

export type Result = MessagesResult | IdleResult | RoutingResult | PoisonResult | FootprintResult;

export async function writeResult(name: string, result: Result): Promise<string> {
  const dir = path.join(outDir, 'results');
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${name}.json`);
  await writeFile(file, JSON.stringify(result, null, 2) + '\n');
  return file;
}

export async function readResult(file: string): Promise<Result> {
  return JSON.parse(await readFile(file, 'utf8')) as Result;
}
