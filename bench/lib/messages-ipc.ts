import type { Summary } from './stats.js';

/** What bench/messages.ts tells its load generator (bench/messages-client.ts) over the IPC channel. */
export type ClientCommand =
  | {
      /** Opens this generator's agent sockets and starts its visitors' chats (answered with `started`). */
      cmd: 'setup';
      target: 'product';
      url: string;
      siteId: string;
      /** Chats this generator starts (their visitors may move to the generator holding their agent). */
      chats: number;
      /** This generator's agents: global index and session cookie (one socket each). */
      agentCookies: { idx: number; cookie: string }[];
    }
  | {
      /** The relay: this generator's agents (global indexes) and chats (global indexes; chat i → agent i % agents). */
      cmd: 'setup';
      target: 'relay';
      url: string;
      agentIds: number[];
      chatIds: number[];
      agents: number;
    }
  /** The chats assigned so far to this generator's agents (answered with `assignments`). */
  | { cmd: 'assignments' }
  /**
   * Product: takes over visitors whose chat went to one of this generator's agents (hello with the visitor's
   * token, resync), so each chat's visitor and agent sockets live in one process and are timed on one clock.
   */
  | { cmd: 'adopt'; url: string; siteId: string; chats: { chatId: string; token: string; agent: number }[] }
  /** Closes the visitors another generator took over, waits until every chat is synced (answered with `ready`). */
  | { cmd: 'release'; chatIds: string[]; poison?: boolean; url?: string; siteId?: string }
  | {
      cmd: 'run';
      mode: 'steady' | 'saturation';
      /** Steady: messages per second per chat (with ±50 % jitter on each interval). */
      rate: number;
      /** Saturation: messages in flight per chat. */
      window: number;
      /** Saturation: keep each visitor socket within this frame budget (token bucket), or null for none. */
      pace: { rate: number; burst: number } | null;
      warmupMs: number;
      durationMs: number;
      drainMs: number;
      /** Steady: the poison visitor sends this many poison messages per second meanwhile (0: none). */
      poisonRate?: number;
    }
  | { cmd: 'close' };

export type RunResult = {
  mode: 'steady' | 'saturation';
  chats: number;
  durationS: number;
  /** Messages whose delivery to the agent fell inside the measured window, per second. */
  deliveredPerS: number;
  /** Sent inside the measured window, per second. */
  sentPerS: number;
  ack: Summary;
  delivery: Summary;
  sent: number;
  acked: number;
  delivered: number;
  /** Delivered more than once to the agent. */
  duplicates: number;
  /** Never delivered to the agent (after the drain). */
  lost: number;
  unacked: number;
  /** Error frames, unexpected closes, out-of-order seqs, deliveries to the wrong chat or agent. */
  errors: number;
  errorSamples: string[];
  /** Load generator's own CPU (fraction of one core) and event-loop delay during the measured window. */
  clientCpu: number;
  clientLoopP99Ms: number;
  /** Seconds after the last send until everything was acked and delivered (the server's backlog). */
  drainS: number;
  /** Saturation: sends the pacing held back; > 0 means the per-socket frame budget bound the rate. */
  paced: number;
  /** What the poison visitor sent in this phase, by kind, and how each kind was answered (frame or code). */
  poison?: PoisonStats;
  /** Each generator's CPU (fraction of one core) in the measured window, when several drove the run. */
  clientCpus?: number[];
  /** Over IPC only: every latency sample, so the parent merges the generators' percentiles exactly. */
  raw?: { ack: number[]; delivery: number[] };
};

/** Messages the poison visitor sent, per kind, and the answers per kind (`ack`, an error code, or `none`). */
export type PoisonStats = {
  sent: number;
  reconnects: number;
  byKind: Record<string, Record<string, number>>;
};

export type ClientEvent =
  | { ev: 'ready'; setupMs: number }
  | { ev: 'started'; visitors: { chatId: string; token: string }[] }
  | { ev: 'assignments'; agentOf: Record<string, number> }
  | { ev: 'adopted' }
  | { ev: 'measure-start' }
  | { ev: 'measure-end' }
  | { ev: 'result'; result: RunResult }
  | { ev: 'failed'; message: string };
