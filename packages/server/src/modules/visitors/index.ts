export {
  identifyVisitor,
  visitorByTokenAnyAccount,
  visitorName,
  toVisitorSummary,
  visitorDetails,
  recordPageView,
  updateVisitorProfile,
} from './service.js';
