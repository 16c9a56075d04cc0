import {
  goalSnippet,
  type Goal,
  type GoalInput,
  type GoalSalesSettings,
  type GoalSalesSettingsInput,
  type GoalValueKind,
} from '@parley/protocol';
import {
  momentsToForm,
  momentsToInput,
  type InviteFormValues,
  type MomentFormValues,
} from '../invites/inviteForm';

/** One goal as its dialog edits it (GOL-3, GOL-4); the moments as the greetings' editor holds them. */
export interface GoalFormValues {
  title: string;
  valueKind: GoalValueKind;
  value: string;
  moments: MomentFormValues[];
}

export function toGoalForm(goal: Goal | null): GoalFormValues {
  if (!goal) return { title: '', valueKind: 'none', value: '', moments: [] };
  return {
    title: goal.title,
    valueKind: goal.valueKind,
    value: goal.value,
    moments: momentsToForm(goal.moments),
  };
}

export function toGoalInput(v: GoalFormValues, id?: string): GoalInput {
  return {
    ...(id ? { id } : {}),
    title: v.title,
    moments: momentsToInput(v.moments),
    valueKind: v.valueKind,
    value: v.valueKind === 'fixed' ? v.value : '',
  };
}

const keep = (g: Goal): GoalInput => ({
  id: g.id,
  title: g.title,
  moments: g.moments,
  valueKind: g.valueKind,
  value: g.value,
});

/**
 * The whole list to save when one goal is added (`index` null), changed, or deleted (`goal` null), and the GA4
 * toggle: the tab saves each change at once.
 */
export function listWith(
  saved: GoalSalesSettings,
  index: number | null,
  goal: GoalInput | null,
  ga4 = saved.ga4,
): GoalSalesSettingsInput {
  const goals = saved.goals.map(keep);
  if (index === null) return { ga4, goals: goal ? [...goals, goal] : goals };
  if (goal) goals[index] = goal;
  else goals.splice(index, 1);
  return { ga4, goals };
}

/** The server's `goals.N.field` errors as the dialog's `field` errors (others are dropped). */
export function dialogErrors(fields: Record<string, string>, index: number): Record<string, string> {
  const prefix = `goals.${index}.`;
  return Object.fromEntries(
    Object.entries(fields).flatMap(([k, v]) => (k.startsWith(prefix) ? [[k.slice(prefix.length), v]] : [])),
  );
}

/** The snippet the dialog shows for the title typed so far. */
export const snippetFor = (v: Pick<GoalFormValues, 'title' | 'valueKind'>) =>
  goalSnippet(v.title.trim() || 'Title', v.valueKind);

/** The moments editor is the greetings' (it reads and writes `moments.*` only). */
export type MomentsForm = InviteFormValues;
