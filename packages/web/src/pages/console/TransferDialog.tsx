import { useState } from 'react';
import { Alert, Button, Group, Modal, Radio, Stack, Text } from '@mantine/core';
import type { TransferRequest } from '@parley/protocol';
import { useTransferChat, useTransferTargets } from '../../api/chats';
import { Spinner } from '../../components/Spinner';
import { useT } from '../../i18n';
import { errorMessage } from '../../lib/errors';
import { notifySuccess } from '../../lib/notify';
import type { AgentConsole } from '../../realtime/agent-console';

interface Props {
  console: AgentConsole;
  chatId: string;
  visitorName: string;
  opened: boolean;
  onClose: () => void;
}

function toRequest(value: string): TransferRequest | null {
  const [type, id] = value.split(':');
  if (type === 'agent' && id) return { to: { type: 'agent', userId: id } };
  if (type === 'group' && id) return { to: { type: 'group', groupId: id } };
  if (type === 'forwarding') return { to: { type: 'forwarding' } };
  return null;
}

/** Transfer a chat to an agent, a group or the campaign's forwarding level (CON-3, RTE-6). */
export function TransferDialog({ console, chatId, visitorName, opened, onClose }: Props) {
  const t = useT();
  const targets = useTransferTargets(chatId, opened);
  const transfer = useTransferChat(chatId);
  const [value, setValue] = useState('');
  const request = toRequest(value);

  const close = () => {
    setValue('');
    transfer.reset();
    onClose();
  };

  return (
    <Modal opened={opened} onClose={close} title={t('transfer.title', { name: visitorName })} centered>
      {targets.isPending ? (
        <Group justify="center" py="md">
          <Spinner label={t('transfer.loading')} />
        </Group>
      ) : targets.isError ? (
        <Alert color="red">{errorMessage(targets.error)}</Alert>
      ) : (
        <Radio.Group value={value} onChange={setValue} label={t('transfer.to')}>
          <Stack gap="xs" mt="xs">
            {targets.data.agents.length > 0 && (
              <Text size="xs" fw={600} c="dimmed" tt="uppercase">
                {t('transfer.agents')}
              </Text>
            )}
            {targets.data.agents.map((a) => {
              const full = a.status === 'available' && a.freeSlots === 0;
              return (
                <Radio
                  key={a.id}
                  value={`agent:${a.id}`}
                  label={a.name}
                  disabled={a.status !== 'available' || full}
                  description={
                    a.status !== 'available'
                      ? a.status === 'away'
                        ? t('console.away')
                        : t('console.offlineStatus')
                      : full
                        ? t('transfer.noSlot')
                        : a.freeSlots === null
                          ? t('console.available')
                          : t('transfer.freeSlots', { count: a.freeSlots })
                  }
                />
              );
            })}
            {targets.data.groups.length > 0 && (
              <Text size="xs" fw={600} c="dimmed" tt="uppercase" mt="xs">
                {t('transfer.groups')}
              </Text>
            )}
            {targets.data.groups.map((g) => (
              <Radio
                key={g.id}
                value={`group:${g.id}`}
                label={g.name}
                description={t('transfer.groupHint')}
              />
            ))}
            {targets.data.forwarding && (
              <Radio
                value="forwarding"
                label={t('routing.forwarding')}
                description={t('transfer.forwardingHint')}
                mt="xs"
              />
            )}
          </Stack>
        </Radio.Group>
      )}
      {transfer.isError && (
        <Alert color="red" mt="md" role="alert">
          {errorMessage(transfer.error)}
        </Alert>
      )}
      <Group justify="flex-end" mt="lg">
        <Button variant="default" onClick={close} disabled={transfer.isPending}>
          {t('common.cancel')}
        </Button>
        <Button
          disabled={!request}
          loading={transfer.isPending}
          onClick={() => {
            if (!request) return;
            // The socket's "removed" may come before this answer: no second notice for it.
            console.handedOver.add(chatId);
            transfer.mutate(request, {
              onSuccess: (result) => {
                notifySuccess(t('transfer.done', { name: result.agentName }));
                close();
              },
              onError: () => console.handedOver.delete(chatId),
            });
          }}
        >
          {t('console.transfer')}
        </Button>
      </Group>
    </Modal>
  );
}
