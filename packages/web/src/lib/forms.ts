import type { FormEvent } from 'react';
import { ApiError } from '../api/client';
import { t } from '../i18n';
import { translateFields, translateServerText } from './errors';
import { notifyError, notifySuccess } from './notify';

/** Anything with Mantine form's `setErrors`; kept structural so every form's values type fits. */
interface ErrorTarget {
  setErrors: (errors: Record<string, string>) => void;
}

/** The part of a protocol (zod) schema used here. */
interface Schema {
  safeParse(
    value: unknown,
  ):
    | { success: true }
    | { success: false; error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> } };
}

/**
 * Client-side check with the same protocol schema the server uses; returns messages keyed like the body fields
 * (and so like the form fields), in the user's language, or null when the payload is valid.
 */
export function schemaErrors(schema: Schema, payload: unknown): Record<string, string> | null {
  const result = schema.safeParse(payload);
  if (result.success) return null;
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.map(String).join('.');
    errors[key] ??= translateServerText(issue.message);
  }
  return errors;
}

/**
 * Put the server's per-field messages on the matching inputs; anything else becomes a notification.
 * `rename` maps body field names to form field names where they differ. Returns whether fields were marked.
 */
export function showSubmitError(
  form: ErrorTarget,
  error: unknown,
  title: string,
  rename: Record<string, string> = {},
): boolean {
  if (error instanceof ApiError && error.fields && Object.keys(error.fields).length > 0) {
    const errors: Record<string, string> = {};
    for (const [key, message] of Object.entries(translateFields(error.fields)))
      errors[rename[key] ?? key] = message;
    form.setErrors(errors);
    notifyError(title, error.status === 400 ? new Error(t('forms.checkFields')) : error);
    return true;
  }
  notifyError(title, error);
  return false;
}

/**
 * After a refused submit: the first highlighted field gets the focus (and comes into view), so the keyboard and a
 * screen reader land on what needs fixing; without one, `fallback` does (never the page's body).
 */
export function focusFirstError(root: HTMLElement | null, fallback?: HTMLElement | null): void {
  // After the render that shows the errors.
  window.setTimeout(() => {
    const invalid = root?.querySelector<HTMLElement>('[aria-invalid="true"]');
    const target = invalid ?? fallback ?? null;
    if (!target) return;
    target.scrollIntoView({ block: 'center' });
    target.focus({ preventScroll: true });
  }, 0);
}

/**
 * The Save of a settings section whose form is held in component state (a list saved as a whole, the survey):
 * the protocol's schema checks `input` first (errors on the fields, the first one focused), then `save` sends
 * it; `saved` takes the server's answer, and a refusal marks the fields it names.
 */
export function submitSettings<I, R>(o: {
  schema: Schema;
  input: () => I;
  save: (input: I) => Promise<R>;
  saved: (result: R) => void;
  setErrors: (errors: Record<string, string>) => void;
  savedText: string;
  failedTitle: string;
}) {
  return async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const input = o.input();
    const found = schemaErrors(o.schema, input);
    if (found) {
      o.setErrors(found);
      focusFirstError(form);
      return;
    }
    o.setErrors({});
    try {
      o.saved(await o.save(input));
      notifySuccess(o.savedText);
    } catch (err) {
      if (showSubmitError({ setErrors: o.setErrors }, err, o.failedTitle)) focusFirstError(form);
    }
  };
}
