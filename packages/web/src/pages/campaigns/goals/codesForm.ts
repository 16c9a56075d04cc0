import type { SuccessCodeSettings, SuccessCodeSettingsInput } from '@parley/protocol';

/** The success codes as the form edits them: each row keyed for React, saved codes with their id. */
export type CodeRow = { key: string; id?: string; name: string };
export type CodesFormValues = { allowMultiple: boolean; required: boolean; codes: CodeRow[] };

let next = 0;
export const newCodeRow = (): CodeRow => ({ key: `new-code-${++next}`, name: '' });

export function toCodesForm(s: SuccessCodeSettings): CodesFormValues {
  return {
    allowMultiple: s.allowMultiple,
    required: s.required,
    codes: s.codes.map((c) => ({ key: c.id, id: c.id, name: c.name })),
  };
}

export function toCodesInput(v: CodesFormValues): SuccessCodeSettingsInput {
  return {
    allowMultiple: v.allowMultiple,
    required: v.required,
    codes: v.codes.map((c) => (c.id ? { id: c.id, name: c.name } : { name: c.name })),
  };
}

/** Whether the form differs from what is saved (names compared as they would be saved: trimmed). */
export function codesChanged(v: CodesFormValues, saved: CodesFormValues): boolean {
  const shape = (x: CodesFormValues) =>
    JSON.stringify([x.allowMultiple, x.required, x.codes.map((c) => [c.id ?? null, c.name.trim()])]);
  return shape(v) !== shape(saved);
}
