import { z } from 'zod';
import { Id, type Language } from './common.js';
import { goalValueOf, GoalValueKind, SurveyScale } from './constants.js';
import { Moments } from './moments.js';

/**
 * The campaign's "Goals" tab: success codes (GOL-1) and the customer survey (GOL-2). Goals & sales (GOL-3, GOL-4)
 * and analytics events (GOL-5) come later. docs/goals.md describes the rules.
 */

export {
  SURVEY_COMMENT_MAX,
  SURVEY_OPEN_HOURS,
  SurveyScale,
  surveyRatings,
  GoalValueKind,
  GOAL_SNIPPET_VALUE,
  goalValueOf,
} from './constants.js';

export const SUCCESS_CODES_MAX = 100;
export const SUCCESS_CODE_NAME_MAX = 60;

const codeName = z
  .string()
  .trim()
  .min(1, 'Enter a name')
  .max(SUCCESS_CODE_NAME_MAX, `At most ${SUCCESS_CODE_NAME_MAX} characters`);

/** One code of the list as the manager saves it: an `id` keeps (renames, moves) that code, none adds one. */
export const SuccessCodeInput = z.object({ id: Id.optional(), name: codeName });
export type SuccessCodeInput = z.input<typeof SuccessCodeInput>;

/**
 * GOL-1, saved as a whole: the list in its order (a code left out is deleted: chats keep it, it is offered no
 * more), and the two options. Names are unique in the list, whatever their case.
 */
export const SuccessCodeSettingsInput = z
  .object({
    allowMultiple: z.boolean(),
    required: z.boolean(),
    codes: z.array(SuccessCodeInput).max(SUCCESS_CODES_MAX, `At most ${SUCCESS_CODES_MAX} success codes`),
  })
  .superRefine((v, ctx) => {
    const seen = new Map<string, number>();
    const ids = new Set<string>();
    v.codes.forEach((c, i) => {
      const key = c.name.toLocaleLowerCase();
      if (seen.has(key))
        ctx.addIssue({
          code: 'custom',
          path: ['codes', i, 'name'],
          message: 'This name is in the list already',
        });
      else seen.set(key, i);
      if (c.id && ids.has(c.id))
        ctx.addIssue({ code: 'custom', path: ['codes', i, 'id'], message: 'This code is in the list twice' });
      if (c.id) ids.add(c.id);
    });
  });
export type SuccessCodeSettingsInput = z.input<typeof SuccessCodeSettingsInput>;

export const SuccessCode = z.object({ id: z.uuid(), name: z.string() });
export type SuccessCode = z.infer<typeof SuccessCode>;

export const SuccessCodeSettings = z.object({
  allowMultiple: z.boolean(),
  required: z.boolean(),
  codes: z.array(SuccessCode),
});
export type SuccessCodeSettings = z.infer<typeof SuccessCodeSettings>;

/** The codes of one chat, for its agent: what may be chosen, what is chosen, and the campaign's two options. */
export const ChatSuccessCodes = z.object({
  /** The campaign's codes, in the list's order. */
  options: z.array(SuccessCode),
  /** Chosen for this chat, in the list's order (a code deleted since it was chosen is still named here). */
  chosen: z.array(SuccessCode),
  allowMultiple: z.boolean(),
  /** The agent must choose a code before closing the chat (only when the campaign has codes to choose). */
  required: z.boolean(),
});
export type ChatSuccessCodes = z.infer<typeof ChatSuccessCodes>;

export const ChatSuccessCodesInput = z.object({
  codeIds: z.array(Id).max(SUCCESS_CODES_MAX, `At most ${SUCCESS_CODES_MAX} codes`),
});
export type ChatSuccessCodesInput = z.infer<typeof ChatSuccessCodesInput>;

// ------------------------------------------------------------------------------------------------ GOL-2

export const SURVEY_QUESTION_MAX = 300;
export const SURVEY_LABEL_MAX = 300;
export const SURVEY_THANKS_MAX = 1000;

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max.toLocaleString('en')} characters`);

/** GOL-2: the customer survey shown in the chat window after a chat has ended. Texts in the campaign's language. */
export const SurveySettings = z
  .object({
    enabled: z.boolean(),
    scale: z.enum(SurveyScale, { message: 'Choose smileys or thumbs' }),
    /** Above the smileys or thumbs; empty: no question, only the rating. */
    question: optionalText(SURVEY_QUESTION_MAX),
    /** "Allow visitors to send additional comments", with the text above the comment box. */
    comment: z.boolean(),
    commentText: optionalText(SURVEY_LABEL_MAX),
    /** "Thank you message", shown once the visitor has sent the survey. */
    thanks: z.boolean(),
    thanksText: optionalText(SURVEY_THANKS_MAX),
  })
  .superRefine(
    (v, ctx) => {
      // Also run when another field failed, so every field's problem is told at once (values may be raw then).
      const blank = (x: unknown) => typeof x !== 'string' || x.trim() === '';
      if (v.comment === true && blank(v.commentText))
        ctx.addIssue({
          code: 'custom',
          path: ['commentText'],
          message: 'Enter the text above the comment box',
        });
      if (v.thanks === true && blank(v.thanksText))
        ctx.addIssue({ code: 'custom', path: ['thanksText'], message: 'Enter the thank-you message' });
    },
    { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
  );
export type SurveySettings = z.infer<typeof SurveySettings>;

/** The survey's texts a campaign starts with, in its widget language (changed with the language until saved). */
export type SurveyTexts = Pick<SurveySettings, 'question' | 'commentText' | 'thanksText'>;

const surveyTexts: Record<Language, SurveyTexts> = {
  en: {
    question: 'How would you rate this chat?',
    commentText: 'Would you like to tell us more?',
    thanksText: 'Thank you for your feedback!',
  },
  nl: {
    question: 'Hoe beoordeel je deze chat?',
    commentText: 'Wil je ons er meer over vertellen?',
    thanksText: 'Bedankt voor je feedback!',
  },
  de: {
    question: 'Wie bewerten Sie diesen Chat?',
    commentText: 'Möchten Sie uns mehr dazu sagen?',
    thanksText: 'Vielen Dank für Ihr Feedback!',
  },
  fr: {
    question: 'Comment évaluez-vous ce chat ?',
    commentText: 'Voulez-vous nous en dire plus ?',
    thanksText: 'Merci pour votre avis !',
  },
  es: {
    question: '¿Cómo valorarías este chat?',
    commentText: '¿Quieres contarnos algo más?',
    thanksText: '¡Gracias por tu opinión!',
  },
};

export function surveyTextsFor(language: Language): SurveyTexts {
  return surveyTexts[language] ?? surveyTexts.en;
}

/** What the chat window needs of the survey (`WidgetConfig.survey`); null when the campaign has none. */
export const WidgetSurvey = z.object({
  scale: z.enum(SurveyScale),
  question: z.string(),
  /** The text above the comment box; empty: no comment box. */
  commentText: z.string(),
  /** Empty: no thank-you message. */
  thanksText: z.string(),
});
export type WidgetSurvey = z.infer<typeof WidgetSurvey>;

/** The visitor's answer to the survey of an ended chat (`survey.answer`), as the server has it. */
export const ChatSurvey = z.object({
  /** 1…5 (thumbs: 1 down, 5 up); null until the visitor chose. */
  rating: z.number().int().nullable(),
  comment: z.string(),
  /** The visitor can still answer or change the answer (until sent, or 24 hours after the chat ended). */
  open: z.boolean(),
});
export type ChatSurvey = z.infer<typeof ChatSurvey>;

// ------------------------------------------------------------------------------------------------ GOL-3…GOL-5

export const GOALS_MAX = 50;
export const GOAL_TITLE_MAX = 100;

/** One goal as the manager saves it: an `id` keeps (changes) that goal, none adds one. */
export const GoalInput = z
  .object({
    id: Id.optional(),
    title: z
      .string()
      .trim()
      .min(1, 'Enter a title')
      .max(GOAL_TITLE_MAX, `At most ${GOAL_TITLE_MAX} characters`)
      .refine((t) => !/['"\\]/.test(t), 'Quotes and backslashes cannot be used in a title'),
    /** When the goal is reached by itself: any moment matching on a page view (none: only by the snippet). */
    moments: Moments,
    valueKind: z.enum(GoalValueKind, { message: 'Choose none, fixed or changing' }),
    /** The fixed value as a decimal text (`'49.95'`); empty for none and changing. */
    value: z.string().trim().max(30, 'At most 30 characters').default(''),
  })
  .superRefine(
    (v, ctx) => {
      if (v.valueKind === 'fixed' && goalValueOf(v.value) === null)
        ctx.addIssue({
          code: 'custom',
          path: ['value'],
          message: 'Enter an amount such as 49.95 (at most 4 decimals)',
        });
    },
    { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
  );
export type GoalInput = z.input<typeof GoalInput>;

export const Goal = z.object({
  id: z.uuid(),
  title: z.string(),
  moments: Moments,
  valueKind: z.enum(GoalValueKind),
  /** The fixed value (`'49.95'`), empty otherwise. */
  value: z.string(),
});
export type Goal = z.infer<typeof Goal>;

/** The Goals tab's "Goals & sales" and "Analytics events", saved as a whole. */
export const GoalSalesSettingsInput = z
  .object({
    /** GOL-5: also send the campaign events to Google Analytics 4 when the page has gtag or a dataLayer. */
    ga4: z.boolean(),
    goals: z.array(GoalInput).max(GOALS_MAX, `At most ${GOALS_MAX} goals`),
  })
  .superRefine(
    (v, ctx) => {
      // Also run when another field failed, so a title twice is told with the rest (values may be raw then).
      const seen = new Set<string>();
      const ids = new Set<string>();
      if (!Array.isArray(v.goals)) return;
      v.goals.forEach((g, i) => {
        if (typeof g !== 'object' || g === null || typeof g.title !== 'string') return;
        const key = g.title.trim().toLocaleLowerCase();
        if (seen.has(key))
          ctx.addIssue({
            code: 'custom',
            path: ['goals', i, 'title'],
            message: 'This title is in the list already',
          });
        seen.add(key);
        if (g.id && ids.has(g.id))
          ctx.addIssue({
            code: 'custom',
            path: ['goals', i, 'id'],
            message: 'This goal is in the list twice',
          });
        if (g.id) ids.add(g.id);
      });
    },
    { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
  );
export type GoalSalesSettingsInput = z.input<typeof GoalSalesSettingsInput>;

export const GoalSalesSettings = z.object({ ga4: z.boolean(), goals: z.array(Goal) });
export type GoalSalesSettings = z.infer<typeof GoalSalesSettings>;

/** The JavaScript a page runs when a goal is reached (GOL-4); for a changing value EXAMPLE_VALUE is replaced. */
export function goalSnippet(title: string, valueKind: GoalValueKind): string {
  return valueKind === 'changing'
    ? `parley('goal', '${title}', EXAMPLE_VALUE);`
    : `parley('goal', '${title}');`;
}
