import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { throttle } from './throttle';

describe('throttle', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs the first call at once and the latest value once per window', () => {
    const run = vi.fn();
    const t = throttle(run, 300);
    t.call('h');
    expect(run).toHaveBeenCalledTimes(1);
    t.call('he');
    t.call('hel');
    t.call('hell');
    expect(run).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(299);
    expect(run).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(run).toHaveBeenLastCalledWith('hell');
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('never runs more often than once per window while typing continuously', () => {
    const run = vi.fn();
    const t = throttle(run, 300);
    for (let i = 0; i < 100; i++) {
      t.call(String(i));
      vi.advanceTimersByTime(30); // 3 s of typing
    }
    vi.advanceTimersByTime(1000);
    expect(run.mock.calls.length).toBeLessThanOrEqual(11);
    expect(run).toHaveBeenLastCalledWith('99');
  });

  it('runs at once again after a quiet window', () => {
    const run = vi.fn();
    const t = throttle(run, 300);
    t.call('a');
    vi.advanceTimersByTime(1000);
    t.call('b');
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('cancel drops the waiting value', () => {
    const run = vi.fn();
    const t = throttle(run, 300);
    t.call('a');
    t.call('ab');
    t.cancel();
    vi.advanceTimersByTime(1000);
    expect(run).toHaveBeenCalledTimes(1);
    expect(run).toHaveBeenLastCalledWith('a');
  });
});
