export {
  agentConnected,
  agentDisconnected,
  agentHeartbeat,
  agentStatus,
  agentsAvailable,
  setAgentStatus,
  sweepPresence,
  OFFLINE_GRACE_SECONDS,
  CONNECTION_TIMEOUT_SECONDS,
} from './service.js';
