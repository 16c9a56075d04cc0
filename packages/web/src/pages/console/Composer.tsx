import { useEffect, useId, useRef, useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import { ActionIcon, Alert, Button, FileButton, Group, Loader, Text, Textarea, Tooltip } from '@mantine/core';
import { IconPaperclip, IconSend } from '@tabler/icons-react';
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES, MESSAGE_MAX_LENGTH } from '@parley/protocol';
import { useUploadChatFile } from '../../api/chats';
import { currentIntl, useT } from '../../i18n';
import { errorMessage } from '../../lib/errors';
import { messageProblem } from '../../realtime/state';
import classes from './Console.module.css';
import { CloseChatDialog } from './SuccessCodes';
import { useComposerCanned } from './tools/shortkeys';
import toolClasses from './tools/Tools.module.css';

/**
 * Asks the composer to take focus (a new `n` for each ask), and to put `insert` at the cursor (a canned response
 * chosen in the Details panel, TLS-2).
 */
export type FocusRequest = { chatId: string; n: number; insert?: string } | null;

/** The counter shows from this many characters on. */
const COUNTER_FROM = MESSAGE_MAX_LENGTH - 500;

interface Props {
  chatId: string;
  visitorName: string;
  online: boolean;
  /** The draft kept for this chat while the agent was in another one. */
  initialDraft: string;
  onDraftChange: (text: string) => void;
  onSend: (text: string) => void;
  onTyping: (text: string) => void;
  /** With the success codes chosen in the close dialog, when its campaign has codes (GOL-1). */
  onCloseChat: (codeIds: string[] | undefined) => void;
  /** Asks the message field of a chat to take the focus (the agent opened the chat). */
  focusRequest: FocusRequest;
}

/** Message field (Enter sends, Shift+Enter is a new line), attachments, and closing the chat. */
export function Composer({
  chatId,
  visitorName,
  online,
  initialDraft,
  onDraftChange,
  onSend,
  onTyping,
  onCloseChat,
  focusRequest,
}: Props) {
  const t = useT();
  const [text, setText] = useState(initialDraft);
  const [fileError, setFileError] = useState<string | null>(null);
  const [confirmClose, setConfirmClose] = useState(false);
  const field = useRef<HTMLTextAreaElement>(null);
  const resetFile = useRef<() => void>(null);
  const upload = useUploadChatFile(chatId);
  const counterId = useId();
  const problem = messageProblem(text);
  const over = text.length > MESSAGE_MAX_LENGTH;

  const focused = useRef<number | null>(null);
  useEffect(() => {
    if (focusRequest?.chatId !== chatId || focused.current === focusRequest.n) return;
    focused.current = focusRequest.n;
    const el = field.current;
    el?.focus();
    const insert = focusRequest.insert;
    if (el && insert) {
      const at = el.selectionStart;
      const value = el.value.slice(0, at) + insert + el.value.slice(el.selectionEnd);
      change(value);
      requestAnimationFrame(() => el.setSelectionRange(at + insert.length, at + insert.length));
    }
  }, [focusRequest, chatId]);

  const change = (value: string) => {
    setText(value);
    onDraftChange(value);
    onTyping(value);
  };
  // TLS-2: `#shortkey` suggestions, and the answers Quick Response inserts.
  const canned = useComposerCanned({ chatId, text, field, setText: change });

  const send = () => {
    if (problem) return;
    onSend(text);
    setText('');
    onDraftChange('');
    field.current?.focus();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (canned.onKeyDown(e)) return;
    if (e.key === 'Enter' && !e.shiftKey && !e.altKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      send();
    }
  };

  const sendFile = (file: File | null) => {
    resetFile.current?.();
    if (!file) return;
    setFileError(null);
    if (file.size > ATTACHMENT_MAX_BYTES) {
      setFileError(t('console.fileTooLarge', { name: file.name, mb: ATTACHMENT_MAX_BYTES / 1024 / 1024 }));
      return;
    }
    upload.mutate(file, { onError: (err) => setFileError(errorMessage(err)) });
  };

  const onPaste = (e: ClipboardEvent<HTMLTextAreaElement>) => {
    const file = e.clipboardData.files[0];
    if (!file) return;
    e.preventDefault();
    sendFile(file);
  };

  return (
    <div className={classes.composer}>
      {fileError && (
        <Alert
          color="red"
          mb="xs"
          py={6}
          withCloseButton
          onClose={() => setFileError(null)}
          title={t('console.fileNotSent')}
        >
          {fileError}
        </Alert>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          send();
        }}
      >
        <div className={toolClasses.anchor}>
          {canned.list}
          <Textarea
            {...canned.inputProps}
            ref={field}
            aria-label={t('console.message')}
            aria-describedby={text.length >= COUNTER_FROM ? counterId : undefined}
            placeholder={t('console.messagePlaceholder', { name: visitorName })}
            autosize
            minRows={2}
            maxRows={8}
            value={text}
            error={over}
            onChange={(e) => {
              change(e.currentTarget.value);
              canned.onCaret(e.currentTarget);
            }}
            onSelect={(e) => canned.onCaret(e.currentTarget)}
            onKeyDown={onKeyDown}
            onPaste={onPaste}
            onBlur={() => onTyping('')}
          />
        </div>
        <Group justify="space-between" mt={6} wrap="nowrap">
          <Group gap={6} wrap="nowrap">
            <FileButton
              onChange={sendFile}
              accept={ATTACHMENT_TYPES.join(',')}
              resetRef={resetFile}
              disabled={upload.isPending}
            >
              {(props) => (
                <Tooltip label={t('console.attachHint', { mb: ATTACHMENT_MAX_BYTES / 1024 / 1024 })}>
                  <ActionIcon
                    {...props}
                    variant="subtle"
                    color="gray"
                    size="lg"
                    aria-label={t('console.attach')}
                    disabled={upload.isPending}
                  >
                    {upload.isPending ? (
                      <Loader size={16} aria-hidden />
                    ) : (
                      <IconPaperclip size={18} aria-hidden />
                    )}
                  </ActionIcon>
                </Tooltip>
              )}
            </FileButton>
            {upload.isPending && (
              <Text size="xs" c="dimmed" role="status">
                {t('console.uploading')}
              </Text>
            )}
            <Button
              variant="subtle"
              color="red"
              size="xs"
              onClick={() => setConfirmClose(true)}
              disabled={!online}
              title={online ? undefined : t('console.whenConnected')}
            >
              {t('console.closeChat')}
            </Button>
          </Group>
          <Group gap="sm" wrap="nowrap">
            {text.length >= COUNTER_FROM && (
              <Text id={counterId} size="xs" c={over ? 'red' : 'dimmed'} aria-live="polite">
                {currentIntl().formatNumber(text.length)} / {currentIntl().formatNumber(MESSAGE_MAX_LENGTH)}
              </Text>
            )}
            <Button
              type="submit"
              size="xs"
              rightSection={<IconSend size={14} aria-hidden />}
              disabled={!!problem}
            >
              {t('console.send')}
            </Button>
          </Group>
        </Group>
      </form>
      <CloseChatDialog
        chatId={chatId}
        visitorName={visitorName}
        opened={confirmClose}
        onClose={() => setConfirmClose(false)}
        onConfirm={(codeIds) => {
          setConfirmClose(false);
          onCloseChat(codeIds);
        }}
      />
    </div>
  );
}
