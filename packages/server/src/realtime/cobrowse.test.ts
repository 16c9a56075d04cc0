import { describe, expect, it } from 'vitest';
import { isEventBatch } from './cobrowse.js';

// TLS-5: only batches that look like rrweb events are relayed to the agent's replay.
describe('isEventBatch', () => {
  it('takes an array of events with a known type and a timestamp', () => {
    expect(isEventBatch('[{"type":4,"data":{"href":"x"},"timestamp":1}]')).toBe(true);
    expect(isEventBatch('[{"type":0,"timestamp":1.5},{"type":6,"data":{},"timestamp":2}]')).toBe(true);
  });

  it('refuses anything else', () => {
    for (const bad of [
      '',
      'garbage',
      '{}',
      '[]',
      'null',
      '[null]',
      '[[1]]',
      '[{"type":7,"timestamp":1}]',
      '[{"type":-1,"timestamp":1}]',
      '[{"type":1.5,"timestamp":1}]',
      '[{"type":"2","timestamp":1}]',
      '[{"type":2}]',
      '[{"type":2,"timestamp":"now"}]',
      JSON.stringify(new Array(10_001).fill({ type: 3, timestamp: 1 })),
    ])
      expect(isEventBatch(bad), bad.slice(0, 40)).toBe(false);
  });
});
