import type { UserRights } from '@parley/protocol';
import { forbidden } from '../../errors.js';

/** Who is making a request: always taken from the session, never from the request body. */
export type Actor = {
  userId: string;
  accountId: string;
  rights: UserRights;
  sessionId: string;
  csrfToken: string;
  /** The address the request came from (after TRUST_PROXY). */
  ip: string;
};

/** Management rights are checked in services too, not only by route guards (AUTH-3). */
export function assertManager(actor: Actor): void {
  if (actor.rights !== 'manager') throw forbidden('This needs management access');
}
