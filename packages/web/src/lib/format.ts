import type { User } from '@parley/protocol';
import { currentIntl } from '../i18n';

type Named = Pick<User, 'firstName' | 'lastName'>;

export function fullName(user: Named): string {
  return `${user.firstName} ${user.lastName}`.trim();
}

export function initials(user: Named): string {
  return `${user.firstName.charAt(0)}${user.lastName.charAt(0)}`.toUpperCase();
}

function limit(value: number | null): string {
  return value === null ? '∞' : currentIntl().formatNumber(value);
}

/** Simultaneous chat limits as the user list shows them: `28 / 15`, `∞ / ∞` when unlimited. */
export function formatLimits(user: Pick<User, 'liveChatLimit' | 'nrtChatLimit'>): string {
  return `${limit(user.liveChatLimit)} / ${limit(user.nrtChatLimit)}`;
}

/** A date in the user's language and the account's time zone. */
export function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : currentIntl().formatDate(date, { dateStyle: 'medium' });
}

/** What people paste as a website: `https://www.example.com/shop?x=1` → `www.example.com`. */
export function toHostName(input: string): string {
  return input
    .trim()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
    .replace(/[/?#].*$/, '')
    .toLowerCase();
}
