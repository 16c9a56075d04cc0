import { z } from 'zod';
import { TimeZone } from './period.js';
import { User } from './users.js';

export const LoginRequest = z.object({
  email: z.string().trim().min(1, 'Enter your email address').max(320),
  password: z.string().min(1, 'Enter your password').max(200),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const Account = z.object({
  id: z.uuid(),
  name: z.string(),
  timeZone: z.string(),
  /** TLS-6: keep visitors' raw IP addresses (off by default; a country from a trusted proxy is kept anyway). */
  storeVisitorIp: z.boolean(),
});
export type Account = z.infer<typeof Account>;

/** `PATCH /api/account` (managers): the account's settings; the time zone of every date, filter and report. */
export const UpdateAccount = z.object({ timeZone: TimeZone, storeVisitorIp: z.boolean() }).partial();
export type UpdateAccount = z.infer<typeof UpdateAccount>;

export const Me = z.object({ user: User, account: Account, csrfToken: z.string() });
export type Me = z.infer<typeof Me>;

/** Header every state-changing request must carry, with the token from login or `/api/me`. */
export const CSRF_HEADER = 'x-csrf-token';
export const SESSION_COOKIE = 'sid';
