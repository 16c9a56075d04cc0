import { useEffect, useRef, useState } from 'react';
import {
  Alert,
  Button,
  Checkbox,
  Group,
  Modal,
  MultiSelect,
  Radio,
  Select,
  Stack,
  Text,
} from '@mantine/core';
import type { ChatEvent, ChatSuccessCodes } from '@parley/protocol';
import { useChatSuccessCodes, useSetChatSuccessCodes } from '../../api/goals';
import { useT } from '../../i18n';
import { errorMessage } from '../../lib/errors';
import classes from './Console.module.css';

/** The seq of the chat's last `success_codes` event: when it moves, the codes were chosen elsewhere (close). */
export function lastCodesSeq(events: ChatEvent[]): number {
  for (let i = events.length - 1; i >= 0; i--) if (events[i]!.type === 'success_codes') return events[i]!.seq;
  return 0;
}

/** The codes the chat's campaign offers, with those chosen before and deleted since. */
function optionsOf(codes: ChatSuccessCodes) {
  const listed = new Set(codes.options.map((c) => c.id));
  return [...codes.options, ...codes.chosen.filter((c) => !listed.has(c.id))].map((c) => ({
    value: c.id,
    label: c.name,
  }));
}

/**
 * GOL-1 in the chat: its success codes, chosen with the keyboard (type to filter, arrows, Enter), saved at once.
 * Shown when the chat's campaign has codes; the chat's agent may change them after the close too.
 */
export function ChatCodesField({ chatId, codesSeq }: { chatId: string; codesSeq: number }) {
  const t = useT();
  const codes = useChatSuccessCodes(chatId);
  const set = useSetChatSuccessCodes(chatId);
  const refetch = codes.refetch;
  // Chosen in the close dialog (or another console): read them again.
  useEffect(() => {
    if (codesSeq > 0) void refetch();
  }, [codesSeq, refetch]);
  const data = codes.data;
  if (!data || (data.options.length === 0 && data.chosen.length === 0)) return null;
  const chosen = data.chosen.map((c) => c.id);
  const label = data.allowMultiple ? t('console.successCodes') : t('console.successCode');
  const common = {
    size: 'xs' as const,
    label,
    data: optionsOf(data),
    searchable: true,
    withAsterisk: data.required,
    nothingFoundMessage: t('console.noSuchCode'),
    error: set.isError ? errorMessage(set.error) : undefined,
    className: classes.codes,
  };
  return (
    <div className={classes.codesRow}>
      {data.allowMultiple ? (
        <MultiSelect
          {...common}
          value={chosen}
          placeholder={chosen.length ? undefined : t('console.chooseCodes')}
          onChange={(ids) => set.mutate(ids)}
        />
      ) : (
        <Select
          {...common}
          value={chosen[0] ?? null}
          placeholder={t('console.chooseCode')}
          clearable
          onChange={(id) => set.mutate(id ? [id] : [])}
        />
      )}
    </div>
  );
}

/**
 * The close dialog (CMP-7) with the chat's success codes (GOL-1) when its campaign has any: radio buttons for one
 * code, checkboxes for several — arrows or Tab and Space, then Enter on "Close chat". A campaign that forces a code
 * asks for one here first; the server refuses a close without it anyway.
 */
export function CloseChatDialog({
  chatId,
  visitorName,
  opened,
  onClose,
  onConfirm,
}: {
  chatId: string;
  visitorName: string;
  opened: boolean;
  onClose: () => void;
  onConfirm: (codeIds: string[] | undefined) => void;
}) {
  const t = useT();
  const codes = useChatSuccessCodes(chatId);
  const [picked, setPicked] = useState<string[] | null>(null);
  const [missing, setMissing] = useState(false);
  const data = codes.data;
  const chosen = picked ?? data?.chosen.map((c) => c.id) ?? [];
  const withCodes = !!data && data.options.length + data.chosen.length > 0;

  const refetch = codes.refetch;
  const group = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!opened) {
      setPicked(null);
      setMissing(false);
    } else void refetch();
  }, [opened, refetch]);

  const confirm = () => {
    if (withCodes && data.required && chosen.length === 0) {
      setMissing(true);
      group.current?.querySelector<HTMLElement>('input')?.focus();
      return;
    }
    onConfirm(withCodes && picked ? picked : undefined);
  };
  const error = missing ? t('server.Choose a success code before closing this chat') : undefined;

  return (
    <Modal opened={opened} onClose={onClose} title={t('console.closeQuestion')} centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          confirm();
        }}
      >
        <Stack gap="md">
          <Text size="sm">{t('console.closeText', { name: visitorName })}</Text>
          {withCodes && (
            <div ref={group}>
              {data.allowMultiple ? (
                <Checkbox.Group
                  label={t('console.successCodes')}
                  withAsterisk={data.required}
                  value={chosen}
                  error={error}
                  onChange={(ids) => {
                    setPicked(ids);
                    setMissing(false);
                  }}
                >
                  <Stack gap={6} mt={6}>
                    {optionsOf(data).map((o) => (
                      <Checkbox key={o.value} value={o.value} label={o.label} />
                    ))}
                  </Stack>
                </Checkbox.Group>
              ) : (
                <Radio.Group
                  label={t('console.successCode')}
                  withAsterisk={data.required}
                  value={chosen[0] ?? null}
                  error={error}
                  onChange={(id) => {
                    setPicked([id]);
                    setMissing(false);
                  }}
                >
                  <Stack gap={6} mt={6}>
                    {optionsOf(data).map((o) => (
                      <Radio key={o.value} value={o.value} label={o.label} />
                    ))}
                  </Stack>
                </Radio.Group>
              )}
            </div>
          )}
          {codes.isError && (
            <Alert color="red" py={6}>
              {errorMessage(codes.error)}
            </Alert>
          )}
        </Stack>
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" color="red">
            {t('console.closeChat')}
          </Button>
        </Group>
      </form>
    </Modal>
  );
}
