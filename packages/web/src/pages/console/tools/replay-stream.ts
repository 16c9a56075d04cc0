/**
 * A rrweb Meta event as the recorder's JSON text starts it (`JSON.stringify` keeps rrweb's key order): a full
 * snapshot follows it, so a replay can start there.
 */
const META = '{"type":4,"data":{"href"';
/** More than this many characters kept without a full snapshot: dropped, and a new snapshot asked for. */
export const REPLAY_KEEP_MAX = 16 * 1024 * 1024;

/**
 * TLS-5: a chat's recorded events as the Screen share section receives them (batches of JSON text), for the
 * replay frames that show them. It keeps the batches since the last full snapshot, so a frame that opens later
 * (the larger view, a frame that reloads) starts from a whole page.
 */
export class ReplayStream {
  private batches: string[] = [];
  private length = 0;
  private readonly frames = new Set<(data: string) => void>();
  /** Called when too much was kept: the section asks the visitor for a full snapshot. */
  onOverflow: () => void = () => {};

  push(data: string): void {
    if (data.includes(META)) this.reset();
    this.batches.push(data);
    this.length += data.length;
    if (this.length > REPLAY_KEEP_MAX) {
      this.reset();
      this.onOverflow();
      return;
    }
    for (const f of [...this.frames]) f(data);
  }

  /** What was kept, then every new batch; returns the function that stops it. */
  attach(frame: (data: string) => void): () => void {
    for (const b of this.batches) frame(b);
    this.frames.add(frame);
    return () => void this.frames.delete(frame);
  }

  /** Sharing ended: nothing kept is shown again. */
  reset(): void {
    this.batches = [];
    this.length = 0;
  }
}
