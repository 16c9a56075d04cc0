import type { SurveyScale } from '@parley/protocol';
import { t, type MessageKey } from '../i18n';

const names: Record<number, MessageKey> = {
  1: 'rating.name1',
  2: 'rating.name2',
  3: 'rating.name3',
  4: 'rating.name4',
  5: 'rating.name5',
};

/**
 * A visitor's rating in words (GOL-2): on five smileys "4 of 5 (Good)", on thumbs "Thumbs up" (5) or "Thumbs
 * down" (1). `short`: "4/5" for a table cell.
 */
export function ratingText(rating: number, scale: SurveyScale | null | undefined, short = false): string {
  if (scale === 'thumbs') return rating >= 5 ? t('rating.thumbUp') : t('rating.thumbDown');
  if (short) return `${rating}/5`;
  const name = names[rating];
  return t('rating.ofFive', { rating, name: name ? t(name) : '' });
}
