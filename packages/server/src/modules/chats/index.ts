export {
  agentChatSummary,
  agentClose,
  agentDisplayName,
  agentMessage,
  agentOpenChats,
  chatDetail,
  chatForAgentRead,
  chatForAgentWrite,
  chatOfVisitor,
  closeChat,
  closeInTx,
  drainAfterClose,
  endSessions,
  whenSlotFrees,
  type ClosedBy,
  eventsAfter,
  fileMessage,
  markVisitorLeft,
  publishAppended,
  publishChanged,
  publishEvents,
  publishToAgent,
  startChat,
  visitorChatView,
  queuedViews,
  visitorChatViews,
  visitorClose,
  visitorMessage,
  visitorPresent,
  visitorSocketClosed,
} from './service.js';
export { appendedEvent } from './dto.js';
export {
  appendEvent,
  findChat,
  findChatById,
  lockChat,
  countVisitorChats,
  countVisitorFiles,
} from './repo.js';
export * from './channels.js';
export { chatRoutes } from './routes.js';
export { fileMeta, readAttachment } from './attachments.js';
