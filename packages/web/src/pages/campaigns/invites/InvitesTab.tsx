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
  Radio,
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
  IconMessageCircleBolt,
  IconPlus,
  IconTrash,
} from '@tabler/icons-react';
import { Link, useNavigate } from 'react-router';
import { GreetingAvailability, InviteKind, type Invite, type InviteList } from '@parley/protocol';
import {
  useDeleteInvite,
  useInvites,
  useReorderInvites,
  useSetGreetingAvailability,
  useSetInviteEnabled,
} from '../../../api/invites';
import { ConfirmModal } from '../../../components/ConfirmModal';
import { ErrorBlock, LoadingBlock } from '../../../components/QueryState';
import { useT } from '../../../i18n';
import { notifyError, notifySuccess } from '../../../lib/notify';
import { useCampaignOfPage } from '../campaignContext';

/** Element ids of a row's controls, for keeping the focus where it was after a move or a delete. */
export const rowIds = (id: string) => ({
  link: `invite-${id}-link`,
  up: `invite-${id}-up`,
  down: `invite-${id}-down`,
});
const ADD_ID = 'invites-add';

/** Focuses the first of these elements that is there and not disabled. */
function focusFirstOf(ids: string[]): void {
  for (const id of ids) {
    const el = document.getElementById(id);
    if (el && !el.hasAttribute('disabled') && !el.hasAttribute('data-disabled')) {
      el.focus();
      return;
    }
  }
}

function AvailabilityCard({ campaignId, value }: { campaignId: string; value: GreetingAvailability }) {
  const t = useT();
  const save = useSetGreetingAvailability(campaignId);
  const shown = save.isPending ? save.variables : value;
  return (
    <Paper withBorder p="lg">
      <Radio.Group
        label={
          <Title order={2} size="h5" component="span">
            {t('invites.availability')}
          </Title>
        }
        description={t('invites.availabilityText')}
        value={shown}
        onChange={(v) =>
          save.mutate(v as GreetingAvailability, {
            onSuccess: () => notifySuccess(t('invites.availabilitySaved')),
            onError: (err) => notifyError(t('invites.couldNotSaveAvailability'), err),
          })
        }
      >
        <Stack gap="xs" mt="sm">
          {Object.values(GreetingAvailability).map((a) => (
            <Radio key={a} value={a} label={t(`invites.availability.${a}`)} />
          ))}
        </Stack>
      </Radio.Group>
    </Paper>
  );
}

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
          {t('invites.add')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {Object.values(InviteKind).map((kind) => (
          <Menu.Item key={kind} onClick={() => void navigate(`new?kind=${kind}`)}>
            <Text size="sm" fw={500}>
              {t(`invites.kind.${kind}`)}
            </Text>
            <Text size="xs" c="dimmed" maw={280}>
              {t(`invites.kindText.${kind}`)}
            </Text>
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}

function InviteRow({
  invite,
  index,
  count,
  onMove,
  onDelete,
}: {
  invite: Invite;
  index: number;
  count: number;
  onMove: (from: number, to: number) => void;
  onDelete: (invite: Invite) => void;
}) {
  const t = useT();
  const ids = rowIds(invite.id);
  const toggle = useSetInviteEnabled(invite.campaignId);
  const enabled = toggle.isPending ? toggle.variables.enabled : invite.enabled;
  const title = invite.title;
  return (
    <Paper withBorder p="md" component="li">
      <Group justify="space-between" gap="md">
        {/* On a phone the controls go under the title rather than squeezing it. */}
        <div style={{ flex: '1 1 220px', minWidth: 0 }}>
          <Group gap="xs">
            <Anchor component={Link} to={invite.id} id={ids.link} fw={500}>
              {title}
            </Anchor>
            <Badge variant="light" color={invite.kind === 'yes_no' ? 'blue' : 'grape'} size="sm">
              {t(`invites.kind.${invite.kind}`)}
            </Badge>
          </Group>
          <Text size="sm" c="dimmed" lineClamp={1}>
            {invite.moments.length > 0
              ? `${t('invites.momentCount', { count: invite.moments.length })}: ${invite.moments.map((m) => m.name).join(', ')}`
              : t('invites.momentCount', { count: 0 })}
          </Text>
        </div>
        <Group gap={4} wrap="nowrap">
          <Tooltip label={t('invites.up')}>
            <ActionIcon
              id={ids.up}
              variant="subtle"
              color="gray"
              aria-label={t('invites.moveUp', { title })}
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
              aria-label={t('invites.moveDown', { title })}
              disabled={index === count - 1}
              onClick={() => onMove(index, index + 1)}
            >
              <IconArrowDown size={18} aria-hidden />
            </ActionIcon>
          </Tooltip>
          <Switch
            mx="xs"
            aria-label={t('invites.enabledFor', { title })}
            checked={enabled}
            onChange={(e) => {
              const on = e.currentTarget.checked;
              toggle.mutate(
                { id: invite.id, enabled: on },
                {
                  onSuccess: () =>
                    notifySuccess(t(on ? 'invites.isEnabled' : 'invites.isDisabled', { title })),
                  onError: (err) => notifyError(t('invites.couldNotChange'), err),
                },
              );
            }}
          />
          <Tooltip label={t('common.delete')}>
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={t('invites.delete', { title })}
              onClick={() => onDelete(invite)}
            >
              <IconTrash size={18} aria-hidden />
            </ActionIcon>
          </Tooltip>
        </Group>
      </Group>
    </Paper>
  );
}

function InviteListView({ campaignId, list }: { campaignId: string; list: InviteList }) {
  const t = useT();
  const reorder = useReorderInvites(campaignId);
  const remove = useDeleteInvite(campaignId);
  const [deleting, setDeleting] = useState<Invite | null>(null);
  const items = list.items;
  // Where the focus goes once the list has rendered its new order (or without the deleted greeting).
  const pendingFocus = useRef<string[] | null>(null);
  const focusAfterRender = (...ids: string[]) => {
    pendingFocus.current = ids;
  };
  useEffect(() => {
    if (!pendingFocus.current) return;
    focusFirstOf(pendingFocus.current);
    pendingFocus.current = null;
  }, [items]);

  const move = (from: number, to: number) => {
    const ids = items.map((i) => i.id);
    const [moved] = ids.splice(from, 1);
    ids.splice(to, 0, moved!);
    const invite = items[from]!;
    const r = rowIds(invite.id);
    focusAfterRender(...(to < from ? [r.up, r.down] : [r.down, r.up]));
    reorder.mutate(ids, {
      onSuccess: () => notifySuccess(t('invites.moved', { title: invite.title, n: to + 1 })),
      onError: (err) => notifyError(t('invites.couldNotMove'), err),
    });
  };

  const confirmDelete = () => {
    const invite = deleting!;
    const index = items.findIndex((i) => i.id === invite.id);
    const next = items[index + 1] ?? items[index - 1];
    remove.mutate(invite.id, {
      onSuccess: () => {
        setDeleting(null);
        notifySuccess(t('invites.deleted', { title: invite.title }));
        focusAfterRender(next ? rowIds(next.id).link : ADD_ID);
      },
      onError: (err) => notifyError(t('invites.couldNotDelete'), err),
    });
  };

  return (
    <Stack gap="lg" maw={960}>
      <AvailabilityCard campaignId={campaignId} value={list.availability} />
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2} size="h4" id="invites-heading">
            {t('invites.greetings')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('invites.greetingsText')}
          </Text>
        </div>
        {items.length > 0 && <AddMenu id={ADD_ID} />}
      </Group>
      {items.length === 0 ? (
        <Paper withBorder p="lg">
          <EmptyState
            py="md"
            icon={<IconMessageCircleBolt aria-hidden />}
            title={t('invites.none')}
            description={t('invites.noneText')}
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
          aria-labelledby="invites-heading"
          style={{ listStyle: 'none', padding: 0, margin: 0 }}
        >
          {items.map((invite, index) => (
            <InviteRow
              key={invite.id}
              invite={invite}
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
        title={t('invites.deleteQuestion')}
        confirmLabel={t('invites.deleteConfirm')}
        loading={remove.isPending}
        onConfirm={confirmDelete}
      >
        {t('invites.deleteText', { title: deleting?.title ?? '' })}
      </ConfirmModal>
    </Stack>
  );
}

/** The Automatic Invites tab (handbook "Buttons & Greetings", INV-1, INV-6): availability and the greetings. */
export function InvitesTab() {
  const campaign = useCampaignOfPage();
  const invites = useInvites(campaign.id);
  if (invites.isError) return <ErrorBlock error={invites.error} onRetry={() => void invites.refetch()} />;
  if (!invites.data) return <LoadingBlock />;
  return <InviteListView campaignId={campaign.id} list={invites.data} />;
}
