export {
  identifyVisitor,
  storeVisitor,
  type SocketVisitor,
  visitorByTokenAnyAccount,
  visitorName,
  toVisitorSummary,
  visitorDetails,
  recordPageView,
  updateVisitorProfile,
} from './service.js';
