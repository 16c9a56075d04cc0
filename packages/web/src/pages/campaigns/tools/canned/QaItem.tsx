import { useEffect, useId, useRef, useState } from 'react';
import {
  ActionIcon,
  Button,
  Code,
  Group,
  Paper,
  Stack,
  Text,
  Textarea,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { IconAlertTriangle, IconArrowBackUp, IconCheck, IconPencil, IconTrash } from '@tabler/icons-react';
import {
  CANNED_ANSWER_MAX,
  CANNED_QUESTION_MAX,
  CANNED_UNDO_SECONDS,
  SHORTKEY_MAX,
  type CannedResponse,
} from '@parley/protocol';
import { ApiError } from '../../../../api/client';
import { useRemoveCannedResponse, useUndoCannedRemoval } from '../../../../api/cannedResponses';
import { useT } from '../../../../i18n';
import { translateServerText } from '../../../../lib/errors';
import { notifyError } from '../../../../lib/notify';
import { useAutosave, type SaveStatus } from './autosave';
import classes from './Canned.module.css';

export const qaDomId = (id: string, what: 'edit' | 'shortkey' | 'undo' | 'item') => `qa-${id}-${what}`;

/** Moves the focus after the render that showed the element. */
export const focusLater = (...ids: string[]) =>
  window.setTimeout(() => {
    for (const id of ids) {
      const el = document.getElementById(id);
      if (el) return el.focus();
    }
  }, 0);

/**
 * The seconds left to "Undo Removal" (TLS-3), counted from what the server said was left when it answered (so a
 * reload shows the same); null for a Q&A in use. `onOver` runs once when they are over.
 */
export function useUndoCountdown(undoMsLeft: number | null, onOver: () => void): number | null {
  const [now, setNow] = useState(() => performance.now());
  const [deadline, setDeadline] = useState<number | null>(null);
  const over = useRef(onOver);
  over.current = onOver;
  useEffect(() => {
    setDeadline(undoMsLeft === null ? null : performance.now() + undoMsLeft);
    setNow(performance.now());
  }, [undoMsLeft]);
  useEffect(() => {
    if (deadline === null) return;
    let fired = false;
    const tick = () => {
      const at = performance.now();
      setNow(at);
      if (at >= deadline && !fired) {
        fired = true;
        over.current();
      }
    };
    const timer = window.setInterval(tick, 250);
    return () => window.clearInterval(timer);
  }, [deadline]);
  if (deadline === null) return null;
  return Math.max(0, Math.ceil((deadline - now) / 1000));
}

interface Props {
  item: CannedResponse;
  forumId: string;
  /** Its place in the list, for names ("Q&A 3"). */
  n: number;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onSaved: (item: CannedResponse) => void;
  /** The removal became final (the seconds are over): the Q&A leaves the list. */
  onGone: (id: string) => void;
}

/** One Q&A of a forum: a line with "Click to edit", its fields when open, or "Undo Removal" while removed. */
export function QaItem({ item, forumId, n, open, onOpenChange, onSaved, onGone }: Props) {
  const t = useT();
  const undo = useUndoCannedRemoval(forumId);
  const secondsLeft = useUndoCountdown(item.undoMsLeft, () => onGone(item.id));
  const name = item.shortkey ? `#${item.shortkey}` : t('canned.qaN', { n });
  const editorId = qaDomId(item.id, 'item');

  if (secondsLeft !== null) {
    return (
      <Paper withBorder p="sm" className={classes.removed} data-testid="qa-removed">
        <Group justify="space-between" gap="sm" wrap="nowrap">
          <div style={{ minWidth: 0 }}>
            <Text size="sm" fw={500} truncate>
              {t('canned.removedName', { name })}
            </Text>
            <Text size="xs" c="dimmed">
              {t('canned.removedFinalIn', { seconds: secondsLeft })}
            </Text>
          </div>
          <Button
            id={qaDomId(item.id, 'undo')}
            size="xs"
            leftSection={<IconArrowBackUp size={14} aria-hidden />}
            loading={undo.isPending}
            onClick={() =>
              undo.mutate(item.id, {
                onSuccess: () => focusLater(qaDomId(item.id, 'edit')),
                onError: (err) => {
                  notifyError(t('canned.couldNotUndo'), err);
                  if (err instanceof ApiError && err.status === 410) onGone(item.id);
                },
              })
            }
          >
            {t('canned.undoRemoval', { seconds: secondsLeft })}
          </Button>
        </Group>
      </Paper>
    );
  }

  return (
    <Paper withBorder p="sm" component="article" aria-label={name}>
      <Group justify="space-between" gap="sm" wrap="nowrap">
        <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
          {item.shortkey ? <Code>#{item.shortkey}</Code> : null}
          <Text size="sm" truncate c={item.question ? undefined : 'dimmed'}>
            {item.question || t('canned.noQuestion')}
          </Text>
        </Group>
        <Button
          id={qaDomId(item.id, 'edit')}
          size="xs"
          variant="default"
          leftSection={<IconPencil size={14} aria-hidden />}
          aria-expanded={open}
          aria-controls={open ? editorId : undefined}
          onClick={() => onOpenChange(!open)}
        >
          {open ? t('canned.closeEditor') : t('canned.clickToEdit')}
        </Button>
      </Group>
      {open && <QaEditor id={editorId} item={item} forumId={forumId} name={name} onSaved={onSaved} />}
    </Paper>
  );
}

function QaEditor({
  id,
  item,
  forumId,
  name,
  onSaved,
}: {
  id: string;
  item: CannedResponse;
  forumId: string;
  name: string;
  onSaved: (item: CannedResponse) => void;
}) {
  const t = useT();
  const { values, change, status, fieldErrors, saveNow } = useAutosave(item, onSaved);
  const remove = useRemoveCannedResponse(forumId);
  const error = (field: keyof typeof fieldErrors) => {
    const e = fieldErrors[field];
    return e ? translateServerText(e) : undefined;
  };

  return (
    <Stack id={id} gap="sm" mt="sm">
      <TextInput
        id={qaDomId(item.id, 'shortkey')}
        label={t('canned.shortkey')}
        description={t('canned.shortkeyHint')}
        leftSection={<Text c="dimmed">#</Text>}
        maxLength={SHORTKEY_MAX + 10}
        value={values.shortkey}
        error={error('shortkey')}
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => change('shortkey', e.currentTarget.value)}
      />
      <TextInput
        label={t('canned.question')}
        maxLength={CANNED_QUESTION_MAX}
        value={values.question}
        error={error('question')}
        onChange={(e) => change('question', e.currentTarget.value)}
      />
      <Textarea
        label={t('canned.answer')}
        description={t('canned.answerHint')}
        autosize
        minRows={3}
        maxRows={12}
        maxLength={CANNED_ANSWER_MAX}
        value={values.answer}
        error={error('answer')}
        onChange={(e) => change('answer', e.currentTarget.value)}
      />
      <Group justify="flex-end" gap="sm">
        <SaveState status={status} onRetry={saveNow} />
        <Tooltip label={t('canned.removeHint', { seconds: CANNED_UNDO_SECONDS })}>
          <ActionIcon
            variant="default"
            color="red"
            size="lg"
            aria-label={t('canned.remove', { name })}
            loading={remove.isPending}
            onClick={() =>
              remove.mutate(item.id, {
                onSuccess: () => focusLater(qaDomId(item.id, 'undo')),
                onError: (err) => notifyError(t('canned.couldNotRemove'), err),
              })
            }
          >
            <IconTrash size={16} aria-hidden />
          </ActionIcon>
        </Tooltip>
      </Group>
    </Stack>
  );
}

/** "✓ Saved" at the bottom right (TLS-2), "Saving…", or what is not saved and why. */
function SaveState({ status, onRetry }: { status: SaveStatus; onRetry: () => void }) {
  const t = useT();
  const statusId = useId();
  return (
    <Group gap="xs" role="status" id={statusId} data-testid="qa-save-state" data-state={status.kind}>
      {status.kind === 'saved' && (
        <Text size="sm" c="teal.8" className={classes.saved}>
          <IconCheck size={14} aria-hidden /> {t('canned.saved')}
        </Text>
      )}
      {status.kind === 'saving' && (
        <Text size="sm" c="dimmed">
          {t('canned.saving')}
        </Text>
      )}
      {status.kind === 'error' && (
        <>
          <Text size="sm" c="red.8" className={classes.saved}>
            <IconAlertTriangle size={14} aria-hidden /> {t('canned.notSaved', { reason: status.message })}
          </Text>
          {status.retry && (
            <Button size="compact-xs" variant="light" color="red" onClick={onRetry}>
              {t('common.tryAgain')}
            </Button>
          )}
        </>
      )}
    </Group>
  );
}
