import { useEffect, useRef, useState } from 'react';
import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  EmptyState,
  Group,
  Menu,
  Paper,
  Stack,
  Switch,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import {
  IconArrowDown,
  IconArrowUp,
  IconChevronDown,
  IconClick,
  IconPlus,
  IconTrash,
} from '@tabler/icons-react';
import { Link, useNavigate } from 'react-router';
import { CHAT_BUTTON_TYPES, RECOMMENDED_BUTTON_TYPE, type ChatButton } from '@parley/protocol';
import {
  useChatButtons,
  useDeleteChatButton,
  useReorderChatButtons,
  useSetChatButtonEnabled,
} from '../../../api/buttons';
import { ConfirmModal } from '../../../components/ConfirmModal';
import { ErrorBlock, LoadingBlock } from '../../../components/QueryState';
import { useT } from '../../../i18n';
import { notifyError, notifySuccess } from '../../../lib/notify';

/** Element ids of a row's controls, for keeping the focus where it was after a move or a delete. */
const rowIds = (id: string) => ({
  link: `button-${id}-link`,
  up: `button-${id}-up`,
  down: `button-${id}-down`,
});
const ADD_ID = 'buttons-add';

function focusFirstOf(ids: string[]): void {
  for (const id of ids) {
    const el = document.getElementById(id);
    if (el && !el.hasAttribute('disabled') && !el.hasAttribute('data-disabled')) {
      el.focus();
      return;
    }
  }
}

/** "Add button": the four types in the handbook's order, the recommended one marked. */
function AddMenu({ id }: { id?: string }) {
  const t = useT();
  const navigate = useNavigate();
  return (
    <Menu position="bottom-end">
      <Menu.Target>
        <Button
          id={id}
          leftSection={<IconPlus size={16} aria-hidden />}
          rightSection={<IconChevronDown size={14} aria-hidden />}
        >
          {t('buttons.add')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {CHAT_BUTTON_TYPES.map((type) => (
          <Menu.Item
            key={`${type.placement}-${type.starts}`}
            onClick={() => void navigate(`new?placement=${type.placement}&starts=${type.starts}`)}
          >
            <Group gap="xs">
              <Text size="sm" fw={500}>
                {t(`buttons.type.${type.placement}.${type.starts}`)}
              </Text>
              {type === RECOMMENDED_BUTTON_TYPE && (
                <Badge size="xs" variant="light" color="teal">
                  {t('buttons.recommended')}
                </Badge>
              )}
            </Group>
            <Text size="xs" c="dimmed" maw={320}>
              {t(`buttons.typeText.${type.placement}.${type.starts}`)}
            </Text>
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}

function ButtonRow({
  button,
  index,
  count,
  onMove,
  onDelete,
}: {
  button: ChatButton;
  index: number;
  count: number;
  onMove: (from: number, to: number) => void;
  onDelete: (button: ChatButton) => void;
}) {
  const t = useT();
  const ids = rowIds(button.id);
  const toggle = useSetChatButtonEnabled(button.campaignId);
  const enabled = toggle.isPending ? toggle.variables.enabled : button.enabled;
  const name = button.name;
  const where =
    button.pages === 'all'
      ? t('buttons.pages.all')
      : `${t('buttons.pages.certain')}: ${button.urls.map((u) => u.url).join(', ')}`;
  const details =
    button.placement === 'footer'
      ? `${t(`buttons.side.${button.side}`)} · ${where}`
      : `${t('buttons.customPlaced')} · ${where}`;
  return (
    <Paper withBorder p="md" component="li">
      <Group justify="space-between" gap="md">
        <div style={{ flex: '1 1 220px', minWidth: 0 }}>
          <Group gap="xs">
            <Anchor component={Link} to={button.id} id={ids.link} fw={500}>
              {name}
            </Anchor>
            <Badge variant="light" color={button.placement === 'footer' ? 'blue' : 'grape'} size="sm">
              {t(`buttons.placement.${button.placement}`)}
            </Badge>
            <Badge variant="outline" color="gray" size="sm">
              {t(`buttons.starts.${button.starts}`)}
            </Badge>
          </Group>
          <Text size="sm" c="dimmed" lineClamp={1}>
            {details}
          </Text>
        </div>
        <Group gap={4} wrap="nowrap">
          <Tooltip label={t('invites.up')}>
            <ActionIcon
              id={ids.up}
              variant="subtle"
              color="gray"
              aria-label={t('buttons.moveUp', { name })}
              disabled={index === 0}
              onClick={() => onMove(index, index - 1)}
            >
              <IconArrowUp size={18} aria-hidden />
            </ActionIcon>
          </Tooltip>
          <Tooltip label={t('invites.down')}>
            <ActionIcon
              id={ids.down}
              variant="subtle"
              color="gray"
              aria-label={t('buttons.moveDown', { name })}
              disabled={index === count - 1}
              onClick={() => onMove(index, index + 1)}
            >
              <IconArrowDown size={18} aria-hidden />
            </ActionIcon>
          </Tooltip>
          <Switch
            mx="xs"
            aria-label={t('buttons.enabledFor', { name })}
            checked={enabled}
            onChange={(e) => {
              const on = e.currentTarget.checked;
              toggle.mutate(
                { id: button.id, enabled: on },
                {
                  onSuccess: () =>
                    notifySuccess(t(on ? 'buttons.isEnabled' : 'buttons.isDisabled', { name })),
                  onError: (err) => notifyError(t('buttons.couldNotChange'), err),
                },
              );
            }}
          />
          <Tooltip label={t('common.delete')}>
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={t('buttons.delete', { name })}
              onClick={() => onDelete(button)}
            >
              <IconTrash size={18} aria-hidden />
            </ActionIcon>
          </Tooltip>
        </Group>
      </Group>
    </Paper>
  );
}

/** The campaign's buttons (INV-7…INV-9): enable toggles, edit by clicking, order, delete with a confirmation. */
export function ButtonList({ campaignId }: { campaignId: string }) {
  const t = useT();
  const buttons = useChatButtons(campaignId);
  const reorder = useReorderChatButtons(campaignId);
  const remove = useDeleteChatButton(campaignId);
  const [deleting, setDeleting] = useState<ChatButton | null>(null);
  const items = buttons.data?.items;
  const pendingFocus = useRef<string[] | null>(null);
  useEffect(() => {
    if (!pendingFocus.current) return;
    focusFirstOf(pendingFocus.current);
    pendingFocus.current = null;
  }, [items]);

  if (buttons.isError) return <ErrorBlock error={buttons.error} onRetry={() => void buttons.refetch()} />;
  if (!items) return <LoadingBlock />;

  const move = (from: number, to: number) => {
    const ids = items.map((b) => b.id);
    const [moved] = ids.splice(from, 1);
    ids.splice(to, 0, moved!);
    const button = items[from]!;
    const r = rowIds(button.id);
    pendingFocus.current = to < from ? [r.up, r.down] : [r.down, r.up];
    reorder.mutate(ids, {
      onSuccess: () => notifySuccess(t('buttons.moved', { name: button.name, n: to + 1 })),
      onError: (err) => notifyError(t('buttons.couldNotMove'), err),
    });
  };

  const confirmDelete = () => {
    const button = deleting!;
    const index = items.findIndex((b) => b.id === button.id);
    const next = items[index + 1] ?? items[index - 1];
    remove.mutate(button.id, {
      onSuccess: () => {
        setDeleting(null);
        notifySuccess(t('buttons.deleted', { name: button.name }));
        pendingFocus.current = [next ? rowIds(next.id).link : ADD_ID];
      },
      onError: (err) => notifyError(t('buttons.couldNotDelete'), err),
    });
  };

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <div style={{ flex: '1 1 320px' }}>
          <Title order={2} size="h4" id="buttons-heading">
            {t('buttons.list')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('buttons.listText')}
          </Text>
        </div>
        {items.length > 0 && <AddMenu id={ADD_ID} />}
      </Group>
      {items.length === 0 ? (
        <Paper withBorder p="lg">
          <EmptyState
            py="md"
            icon={<IconClick aria-hidden />}
            title={t('buttons.none')}
            description={t('buttons.noneText')}
          >
            <EmptyState.Actions>
              <AddMenu id={ADD_ID} />
            </EmptyState.Actions>
          </EmptyState>
        </Paper>
      ) : (
        <Stack
          component="ol"
          gap="sm"
          aria-labelledby="buttons-heading"
          style={{ listStyle: 'none', padding: 0, margin: 0 }}
        >
          {items.map((button, index) => (
            <ButtonRow
              key={button.id}
              button={button}
              index={index}
              count={items.length}
              onMove={move}
              onDelete={setDeleting}
            />
          ))}
        </Stack>
      )}
      <ConfirmModal
        opened={deleting !== null}
        onClose={() => setDeleting(null)}
        title={t('buttons.deleteQuestion')}
        confirmLabel={t('buttons.deleteConfirm')}
        loading={remove.isPending}
        onConfirm={confirmDelete}
      >
        {t('buttons.deleteText', { name: deleting?.name ?? '' })}
      </ConfirmModal>
    </Stack>
  );
}
