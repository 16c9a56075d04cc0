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
};

export type ClientEvent =
  | { ev: 'ready'; setupMs: number }
  | { ev: 'measure-start' }
  | { ev: 'measure-end' }
  | { ev: 'result'; result: RunResult }
  | { ev: 'failed'; message: string };
