// Who someone is and what they may do: the actor and its rights, passwords, sign-in sessions, IP allow lists.
// The bottom of the module graph: it imports no other module.
export { assertManager, type Actor } from './actor.js';
export { burnPasswordCheck, hashPassword, verifyPassword } from './password.js';
export { isIpAllowed, parseAllowlist } from './ip-allowlist.js';
export {
  createSession,
  deleteExpiredSessions,
  deleteSession,
  loadSession,
  loadSessionActor,
  revokeUserSessions,
  touchSession,
} from './sessions.js';
