import { describe, expect, it } from 'vitest';
import {
  chatFilter,
  filterSearch,
  hasFilters,
  periodOf,
  periodProblem,
  sortFromParams,
  viewFromParams,
} from './chatFilters';

const at = new Date('2026-03-28T23:30:00Z'); // 00:30 on 29 March in Amsterdam, still the 28th in UTC
const view = (query: string) => viewFromParams(new URLSearchParams(query));

describe('the Chats section’s filters in the address (CHT-1, STA-1…9)', () => {
  it('defaults to the last 7 days, no filters, newest first', () => {
    expect(view('')).toMatchObject({ period: 'last7', agentId: null, type: null });
    expect(hasFilters(view(''))).toBe(false);
    expect(sortFromParams(new URLSearchParams())).toBe('desc');
    expect(chatFilter(view(''), at, 'Europe/Amsterdam')).toEqual({ from: '2026-03-23', to: '2026-03-29' });
  });

  it('reads "today" in the account’s time zone', () => {
    expect(periodOf(view('period=today'), at, 'Europe/Amsterdam')).toEqual({
      from: '2026-03-29',
      to: '2026-03-29',
    });
    expect(periodOf(view('period=today'), at, 'UTC')).toEqual({ from: '2026-03-28', to: '2026-03-28' });
    expect(periodOf(view('period=yesterday'), at, 'UTC')).toEqual({ from: '2026-03-27', to: '2026-03-27' });
  });

  it('keeps every filter a shared address names; the list’s order is apart from them', () => {
    const id = '3d438082-0003-443c-b95d-44245c7366ad';
    const query =
      `period=custom&from=2026-01-01&to=2026-01-31&agentId=${id}&campaignId=${id}&successCodeId=${id}` +
      '&participants=several_agents&type=offline&status=closed&sort=asc';
    expect(hasFilters(view(query))).toBe(true);
    expect(chatFilter(view(query), at, 'UTC')).toEqual({
      from: '2026-01-01',
      to: '2026-01-31',
      agentId: id,
      campaignId: id,
      successCodeId: id,
      participants: 'several_agents',
      type: 'offline',
      status: 'closed',
    });
    expect(sortFromParams(new URLSearchParams(query))).toBe('asc');
    // From the chat list to the statistics: the filters go along, the order does not.
    expect(new URLSearchParams(filterSearch(new URLSearchParams(query))).has('sort')).toBe(false);
    expect(viewFromParams(new URLSearchParams(filterSearch(new URLSearchParams(query))))).toEqual(
      view(query),
    );
  });

  it.each([
    ['from=2026-01-01&to=2026-01-31', 'custom', { from: '2026-01-01', to: '2026-01-31' }],
    ['period=today&from=2026-01-01&to=2026-01-31', 'today', { from: '2026-03-28', to: '2026-03-28' }],
    ['from=2026-01-01', 'last7', { from: '2026-03-22', to: '2026-03-28' }],
  ])('%s (dates alone are a custom range: older statistics links)', (query, period, dates) => {
    expect(view(query).period).toBe(period);
    expect(chatFilter(view(query), at, 'UTC')).toEqual(dates);
  });

  it.each([
    ['period=custom&from=2026-01-01', null, null],
    ['period=custom&from=2026-01-31&to=2026-01-01', 'endBeforeStart', null],
    ['period=custom&from=2020-01-01&to=2026-01-01', 'tooLong', null],
    ['period=custom&from=2024-01-01&to=2025-12-31', null, { from: '2024-01-01', to: '2025-12-31' }],
  ])('%s: the period is %s', (query, problem, filter) => {
    expect(periodProblem(view(query))).toBe(problem);
    expect(chatFilter(view(query), at, 'UTC')).toEqual(filter);
  });

  it('ignores what it does not understand', () => {
    expect(view('period=forever&agentId=x&type=email&status=open&participants=all')).toMatchObject({
      period: 'last7',
      agentId: null,
      type: null,
      status: null,
      participants: null,
    });
    expect(sortFromParams(new URLSearchParams('sort=rating'))).toBe('desc');
    expect(view('period=custom&from=2026-02-30&to=x')).toMatchObject({ from: null, to: null });
  });
});
