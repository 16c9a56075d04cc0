import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration from the environment', () => {
  it('defaults the visitor frame budget to 10 per second and reads it when set', () => {
    expect(loadConfig({}).visitorFramesPerSecond).toBe(10);
    expect(loadConfig({ VISITOR_FRAMES_PER_SECOND: '25' }).visitorFramesPerSecond).toBe(25);
  });

  it.each(['0', '-3', 'fast', '2.5'])('refuses VISITOR_FRAMES_PER_SECOND=%s, naming the variable', (v) => {
    expect(() => loadConfig({ VISITOR_FRAMES_PER_SECOND: v })).toThrow(ConfigError);
    expect(() => loadConfig({ VISITOR_FRAMES_PER_SECOND: v })).toThrow(/VISITOR_FRAMES_PER_SECOND/);
  });
});
