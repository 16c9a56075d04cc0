export { campaignRoutes } from './routes.js';
export { findCampaignRow } from './repo.js';
export { createDefaultCampaign, resolveCampaignForWebsite, toCampaign } from './service.js';
export { pickServingCampaign, type ServingCandidate } from './serving.js';
