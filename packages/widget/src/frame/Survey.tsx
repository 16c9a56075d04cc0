import { useEffect, useRef, useState } from 'preact/hooks';
import type { ChatSurvey, WidgetSurvey, WidgetTexts } from '@parley/protocol';
import { SURVEY_COMMENT_MAX, surveyRatings } from '../shared/protocol';

/** A face for each rating: the mouth bends from a frown (1) to a smile (5). */
function Face({ rating }: { rating: number }) {
  const bend = (rating - 3) * 2.5;
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true">
      <circle cx="12" cy="12" r="9.5" />
      <circle cx="9" cy="10" r="1" class="pw-eye" />
      <circle cx="15" cy="10" r="1" class="pw-eye" />
      <path d={`M8 ${15.5 - bend / 3}Q12 ${15.5 + bend} 16 ${15.5 - bend / 3}`} />
    </svg>
  );
}

function Thumb({ up }: { up: boolean }) {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true" style={up ? undefined : { transform: 'rotate(180deg)' }}>
      <path d="M7 11v9H4v-9zm0 0 4-7c1.5 0 2.5 1 2 3l-1 3h6a2 2 0 0 1 2 2.3l-1.2 6A2 2 0 0 1 16.8 20H7" />
    </svg>
  );
}

type Props = {
  chatId: string;
  survey: WidgetSurvey;
  answer: ChatSurvey;
  texts: WidgetTexts;
  /** Sent from this window: the thank-you shows instead of the form. */
  sent: boolean;
  onAnswer: (rating: number, comment: string, sent: boolean) => void;
};

/**
 * GOL-2: the customer survey after the chat ended. Choosing a smiley or a thumb sends the rating (the agent sees it
 * at once); it can be changed, and the comment written, until the visitor sends the survey. Native radio buttons:
 * arrow keys move between the ratings, Tab leaves the group.
 */
export function Survey({ chatId, survey, answer, texts, sent, onAnswer }: Props) {
  const [rating, setRating] = useState<number | null>(answer.rating);
  const [comment, setComment] = useState(answer.comment);
  const first = useRef<HTMLInputElement>(null);
  const thanks = useRef<HTMLParagraphElement>(null);
  const ratings = surveyRatings(survey.scale);
  const names: Record<number, string> =
    survey.scale === 'thumbs'
      ? { 1: texts.thumbDown, 5: texts.thumbUp }
      : { 1: texts.rating1, 2: texts.rating2, 3: texts.rating3, 4: texts.rating4, 5: texts.rating5 };

  useEffect(() => {
    // The chat just ended and the focus was on what went away: the survey takes it.
    if (document.activeElement === document.body || !document.activeElement) first.current?.focus();
  }, []);
  useEffect(() => {
    if (sent) thanks.current?.focus();
  }, [sent]);

  if (sent)
    return (
      <p class="pw-thanks" role="status" tabIndex={-1} ref={thanks}>
        {survey.thanksText || texts.surveySent}
      </p>
    );

  const legend = survey.question || texts.rateChat;
  return (
    <form
      class="pw-survey"
      onSubmit={(e) => {
        e.preventDefault();
        if (rating !== null) onAnswer(rating, comment.trim(), true);
      }}
    >
      <fieldset>
        <legend>{legend}</legend>
        <div class={`pw-rates pw-${survey.scale}`}>
          {ratings.map((r, i) => (
            <label key={r} class="pw-rate">
              <input
                ref={i === 0 ? first : undefined}
                type="radio"
                name={`pw-rate-${chatId}`}
                value={r}
                checked={rating === r}
                onChange={() => {
                  setRating(r);
                  onAnswer(r, comment.trim(), false);
                }}
              />
              {survey.scale === 'thumbs' ? <Thumb up={r === 5} /> : <Face rating={r} />}
              <span class="pw-sr">{names[r]}</span>
            </label>
          ))}
        </div>
      </fieldset>
      {rating !== null && survey.commentText && (
        <div class="pw-field">
          <label for="pw-survey-comment">{survey.commentText}</label>
          <textarea
            id="pw-survey-comment"
            rows={2}
            maxLength={SURVEY_COMMENT_MAX}
            value={comment}
            onInput={(e) => setComment(e.currentTarget.value)}
          />
        </div>
      )}
      {rating !== null && (
        <button type="submit" class="pw-survey-send">
          {texts.send}
        </button>
      )}
    </form>
  );
}
