import type { User } from '@livechat/protocol';

type Named = Pick<User, 'firstName' | 'lastName'>;

export function fullName(user: Named): string {
  return `${user.firstName} ${user.lastName}`.trim();
}

export function initials(user: Named): string {
  return `${user.firstName.charAt(0)}${user.lastName.charAt(0)}`.toUpperCase();
}

function limit(value: number | null): string {
  return value === null ? '∞' : String(value);
}

/** Simultaneous chat limits as the user list shows them: `28 / 15`, `∞ / ∞` when unlimited. */
export function formatLimits(user: Pick<User, 'liveChatLimit' | 'nrtChatLimit'>): string {
  return `${limit(user.liveChatLimit)} / ${limit(user.nrtChatLimit)}`;
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

export function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : dateFormat.format(date);
}

/** What people paste as a website: `https://www.example.com/shop?x=1` → `www.example.com`. */
export function toHostName(input: string): string {
  return input
    .trim()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
    .replace(/[/?#].*$/, '')
    .toLowerCase();
}
