// Follow-ups by email (FUP-1, FUP-2; docs/follow-ups.md): a campaign's SMTP settings, the outbox that chats
// write in their own transactions, and the sender that drains it on every instance.
export { followUpRoutes, followUpPublicRoutes } from './routes.js';
export { ANSWER_FOLLOW_UPS_CTE, enqueueTranscript } from './repo.js';
export { startFollowUpSender, type FollowUpSender } from './sender.js';
