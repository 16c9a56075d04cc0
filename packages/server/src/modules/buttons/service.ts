import type { ButtonSettings } from '@parley/protocol';
import type { Deps } from '../../deps.js';
import { notFound } from '../../errors.js';
import { assertManager, type Actor } from '../identity/index.js';
import * as repo from './repo.js';

/** The "Chat buttons" tab (INV-1, INV-2); another account's campaign answers exactly like a missing one. */
export async function buttonSettings(deps: Pick<Deps, 'db'>, actor: Actor, campaignId: string) {
  assertManager(actor);
  const found = await repo.findButtonSettings(deps.db, actor.accountId, campaignId);
  if (!found) throw notFound('Campaign');
  return found;
}

/** Saves them; the widget on the campaign's sites shows the change on its next ask (every instance). */
export async function saveButtonSettings(
  deps: Pick<Deps, 'db' | 'events'>,
  actor: Actor,
  campaignId: string,
  settings: ButtonSettings,
): Promise<ButtonSettings> {
  assertManager(actor);
  if (!(await repo.writeButtonSettings(deps.db, actor.accountId, campaignId, settings)))
    throw notFound('Campaign');
  await deps.events.emit('widget.settings_changed', { accountId: actor.accountId });
  return buttonSettings(deps, actor, campaignId);
}
