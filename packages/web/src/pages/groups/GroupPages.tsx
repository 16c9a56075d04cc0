import { useState } from 'react';
import { Anchor, Breadcrumbs, Button } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { Link, useNavigate, useParams } from 'react-router';
import { useCreateGroup, useDeleteGroup, useGroup, useUpdateGroup } from '../../api/groups';
import { ConfirmModal } from '../../components/ConfirmModal';
import { PageHeader } from '../../components/PageHeader';
import { ErrorBlock, LoadingBlock } from '../../components/QueryState';
import { useT } from '../../i18n';
import { notifyError, notifySuccess } from '../../lib/notify';
import { GroupForm } from './GroupForm';

function Crumbs({ current }: { current: string }) {
  const t = useT();
  return (
    <Breadcrumbs mb="xs" component="nav" aria-label={t('common.breadcrumbs')}>
      <Anchor component={Link} to="/users/groups" size="sm">
        {t('users.groups')}
      </Anchor>
      <span>{current}</span>
    </Breadcrumbs>
  );
}

export function NewGroupPage() {
  const navigate = useNavigate();
  const t = useT();
  const create = useCreateGroup();
  return (
    <>
      <Crumbs current={t('groups.add')} />
      <PageHeader title={t('groups.add')} />
      <GroupForm
        failureTitle={t('groups.couldNotCreate')}
        onSubmit={async (values, release) => {
          const group = await create.mutateAsync(values);
          notifySuccess(t('groups.added', { name: group.name }));
          release();
          await navigate('/users/groups', { replace: true });
        }}
      />
    </>
  );
}

export function EditGroupPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const t = useT();
  const group = useGroup(id);
  const update = useUpdateGroup(id);
  const remove = useDeleteGroup(id);
  const [confirming, setConfirming] = useState(false);

  if (group.isPending) return <LoadingBlock />;
  if (group.isError) return <ErrorBlock error={group.error} onRetry={() => void group.refetch()} />;

  const name = group.data.name;
  return (
    <>
      <Crumbs current={name} />
      <PageHeader title={name} />
      <GroupForm
        key={group.data.id}
        group={group.data}
        failureTitle={t('groups.couldNotSaveGroup')}
        onSubmit={async (values) => {
          await update.mutateAsync(values);
          notifySuccess(t('groups.groupSaved'));
        }}
        extraActions={
          <Button
            variant="subtle"
            color="red"
            leftSection={<IconTrash size={16} aria-hidden />}
            onClick={() => setConfirming(true)}
          >
            {t('groups.delete')}
          </Button>
        }
      />
      <ConfirmModal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={t('groups.deleteQuestion')}
        confirmLabel={t('groups.delete')}
        loading={remove.isPending}
        onConfirm={() =>
          remove.mutate(undefined, {
            onSuccess: async () => {
              notifySuccess(t('groups.deleted', { name }));
              await navigate('/users/groups', { replace: true });
            },
            onError: (err) => notifyError(t('groups.couldNotDelete'), err),
          })
        }
      >
        {t('groups.deleteText', { name })}
      </ConfirmModal>
    </>
  );
}
