// Cobrowsing (TLS-5): the agent's replay document. The live relay of the visitor's recorded events is in the
// realtime gateways (realtime/cobrowse.ts); the settings are the tools module's. docs/embedding.md.
export { cobrowseRoutes } from './routes.js';
export { replayCsp } from './csp.js';
