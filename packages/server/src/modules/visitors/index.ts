export {
  identifyVisitor,
  storeVisitor,
  type SocketVisitor,
  visitorByTokenAnyAccount,
  visitorName,
  toVisitorSummary,
  visitorDetails,
  findVisitorName,
  countChatStarted,
  recordPageView,
  currentVisitId,
  recordChatView,
  updateVisitorProfile,
} from './service.js';
export { countryFrom, parseUserAgent } from './device.js';
export {
  beaconHeartbeat,
  beaconPageView,
  liveVisitor,
  liveVisitors,
  type BeaconClient,
  type BeaconSite,
} from './monitoring.js';
export { handInviteAgent, handInviteGreeting, inviteVisitor, recordHandInviteEvent } from './hand-invites.js';
export { visitorRoutes } from './routes.js';
