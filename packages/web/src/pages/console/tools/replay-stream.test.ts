import { describe, expect, it } from 'vitest';
import { REPLAY_KEEP_MAX, ReplayStream } from './replay-stream';

const meta = (t: number) =>
  JSON.stringify([
    { type: 4, data: { href: 'https://shop.example/', width: 800, height: 600 }, timestamp: t },
    { type: 2, data: { node: {}, initialOffset: { top: 0, left: 0 } }, timestamp: t },
  ]);
const mutation = (t: number) => JSON.stringify([{ type: 3, data: { source: 0 }, timestamp: t }]);

// TLS-5: the console keeps a chat's recorded events from the last full snapshot on, for replay frames that open
// later (the larger view).
describe('ReplayStream', () => {
  it('gives a frame that attaches late the batches from the last full snapshot on, then the new ones', () => {
    const s = new ReplayStream();
    s.push(mutation(1));
    s.push(meta(2));
    s.push(mutation(3));
    const seen: string[] = [];
    s.attach((d) => seen.push(d));
    s.push(mutation(4));
    expect(seen).toEqual([meta(2), mutation(3), mutation(4)]);
    s.push(meta(5));
    const late: string[] = [];
    s.attach((d) => late.push(d));
    expect(late).toEqual([meta(5)]);
  });

  it('stops giving batches to a frame that detached, and forgets everything on reset', () => {
    const s = new ReplayStream();
    const seen: string[] = [];
    const detach = s.attach((d) => seen.push(d));
    s.push(meta(1));
    detach();
    s.push(mutation(2));
    expect(seen).toEqual([meta(1)]);
    s.reset();
    const after: string[] = [];
    s.attach((d) => after.push(d));
    expect(after).toEqual([]);
  });

  it('asks for a new full snapshot when too much piles up without one', () => {
    const s = new ReplayStream();
    let asked = 0;
    s.onOverflow = () => asked++;
    const big = 'x'.repeat(REPLAY_KEEP_MAX / 4 + 1);
    for (let i = 0; i < 4; i++) s.push(big);
    expect(asked).toBe(1);
    const seen: string[] = [];
    s.attach((d) => seen.push(d));
    expect(seen).toEqual([]);
  });
});
