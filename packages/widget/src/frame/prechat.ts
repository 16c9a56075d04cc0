import type { WidgetConfig } from '@parley/protocol';

/**
 * Whether a new chat waits for the visitor to confirm the pre-chat information (CMP-5): shown after the first
 * message, every time or only to a visitor who has never chatted before.
 */
export function prechatRequired(prechat: WidgetConfig['prechat'], previousChats: number): boolean {
  if (!prechat.enabled) return false;
  return prechat.mode === 'every_time' || (prechat.mode === 'first_time' && previousChats === 0);
}
