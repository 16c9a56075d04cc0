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
  updateVisitorProfile,
} from './service.js';
