export { chatClosed, chatForAgentRead, chatForAgentWrite, chatOfVisitor } from './access.js';
export {
  agentChatSummary,
  agentDisplayName,
  agentName,
  agentOpenChats,
  chatDetail,
  eventsAfter,
  queuedViews,
  visitorChatView,
  visitorChatViews,
  visitorEventView,
} from './views.js';
export { agentMessage, fileMessage, visitorMessage } from './messages.js';
export {
  agentClose,
  closeChat,
  closeInTx,
  startChat,
  visitorClose,
  type BeforeClose,
  type ClosedBy,
} from './lifecycle.js';
export { answerSurvey, ratingProblem, surveyOf, surveyRefusal, type SurveyAnswer } from './survey.js';
export { markVisitorLeft, visitorPresent, visitorSocketClosed } from './visitor-presence.js';
export { appendEntries, appendEvents, eventEntry, storedEvent, type TranscriptEntry } from './transcript.js';
export { findChat, findChatById, lockChat, countVisitorChats, countVisitorFiles } from './repo.js';
export * from './channels.js';
export { chatRoutes } from './routes.js';
export { fileMeta, readAttachment } from './attachments.js';
export { chatFilterWhere, type ChatScope } from './filter.js';
