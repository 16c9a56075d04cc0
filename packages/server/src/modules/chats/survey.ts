import {
  ErrorCode,
  SURVEY_OPEN_HOURS,
  surveyRatings,
  type ChatEvent,
  type ChatSurvey,
  type SurveyScale,
} from '@parley/protocol';
import type { Deps } from '../../deps.js';
import type { CampaignRow, ChatRow, VisitorRow } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { findCampaignRow } from '../campaigns/index.js';
import { visitorName } from '../visitors/index.js';
import { chatOfVisitor } from './access.js';
import * as repo from './repo.js';
import { appendEvents, eventEntry } from './transcript.js';

/**
 * GOL-2, the customer survey of an ended chat (docs/goals.md): one rating per chat (chats.rating, 1…5; thumbs
 * are 1 and 5), which the visitor may change until the survey closes — when they send it, or 24 hours after the
 * chat ended. Each change is a `rated` event in the transcript, stored after the close.
 */

export const SURVEY_OPEN_MS = SURVEY_OPEN_HOURS * 3_600_000;
/** Changes of one chat's answer the transcript takes (a visitor flipping smileys for a day fills nothing). */
export const SURVEY_CHANGES_MAX = 30;

type SurveyFacts = Pick<
  ChatRow,
  | 'status'
  | 'offline_message'
  | 'first_assigned_at'
  | 'closed_at'
  | 'rating'
  | 'rating_comment'
  | 'survey_sent_at'
>;
type SurveyCampaign = Pick<CampaignRow, 'survey_enabled'> | undefined;

/** Why this chat's survey cannot be answered now; null when it can. */
export function surveyRefusal(chat: SurveyFacts, campaign: SurveyCampaign, now: Date): string | null {
  if (chat.status !== 'closed' || !chat.closed_at) return 'The survey opens when the chat has ended';
  // Only a conversation an agent took is rated: not an offline message, not a chat nobody answered.
  if (chat.offline_message || !chat.first_assigned_at || !campaign?.survey_enabled)
    return 'This chat has no survey';
  if (chat.survey_sent_at) return 'This survey was sent already';
  if (now.getTime() - new Date(chat.closed_at).getTime() >= SURVEY_OPEN_MS)
    return `This survey has closed (it is open for ${SURVEY_OPEN_HOURS} hours after the chat)`;
  return null;
}

/** The survey as the visitor's window shows it; null when the chat has none (and was never rated). */
export function surveyOf(chat: SurveyFacts, campaign: SurveyCampaign, now: Date): ChatSurvey | null {
  const refusal = surveyRefusal(chat, campaign, now);
  if (refusal === 'The survey opens when the chat has ended') return null;
  if (refusal === 'This chat has no survey' && chat.rating === null) return null;
  return { rating: chat.rating, comment: chat.rating_comment ?? '', open: refusal === null };
}

/** Whether `rating` is one the scale offers, and what to say when not. */
export function ratingProblem(scale: SurveyScale, rating: number): string | null {
  if (surveyRatings(scale).includes(rating)) return null;
  return scale === 'thumbs' ? 'With thumbs a rating is 1 (down) or 5 (up)' : 'A rating is 1 to 5';
}

const surveyClosed = (message: string) => new AppError(ErrorCode.surveyClosed, message, 409);

export type SurveyAnswer = { chatId: string; cid: string; rating: number; comment: string; sent: boolean };

/**
 * The visitor's answer (GOL-2): only to their own chat (another's is "not found"), only while its survey is open.
 * A resend of a stored answer (same cid) returns its seq. Returns the seq to acknowledge.
 */
export async function answerSurvey(
  deps: Pick<Deps, 'db' | 'events'>,
  visitor: VisitorRow,
  a: SurveyAnswer,
): Promise<number> {
  const own = await chatOfVisitor(deps.db, visitor, a.chatId);
  const earlier = await repo.findEventByCid(deps.db, own.id, a.cid);
  if (earlier !== undefined) return earlier;
  const comment = a.comment.trim();
  const done = await deps.db.transaction().execute(async (tx) => {
    const chat = await repo.lockChat(tx, own.account_id, own.id);
    if (!chat) throw surveyClosed('This chat has no survey');
    const campaign = chat.campaign_id
      ? await findCampaignRow(tx, chat.account_id, chat.campaign_id)
      : undefined;
    const refusal = surveyRefusal(chat, campaign, new Date());
    if (refusal || !campaign) throw surveyClosed(refusal ?? 'This chat has no survey');
    const scale = campaign.survey_scale;
    const wrong = ratingProblem(scale, a.rating);
    if (wrong) throw new AppError(ErrorCode.validationFailed, wrong, 400, { rating: wrong });
    if (comment && !campaign.survey_comment) {
      const message = 'This survey has no comment box';
      throw new AppError(ErrorCode.validationFailed, message, 400, { comment: message });
    }
    const changed = chat.rating !== a.rating || (chat.rating_comment ?? '') !== comment;
    if (!changed && !a.sent) return { seq: chat.last_seq, chat, events: [] as ChatEvent[] };
    if ((await repo.countEvents(tx, chat.id, 'rated')) >= SURVEY_CHANGES_MAX)
      throw surveyClosed('This survey was changed too often');
    const events = await appendEvents(tx, [
      eventEntry(chat, {
        type: 'rated',
        author: 'visitor',
        authorName: visitorName(visitor),
        cid: a.cid,
        data: { rating: a.rating, scale, comment, sent: a.sent },
        visitorId: visitor.id,
        afterClose: true,
      }),
    ]);
    const rated = await repo.recordRating(tx, chat.id, {
      rating: a.rating,
      scale,
      comment: comment || null,
      sent: a.sent,
    });
    return { seq: events[0]?.seq ?? rated.last_seq, chat: rated, events };
  });
  if (done.events.length > 0)
    await deps.events.emit('rating.given', { chat: done.chat, events: done.events });
  return done.seq;
}
