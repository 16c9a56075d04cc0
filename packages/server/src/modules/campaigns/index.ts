export { campaignRoutes } from './routes.js';
export { findCampaignRow } from './repo.js';
export { createDefaultCampaign, resolveCampaignForWebsite, toCampaign } from './service.js';
export { pickServingCampaign, type ServingCandidate } from './serving.js';
export {
  assertTool,
  campaignTools,
  forgetCampaignTools,
  toolColumns,
  toolDisabled,
  toolsOfRow,
  TOOLS_CACHE_MS,
  type ToolColumns,
} from './tools.js';
