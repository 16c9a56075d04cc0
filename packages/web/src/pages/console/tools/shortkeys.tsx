import {
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
  type RefObject,
} from 'react';
import { Text, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { shortkeyAt, type CannedHit } from '@parley/protocol';
import { useCannedSuggestions } from '../../../api/cannedResponses';
import { useT } from '../../../i18n';
import { useChatTools } from '../../../api/tools';
import { spliceText } from './composerInsert';
import classes from './Tools.module.css';

interface Options {
  chatId: string;
  text: string;
  field: RefObject<HTMLTextAreaElement | null>;
  /** Sets the composer's text (as typing would: the draft and the typing indicator follow). */
  setText: (text: string) => void;
}

/**
 * TLS-2 in the composer: `#` + the start of a shortkey shows the chat's matching Q&As as a list above the field;
 * ArrowUp/ArrowDown choose, Enter (or a click) inserts the answer in place of `#key`, Escape closes (only the
 * chat's campaign's forums, only while its Canned Responses tool is on). The field stays a textbox (a textarea cannot be a combobox) that owns the
 * list through `aria-controls` and names the chosen option with `aria-activedescendant`, and a polite status
 * says how many answers there are.
 */
export function useComposerCanned({ chatId, text, field, setText }: Options) {
  const t = useT();
  const on = useChatTools(chatId).data?.tools.cannedResponses ?? false;
  const listId = useId();
  const [caret, setCaret] = useState<number | null>(null);
  const [active, setActive] = useState(0);
  /** The `#key` at which the agent pressed Escape: closed until the key changes. */
  const [dismissed, setDismissed] = useState<string | null>(null);
  const key = on && caret !== null ? shortkeyAt(text, caret) : null;
  const keyId = key ? `${key.start}:${key.key}` : null;
  const [prefix] = useDebouncedValue(key?.key ?? null, 120);
  const suggestions = useCannedSuggestions(chatId, key ? (prefix ?? key.key) : null, on);
  const items: CannedHit[] = key && suggestions.data && !suggestions.isError ? suggestions.data.items : [];
  const open = !!key && keyId !== dismissed && items.length > 0;
  const pendingCaret = useRef<number | null>(null);

  useEffect(() => setActive(0), [keyId, items.length]);
  // Escape closes the list for the key as it was: typing on (or back) opens it again.
  useEffect(() => {
    if (keyId !== dismissed) setDismissed(null);
    // Only when the key changes (not when Escape set it).
  }, [keyId]);

  // After a text set here, the caret goes where the inserted answer ends.
  useEffect(() => {
    const at = pendingCaret.current;
    if (at === null || !field.current) return;
    pendingCaret.current = null;
    field.current.focus();
    field.current.setSelectionRange(at, at);
    setCaret(at);
  }, [text, field]);

  const apply = useCallback(
    (start: number, end: number, insert: string) => {
      const next = spliceText(text, start, end, insert);
      pendingCaret.current = next.caret;
      setText(next.text);
    },
    [text, setText],
  );

  const pick = (hit: CannedHit) => {
    if (!key || caret === null) return;
    apply(key.start, caret, hit.answer);
  };

  /** Call from the field's keydown first: true when it was the list's key (nothing else should act on it). */
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>): boolean => {
    if (!open || e.altKey || e.ctrlKey || e.metaKey || e.nativeEvent.isComposing) return false;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((a) => (a + step + items.length) % items.length);
      return true;
    }
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      const hit = items[Math.min(active, items.length - 1)];
      if (hit) pick(hit);
      return true;
    }
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      setDismissed(keyId);
      return true;
    }
    return false;
  };

  /** Call when the field's text or caret may have moved (change, click, select, keyup). */
  const onCaret = (el: HTMLTextAreaElement) =>
    setCaret(el.selectionStart === el.selectionEnd ? el.selectionStart : null);

  const optionId = (i: number) => `${listId}-option-${i}`;
  const inputProps = {
    'aria-autocomplete': 'list' as const,
    'aria-controls': open ? listId : undefined,
    'aria-activedescendant': open ? optionId(Math.min(active, items.length - 1)) : undefined,
  };

  const forums = useMemo(() => new Set(items.map((i) => i.forumId)).size, [items]);
  const list: ReactNode = (
    <>
      {open && (
        <ul id={listId} role="listbox" aria-label={t('canned.suggestions')} className={classes.suggestions}>
          {items.map((hit, i) => (
            <li
              key={hit.id}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              className={classes.option}
              data-active={i === active || undefined}
              // The field keeps the focus (and its caret) while the mouse chooses.
              onMouseDown={(e) => e.preventDefault()}
              onMouseEnter={() => setActive(i)}
              onClick={() => pick(hit)}
            >
              <Text span fw={600} size="sm">
                #{hit.shortkey}
              </Text>{' '}
              <Text span size="sm" c="dimmed">
                {hit.question || hit.answer}
              </Text>
              {forums > 1 && (
                <Text span size="xs" c="dimmed" className={classes.forum}>
                  {hit.forumTitle}
                </Text>
              )}
            </li>
          ))}
        </ul>
      )}
      <VisuallyHidden role="status" aria-live="polite" aria-atomic="true">
        {open ? t('canned.suggestionsSay', { count: items.length }) : ''}
      </VisuallyHidden>
    </>
  );

  return { inputProps, onKeyDown, onCaret, list };
}
