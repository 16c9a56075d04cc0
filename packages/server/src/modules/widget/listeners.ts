import type { Bus } from '../../bus/index.js';
import type { DomainEvents } from '../../events/index.js';

/** On this channel every instance hears that an account's widget settings changed. */
export const WIDGET_SETTINGS_CHANNEL = 'widget-settings';
export type WidgetSettingsMessage = { accountId: string };

/** Widget settings cache: a campaign or website changed, so every instance reads the account's sites again. */
export function widgetSettingsCache(events: DomainEvents, bus: Bus): void {
  events.on('widget.settings_changed', 'widget settings cache', ({ accountId }) =>
    bus.publish(WIDGET_SETTINGS_CHANNEL, { accountId } satisfies WidgetSettingsMessage),
  );
}
