import type {
  Criterion,
  CriterionKind,
  Invite,
  InviteInput,
  InviteKind,
  Moment,
  TimeOperator,
  UrlMatch,
} from '@parley/protocol';

/** A criterion as the form holds it: every field of both sorts, so switching the sort keeps what was typed. */
export interface CriterionFormValues {
  key: string;
  kind: CriterionKind;
  match: UrlMatch;
  url: string;
  operator: TimeOperator;
  /** Empty while the number input is empty. */
  minutes: number | string;
}

export interface MomentFormValues {
  key: string;
  name: string;
  criteria: CriterionFormValues[];
}

export interface InviteFormValues {
  kind: InviteKind;
  enabled: boolean;
  title: string;
  text: string;
  acceptText: string;
  declineText: string;
  moments: MomentFormValues[];
}

let counter = 0;
/** Keys for React lists and element ids (stable while the form lives). */
export const newKey = (prefix: string) => `${prefix}-${++counter}`;

export const isPageKind = (kind: CriterionKind) => kind === 'current_page' || kind === 'previous_page';

/** A new criterion: "Time on the page >= 1 minute", the handbook's example. */
export function newCriterion(kind: CriterionKind = 'time_on_page'): CriterionFormValues {
  return { key: newKey('criterion'), kind, match: 'contains', url: '', operator: '>=', minutes: 1 };
}

export function newMoment(name = ''): MomentFormValues {
  return { key: newKey('moment'), name, criteria: [newCriterion()] };
}

function criterionValues(c: Criterion): CriterionFormValues {
  const blank = newCriterion(c.kind);
  return c.kind === 'current_page' || c.kind === 'previous_page'
    ? { ...blank, match: c.match, url: c.url }
    : { ...blank, operator: c.operator, minutes: c.minutes };
}

export function toFormValues(invite: Invite | null, kind: InviteKind = 'yes_no'): InviteFormValues {
  if (!invite) {
    return {
      kind,
      enabled: true,
      title: '',
      text: '',
      acceptText: '',
      declineText: '',
      moments: [],
    };
  }
  return {
    kind: invite.kind,
    enabled: invite.enabled,
    title: invite.title,
    text: invite.text,
    acceptText: invite.acceptText,
    declineText: invite.declineText,
    moments: momentsToForm(invite.moments),
  };
}

/** Saved moments as the form holds them (also the Goals tab's goals, GOL-3). */
export function momentsToForm(moments: readonly Moment[]): MomentFormValues[] {
  return moments.map((m) => ({
    key: newKey('moment'),
    name: m.name,
    criteria: m.criteria.map(criterionValues),
  }));
}

/** The form's moments as the API takes them. */
export function momentsToInput(moments: readonly MomentFormValues[]): Moment[] {
  return moments.map((m) => ({ name: m.name, criteria: m.criteria.map(toCriterion) }));
}

// An empty number input becomes NaN; the schema reports it before anything is sent.
const toNumber = (v: number | string) => (v === '' ? NaN : Number(v));

function toCriterion(c: CriterionFormValues): Criterion {
  if (c.kind === 'current_page' || c.kind === 'previous_page')
    return { kind: c.kind, match: c.match, url: c.url };
  return { kind: c.kind, operator: c.operator, minutes: toNumber(c.minutes) };
}

/** What the API gets: only the fields of the greeting's kind and of each criterion's sort. */
export function toInput(v: InviteFormValues): InviteInput {
  const moments = momentsToInput(v.moments);
  const common = { enabled: v.enabled, title: v.title, text: v.text, moments };
  return v.kind === 'yes_no'
    ? { kind: 'yes_no', ...common, acceptText: v.acceptText, declineText: v.declineText }
    : { kind: 'chat_window', ...common };
}

/** Whether the form differs from what was saved (keys left out). */
export function isChanged(a: InviteFormValues, b: InviteFormValues): boolean {
  return JSON.stringify(toInput(a)) !== JSON.stringify(toInput(b));
}
