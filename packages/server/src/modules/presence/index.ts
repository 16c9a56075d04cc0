export {
  agentConnected,
  agentDisconnected,
  agentHeartbeat,
  agentStatus,
  campaignPresence,
  liveChatNow,
  setAgentStatus,
  sweepPresence,
  OFFLINE_GRACE_SECONDS,
  CONNECTION_TIMEOUT_SECONDS,
} from './service.js';
