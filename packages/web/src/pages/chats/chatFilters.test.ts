import { describe, expect, it } from 'vitest';
import { apiFilters, hasFilters, periodOf, viewFromParams } from './chatFilters';

const at = new Date('2026-03-28T23:30:00Z'); // 00:30 on 29 March in Amsterdam, still the 28th in UTC

describe('the chat list’s view in the address (CHT-1)', () => {
  it('defaults to the last 7 days, newest first, no filters', () => {
    const view = viewFromParams(new URLSearchParams());
    expect(view).toMatchObject({ period: 'last7', sort: 'desc', agentId: null, type: null });
    expect(hasFilters(view)).toBe(false);
    expect(apiFilters(view, at, 'Europe/Amsterdam')).toEqual({
      from: '2026-03-23',
      to: '2026-03-29',
      sort: 'desc',
    });
  });

  it('reads "today" in the account’s time zone', () => {
    const view = viewFromParams(new URLSearchParams('period=today'));
    expect(periodOf(view, at, 'Europe/Amsterdam')).toEqual({ from: '2026-03-29', to: '2026-03-29' });
    expect(periodOf(view, at, 'UTC')).toEqual({ from: '2026-03-28', to: '2026-03-28' });
    expect(periodOf(viewFromParams(new URLSearchParams('period=yesterday')), at, 'UTC')).toEqual({
      from: '2026-03-27',
      to: '2026-03-27',
    });
  });

  it('keeps every filter a shared address names', () => {
    const id = '3d438082-0003-443c-b95d-44245c7366ad';
    const view = viewFromParams(
      new URLSearchParams(
        `period=custom&from=2026-01-01&to=2026-01-31&agentId=${id}&campaignId=${id}&successCodeId=${id}` +
          '&participants=several_agents&type=offline&status=closed&sort=asc',
      ),
    );
    expect(hasFilters(view)).toBe(true);
    expect(apiFilters(view, at, 'UTC')).toEqual({
      from: '2026-01-01',
      to: '2026-01-31',
      sort: 'asc',
      agentId: id,
      campaignId: id,
      successCodeId: id,
      participants: 'several_agents',
      type: 'offline',
      status: 'closed',
    });
  });

  it('ignores what it does not understand, and waits for both dates of a custom range', () => {
    const view = viewFromParams(
      new URLSearchParams('period=forever&agentId=x&type=email&status=open&sort=rating&participants=all'),
    );
    expect(view).toMatchObject({ period: 'last7', agentId: null, type: null, status: null, sort: 'desc' });
    expect(apiFilters(viewFromParams(new URLSearchParams('period=custom&from=2026-01-01')), at, 'UTC')).toBe(
      null,
    );
    expect(viewFromParams(new URLSearchParams('period=custom&from=2026-02-30&to=x'))).toMatchObject({
      from: null,
      to: null,
    });
  });
});
