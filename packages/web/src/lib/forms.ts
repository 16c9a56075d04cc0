import { ApiError } from '../api/client';
import { t } from '../i18n';
import { translateFields, translateServerText } from './errors';
import { notifyError } from './notify';

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
