/** How often "typing" is said again while the agent keeps typing (the visitor's widget may time it out). */
export const TYPING_KEEPALIVE_MS = 3000;
/** Typing stops counting after this long without a keystroke. */
export const TYPING_IDLE_MS = 5000;

export interface Timers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
};

/**
 * The agent's typing indicator for one chat, throttled: `true` when typing starts and again every few
 * seconds while it goes on, `false` once when the text is sent or cleared, or after a pause.
 */
export class TypingSignal {
  private active = false;
  private lastSent = 0;
  private idle: unknown = null;

  constructor(
    private readonly send: (typing: boolean) => void,
    private readonly timers: Timers = realTimers,
  ) {}

  /** The composer's text changed. */
  input(text: string): void {
    if (text.trim() === '') {
      this.stop();
      return;
    }
    const now = this.timers.now();
    if (!this.active || now - this.lastSent >= TYPING_KEEPALIVE_MS) {
      this.active = true;
      this.lastSent = now;
      this.send(true);
    }
    if (this.idle !== null) this.timers.clearTimeout(this.idle);
    this.idle = this.timers.setTimeout(() => this.stop(), TYPING_IDLE_MS);
  }

  /** Sent, cleared, left the chat or paused. */
  stop(): void {
    if (this.idle !== null) this.timers.clearTimeout(this.idle);
    this.idle = null;
    if (!this.active) return;
    this.active = false;
    this.send(false);
  }
}
