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
  recordChatView,
  updateVisitorProfile,
} from './service.js';
