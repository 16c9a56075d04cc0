// Automatic invites (INV-1, INV-3…INV-6, INV-10): a campaign's greetings, their moments and their events.
export { inviteRoutes } from './routes.js';
export { isCampaignGreeting, recordInviteEvent, widgetGreetings } from './service.js';
export { copyInvites } from './repo.js';
