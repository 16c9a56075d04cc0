import type { Deps } from './deps.js';
import { socketFanOut } from './realtime/fanout.js';
import { queueDrain } from './modules/routing/index.js';
import { widgetSettingsCache } from './modules/widget/index.js';
import { handInviteRelay, visitorChatRows } from './modules/visitors/index.js';

/**
 * Every side effect of the domain events, one listener per concern, in the order they run for an event
 * (docs/architecture.md lists the events and who listens).
 */
export function registerListeners(deps: Deps): void {
  socketFanOut(deps.events, deps.bus);
  queueDrain(deps);
  widgetSettingsCache(deps.events, deps.bus);
  handInviteRelay(deps.events, deps.bus);
  visitorChatRows(deps);
}
