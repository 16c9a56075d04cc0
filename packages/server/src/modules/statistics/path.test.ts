import { describe, expect, it } from 'vitest';
import type { StatisticsQuery } from '@parley/protocol';
import { statisticsPath } from './service.js';

const period = { from: '2026-03-01', to: '2026-03-31' };
const id = '00000000-0000-4000-8000-000000000001';

describe('statisticsPath', () => {
  // The rollups key the period, campaign, type and status; any filter that needs a chat's own rows goes raw.
  it.each<[Partial<StatisticsQuery>, 'rollup' | 'raw']>([
    [{}, 'rollup'],
    [{ campaignId: id }, 'rollup'],
    [{ type: 'offline' }, 'rollup'],
    [{ status: 'closed' }, 'rollup'],
    [{ campaignId: id, type: 'live', status: 'active' }, 'rollup'],
    [{ agentId: id }, 'raw'],
    [{ successCodeId: id }, 'raw'],
    [{ participants: 'visitor_only' }, 'raw'],
    [{ campaignId: id, participants: 'several_agents' }, 'raw'],
  ])('%j → %s', (filters, path) => {
    expect(statisticsPath({ ...period, ...filters } as StatisticsQuery)).toBe(path);
  });
});
