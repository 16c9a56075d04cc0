import { describe, expect, it } from 'vitest';
import { ratingProblem, SURVEY_OPEN_MS, surveyOf, surveyRefusal } from './survey.js';

const now = new Date('2026-12-01T12:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);
const ended = {
  status: 'closed' as const,
  offline_message: false,
  first_assigned_at: ago(3_600_000),
  closed_at: ago(60_000),
  rating: null,
  rating_comment: null,
  survey_sent_at: null,
};
const on = { survey_enabled: true };
const off = { survey_enabled: false };

describe('GOL-2 when a chat’s survey is open', () => {
  it.each([
    ['an ended chat an agent took', ended, on, null],
    [
      'a chat still going on',
      { ...ended, status: 'active' as const, closed_at: null },
      on,
      'The survey opens when the chat has ended',
    ],
    ['an offline message', { ...ended, offline_message: true }, on, 'This chat has no survey'],
    ['a chat nobody took', { ...ended, first_assigned_at: null }, on, 'This chat has no survey'],
    ['a campaign without a survey', ended, off, 'This chat has no survey'],
    ['no campaign', ended, undefined, 'This chat has no survey'],
    ['a survey sent', { ...ended, survey_sent_at: ago(1000) }, on, 'This survey was sent already'],
    ['just under a day after the close', { ...ended, closed_at: ago(SURVEY_OPEN_MS - 1) }, on, null],
    [
      'a day after the close',
      { ...ended, closed_at: ago(SURVEY_OPEN_MS) },
      on,
      'This survey has closed (it is open for 24 hours after the chat)',
    ],
  ])('%s: %s', (_what, chat, campaign, refusal) => {
    expect(surveyRefusal(chat, campaign, now)).toBe(refusal);
  });

  it.each([
    ['open, not rated', ended, on, { rating: null, comment: '', open: true }],
    [
      'open, rated',
      { ...ended, rating: 4, rating_comment: 'ok' },
      on,
      { rating: 4, comment: 'ok', open: true },
    ],
    ['sent', { ...ended, rating: 5, survey_sent_at: ago(1) }, on, { rating: 5, comment: '', open: false }],
    ['no survey, not rated', ended, off, null],
    [
      'survey switched off after a rating',
      { ...ended, rating: 2 },
      off,
      { rating: 2, comment: '', open: false },
    ],
    ['still going on', { ...ended, status: 'active' as const }, on, null],
  ])('the visitor’s view, %s', (_what, chat, campaign, view) => {
    expect(surveyOf(chat, campaign, now)).toEqual(view);
  });

  it.each([
    ['smileys', 1, null],
    ['smileys', 3, null],
    ['smileys', 5, null],
    ['smileys', 0, 'A rating is 1 to 5'],
    ['smileys', 6, 'A rating is 1 to 5'],
    ['thumbs', 1, null],
    ['thumbs', 5, null],
    ['thumbs', 3, 'With thumbs a rating is 1 (down) or 5 (up)'],
  ] as const)('%s take %i: %s', (scale, rating, problem) => {
    expect(ratingProblem(scale, rating)).toBe(problem);
  });
});
