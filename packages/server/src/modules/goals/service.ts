import {
  ErrorCode,
  surveyTextsFor,
  type ChatSuccessCodes,
  type Language,
  type SuccessCodeSettings,
  type SuccessCodeSettingsInput,
  type SurveySettings,
  type WidgetSurvey,
} from '@parley/protocol';
import type { Deps } from '../../deps.js';
import type { Db } from '../../db/database.js';
import type { ChatRow } from '../../db/schema.js';
import { AppError, invalid, notFound } from '../../errors.js';
import { domainEvent, type DomainEvent } from '../../events/index.js';
import {
  agentClose,
  agentName,
  appendEvents,
  chatForAgentRead,
  chatForAgentWrite,
  eventEntry,
  lockChat,
} from '../chats/index.js';
import { assertManager, type Actor } from '../identity/index.js';
import * as repo from './repo.js';
import { closeNeedsCode, codeChoiceProblem, CODE_REQUIRED_MESSAGE, distinctIds } from './rules.js';

// ------------------------------------------------------------------------------------ GOL-1, the campaign's list

export async function successCodeSettings(
  deps: Pick<Deps, 'db'>,
  actor: Actor,
  campaignId: string,
): Promise<SuccessCodeSettings> {
  assertManager(actor);
  const options = await repo.findCodeOptions(deps.db, actor.accountId, campaignId);
  if (!options) throw notFound('Campaign');
  return {
    allowMultiple: options.success_codes_multiple,
    required: options.success_codes_required,
    codes: await repo.listCodes(deps.db, actor.accountId, campaignId),
  };
}

/**
 * Saves the list as a whole (add, rename, delete, order) and the two options. A code named by id must be in the
 * campaign's list now (a code of another campaign or account, or one deleted meanwhile, is refused by field).
 */
export async function saveSuccessCodeSettings(
  deps: Pick<Deps, 'db'>,
  actor: Actor,
  campaignId: string,
  input: SuccessCodeSettingsInput,
): Promise<SuccessCodeSettings> {
  assertManager(actor);
  await deps.db.transaction().execute(async (tx) => {
    if (!(await repo.lockCampaign(tx, actor.accountId, campaignId))) throw notFound('Campaign');
    const ids = input.codes.flatMap((c) => (c.id ? [c.id] : []));
    const unknown = new Set(await repo.codesNotInList(tx, actor.accountId, campaignId, ids));
    if (unknown.size > 0) {
      const fields: Record<string, string> = {};
      input.codes.forEach((c, i) => {
        if (c.id && unknown.has(c.id)) fields[`codes.${i}.id`] = 'This code is not in the list any more';
      });
      throw invalid(fields, 'Some codes are not in the list any more: reload the page');
    }
    await repo.replaceCodes(tx, actor.accountId, campaignId, input.codes);
    await repo.writeCodeOptions(tx, actor.accountId, campaignId, input);
  });
  return successCodeSettings(deps, actor, campaignId);
}

// ------------------------------------------------------------------------------------ GOL-1, a chat's codes

/** The codes of a chat its agent (or a manager) reads: what the campaign offers, what is chosen, the options. */
export async function chatSuccessCodes(
  deps: Pick<Deps, 'db'>,
  actor: Actor,
  chatId: string,
): Promise<ChatSuccessCodes> {
  const chat = await chatForAgentRead(deps.db, actor, chatId);
  return codesOfChat(deps.db, chat);
}

async function codesOfChat(db: Db, chat: ChatRow): Promise<ChatSuccessCodes> {
  const chosen = await repo.chosenCodes(db, chat.account_id, chat.id);
  const options = chat.campaign_id
    ? await repo.findCodeOptions(db, chat.account_id, chat.campaign_id)
    : undefined;
  const list = chat.campaign_id && options ? await repo.listCodes(db, chat.account_id, chat.campaign_id) : [];
  return {
    options: list,
    chosen,
    allowMultiple: options?.success_codes_multiple ?? false,
    required: closeNeedsCode({
      required: options?.success_codes_required ?? false,
      options: list.length,
      chosen: 0,
    }),
  };
}

/**
 * Makes `codeIds` the chat's codes inside the caller's transaction (the chat locked): checked against the
 * campaign's list and its "multiple codes" option; a code chosen before and deleted from the list since may stay.
 * A change is a `success_codes` event in the transcript (stored in a closed chat too). Returns the domain events.
 */
async function chooseCodes(
  tx: Db,
  chat: ChatRow,
  codeIds: readonly string[],
  agent: { userId: string; name: string },
): Promise<DomainEvent[]> {
  const ids = distinctIds(codeIds);
  const options = chat.campaign_id
    ? await repo.findCodeOptions(tx, chat.account_id, chat.campaign_id)
    : undefined;
  if (!chat.campaign_id || !options) {
    if (ids.length === 0) return [];
    throw invalid(
      { codeIds: 'This chat has no campaign with success codes' },
      'This chat has no success codes',
    );
  }
  const problem = codeChoiceProblem(ids, options.success_codes_multiple);
  if (problem) throw invalid({ codeIds: problem }, problem);
  const before = await repo.chosenCodes(tx, chat.account_id, chat.id);
  const had = new Set(before.map((c) => c.id));
  const unknown = (await repo.codesNotInList(tx, chat.account_id, chat.campaign_id, ids)).filter(
    (id) => !had.has(id),
  );
  if (unknown.length > 0) {
    const message = 'This success code is not in the campaign’s list';
    throw invalid({ codeIds: message }, message);
  }
  if (ids.length === had.size && ids.every((id) => had.has(id))) return [];
  await repo.setChatCodes(tx, chat, ids, agent.userId);
  const codes = await repo.chosenCodes(tx, chat.account_id, chat.id);
  const events = await appendEvents(tx, [
    eventEntry(chat, {
      type: 'success_codes',
      author: 'agent',
      authorName: agent.name,
      userId: agent.userId,
      data: { codes },
      afterClose: true,
    }),
  ]);
  return [domainEvent('success_codes.chosen', { chatId: chat.id, accountId: chat.account_id, events })];
}

/** The chat's agent chooses its codes (while it goes on, or after it ended). */
export async function setChatSuccessCodes(
  deps: Pick<Deps, 'db' | 'events'>,
  actor: Actor,
  chatId: string,
  codeIds: readonly string[],
): Promise<ChatSuccessCodes> {
  const chat = await chatForAgentWrite(deps.db, actor, chatId);
  const agent = { userId: actor.userId, name: await agentName(deps.db, actor.userId) };
  const emitted = await deps.db.transaction().execute(async (tx) => {
    const locked = await lockChat(tx, chat.account_id, chat.id);
    if (!locked) throw notFound('Chat');
    return chooseCodes(tx, locked, codeIds, agent);
  });
  await deps.events.emitAll(emitted);
  return codesOfChat(deps.db, chat);
}

/**
 * The agent closes the chat (the console's close, CMP-7), with the codes chosen in the close dialog when given.
 * A campaign that forces a code refuses a close that would leave the chat without one: nothing changes then.
 */
export async function closeChatAsAgent(
  deps: Pick<Deps, 'db' | 'events'>,
  actor: Actor,
  chatId: string,
  codeIds?: readonly string[],
): Promise<void> {
  const agent = { userId: actor.userId, name: await agentName(deps.db, actor.userId) };
  await agentClose(deps, actor, chatId, async (tx, chat) => {
    const events = codeIds ? await chooseCodes(tx, chat, codeIds, agent) : [];
    if (!chat.campaign_id) return events;
    const options = await repo.findCodeOptions(tx, chat.account_id, chat.campaign_id);
    if (options?.success_codes_required) {
      const list = await repo.listCodes(tx, chat.account_id, chat.campaign_id);
      const chosen = await repo.chosenCodes(tx, chat.account_id, chat.id);
      if (closeNeedsCode({ required: true, options: list.length, chosen: chosen.length }))
        throw new AppError(ErrorCode.successCodeRequired, CODE_REQUIRED_MESSAGE, 409, {
          codeIds: CODE_REQUIRED_MESSAGE,
        });
    }
    return events;
  });
}

// ------------------------------------------------------------------------------------ GOL-2, the survey

/** The survey's settings, a text never saved being the default in the campaign's language. */
export function surveySettingsOf(c: repo.SurveyColumns): SurveySettings {
  const d = surveyTextsFor(c.language as Language);
  return {
    enabled: c.survey_enabled,
    scale: c.survey_scale,
    question: c.survey_question ?? d.question,
    comment: c.survey_comment,
    commentText: c.survey_comment_text ?? d.commentText,
    thanks: c.survey_thanks,
    thanksText: c.survey_thanks_text ?? d.thanksText,
  };
}

/** What the chat window is told of the survey (null: none); a text switched off is sent empty. */
export function widgetSurveyOf(c: repo.SurveyColumns): WidgetSurvey | null {
  if (!c.survey_enabled) return null;
  const s = surveySettingsOf(c);
  return {
    scale: s.scale,
    question: s.question,
    commentText: s.comment ? s.commentText : '',
    thanksText: s.thanks ? s.thanksText : '',
  };
}

export async function surveySettings(
  deps: Pick<Deps, 'db'>,
  actor: Actor,
  campaignId: string,
): Promise<SurveySettings> {
  assertManager(actor);
  const found = await repo.findSurveyColumns(deps.db, actor.accountId, campaignId);
  if (!found) throw notFound('Campaign');
  return surveySettingsOf(found);
}

/** Saves them; the widget on the campaign's sites shows the change on its next ask (every instance). */
export async function saveSurveySettings(
  deps: Pick<Deps, 'db' | 'events'>,
  actor: Actor,
  campaignId: string,
  s: SurveySettings,
): Promise<SurveySettings> {
  assertManager(actor);
  const saved = await repo.writeSurveyColumns(deps.db, actor.accountId, campaignId, {
    survey_enabled: s.enabled,
    survey_scale: s.scale,
    survey_question: s.question,
    survey_comment: s.comment,
    survey_comment_text: s.commentText,
    survey_thanks: s.thanks,
    survey_thanks_text: s.thanksText,
  });
  if (!saved) throw notFound('Campaign');
  await deps.events.emit('widget.settings_changed', { accountId: actor.accountId });
  return surveySettings(deps, actor, campaignId);
}
