export { campaignRoutes } from './routes.js';
export { findCampaignRow } from './repo.js';
export { resolveCampaignForWebsite, toCampaign } from './service.js';
export { pickServingCampaign, type ServingCandidate } from './serving.js';
