export {
  identifyVisitor,
  storeVisitor,
  type SocketVisitor,
  visitorByTokenAnyAccount,
  visitorName,
  toVisitorSummary,
  visitorDetails,
  visitorTabValues,
  findVisitorName,
  countChatStarted,
  recordPageView,
  currentVisitId,
  recordChatView,
  updateVisitorProfile,
} from './service.js';
export { countryFrom, parseUserAgent } from './device.js';
export { Heartbeats, HAND_INVITES_CHANNEL, type HandInviteMessage } from './heartbeats.js';
export { handInviteRelay, visitorChatRows } from './listeners.js';
export {
  beaconPageView,
  liveVisitor,
  liveVisitors,
  type BeaconClient,
  type BeaconSite,
} from './monitoring.js';
export { handInviteAgent, handInviteGreeting, inviteVisitor, recordHandInviteEvent } from './hand-invites.js';
export { visitorRoutes } from './routes.js';
