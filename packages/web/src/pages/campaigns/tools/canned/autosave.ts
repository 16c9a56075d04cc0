import { useCallback, useEffect, useRef, useState } from 'react';
import { shortkeyProblem, type CannedResponse } from '@parley/protocol';
import { ApiError } from '../../../../api/client';
import { saveCannedResponse } from '../../../../api/cannedResponses';
import { errorMessage, translateServerText } from '../../../../lib/errors';

/** The fields of a Q&A the manager types in (TLS-2). */
export type QaFields = { shortkey: string; question: string; answer: string };
export const QA_FIELDS = ['shortkey', 'question', 'answer'] as const;

/** A pause in typing this long saves what changed. */
export const AUTOSAVE_DELAY_MS = 700;

export const fieldsOf = (r: QaFields): QaFields => ({
  shortkey: r.shortkey,
  question: r.question,
  answer: r.answer,
});

/** Values the server refused, with its message: not sent again until the field changes. */
export type Refused = Partial<Record<keyof QaFields, { value: string; message: string }>>;

/**
 * What the next autosave sends: the fields that differ from what the server has, except those known to be
 * refused — by the browser's own check (a shortkey with spaces…) or by the server before (a shortkey taken) —
 * which are reported as problems instead and stay unsaved. So the other fields are saved meanwhile, and nothing
 * wrong is.
 */
export function nextPatch(
  saved: QaFields,
  values: QaFields,
  refused: Refused = {},
): { patch: Partial<QaFields>; problems: Partial<Record<keyof QaFields, string>> } {
  const patch: Partial<QaFields> = {};
  const problems: Partial<Record<keyof QaFields, string>> = {};
  for (const field of QA_FIELDS) {
    if (values[field] === saved[field]) continue;
    const before = refused[field];
    const problem =
      before && before.value === values[field]
        ? before.message
        : field === 'shortkey'
          ? shortkeyProblem(values.shortkey)
          : null;
    if (problem) problems[field] = problem;
    else patch[field] = values[field];
  }
  return { patch, problems };
}

export type SaveStatus =
  /** Nothing typed since the page was opened (or since the Q&A was added). */
  | { kind: 'idle' }
  /** Typed, not saved yet (a pause in typing, or the request, is under way). */
  | { kind: 'saving' }
  /** Everything typed is saved. */
  | { kind: 'saved' }
  /** Something typed is not saved: a field the server (or the browser) refused, or a failed request. */
  | { kind: 'error'; message: string; retry: boolean };

/**
 * TLS-2's autosave of one Q&A: the fields as typed, saved after a pause (one request at a time; what was typed
 * meanwhile goes in the next), with a status for "✓ Saved" and per-field messages. Leaving the page saves what is
 * pending at once; a reload while something is unsaved asks first.
 */
export function useAutosave(item: CannedResponse, onSaved: (item: CannedResponse) => void) {
  const [values, setValues] = useState<QaFields>(() => fieldsOf(item));
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' });
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<keyof QaFields, string>>>({});
  const saved = useRef<QaFields>(fieldsOf(item));
  const current = useRef(values);
  current.current = values;
  const timer = useRef<number | undefined>(undefined);
  const inFlight = useRef(false);
  const again = useRef(false);
  const onSavedRef = useRef(onSaved);
  onSavedRef.current = onSaved;
  const alive = useRef(true);
  const refused = useRef<Refused>({});

  /** Shows where things stand once no request is under way. */
  const settle = useCallback((problems: Partial<Record<keyof QaFields, string>>) => {
    if (!alive.current) return;
    setFieldErrors(problems);
    const first = Object.values(problems)[0];
    const dirty = QA_FIELDS.some((f) => current.current[f] !== saved.current[f]);
    if (first) setStatus({ kind: 'error', message: translateServerText(first), retry: false });
    else if (!dirty) setStatus({ kind: 'saved' });
  }, []);

  const run = useCallback(async () => {
    window.clearTimeout(timer.current);
    timer.current = undefined;
    if (inFlight.current) {
      again.current = true;
      return;
    }
    const { patch, problems } = nextPatch(saved.current, current.current, refused.current);
    const keys = Object.keys(patch) as (keyof QaFields)[];
    if (keys.length === 0) return settle(problems);
    inFlight.current = true;
    try {
      const result = await saveCannedResponse(item.id, patch);
      for (const k of keys) saved.current[k] = result[k];
      if (alive.current) onSavedRef.current(result);
      settle(problems);
    } catch (err) {
      const fields = err instanceof ApiError && err.status === 400 ? (err.fields ?? {}) : {};
      const named = keys.filter((k) => fields[k]);
      if (named.length > 0) {
        // Those values are not sent again until changed; the rest of the patch goes in the next request.
        for (const k of named) refused.current[k] = { value: patch[k]!, message: fields[k]! };
        again.current = true;
      } else {
        again.current = false;
        if (alive.current) setStatus({ kind: 'error', message: errorMessage(err), retry: true });
      }
    } finally {
      inFlight.current = false;
    }
    if (again.current) {
      again.current = false;
      void run();
    }
  }, [item.id, settle]);

  const change = (field: keyof QaFields, value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    current.current = { ...current.current, [field]: value };
    setStatus({ kind: 'saving' });
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void run(), AUTOSAVE_DELAY_MS);
  };

  const pending = status.kind === 'saving' || (status.kind === 'error' && status.retry);
  // A reload or a closed tab with something unsaved asks first.
  useEffect(() => {
    if (!pending) return;
    const ask = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [pending]);

  // Leaving the page (or the Q&A being removed) saves what waits for the pause at once.
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
      if (timer.current !== undefined) void run().catch(() => undefined);
    };
  }, [run]);

  return {
    values,
    change,
    status,
    fieldErrors,
    /** Saves now (the pause cut short, or "Retry" after a failure). */
    saveNow: () => void run(),
  };
}
