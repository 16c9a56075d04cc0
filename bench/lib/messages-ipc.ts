import type { Summary } from './stats.js';

/** What bench/messages.ts tells its load generator (bench/messages-client.ts) over the IPC channel. */
export type ClientCommand =
  | {
      cmd: 'setup';
      target: 'product';
      url: string;
      siteId: string;
      chats: number;
      /** One socket per agent, signed in with this session cookie. */
      agentCookies: string[];
      /** Also set up the poison visitor (a visitor of its own with a chat it has closed). */
      poison?: boolean;
    }
  | { cmd: 'setup'; target: 'relay'; url: string; chats: number; agents: number }
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
};

/** Messages the poison visitor sent, per kind, and the answers per kind (`ack`, an error code, or `none`). */
export type PoisonStats = {
  sent: number;
  reconnects: number;
  byKind: Record<string, Record<string, number>>;
};

export type ClientEvent =
  | { ev: 'ready'; setupMs: number }
  | { ev: 'measure-start' }
  | { ev: 'measure-end' }
  | { ev: 'result'; result: RunResult }
  | { ev: 'failed'; message: string };
