export { assertManager, type Actor } from './actor.js';
export { hashPassword } from './password.js';
export { isIpAllowed, parseAllowlist } from './ip-allowlist.js';
export { revokeUserSessions, deleteExpiredSessions } from './sessions.js';
export { authGuard, loadSessionActor } from './guard.js';
export { authRoutes } from './routes.js';
export { deleteStaleSignInCounters } from './service.js';
