import { useState } from 'react';
import { Anchor, Breadcrumbs, Button } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { Link, useNavigate, useParams } from 'react-router';
import { useCreateGroup, useDeleteGroup, useGroup, useUpdateGroup } from '../../api/groups';
import { ConfirmModal } from '../../components/ConfirmModal';
import { PageHeader } from '../../components/PageHeader';
import { ErrorBlock, LoadingBlock } from '../../components/QueryState';
import { notifyError, notifySuccess } from '../../lib/notify';
import { GroupForm } from './GroupForm';

function Crumbs({ current }: { current: string }) {
  return (
    <Breadcrumbs mb="xs">
      <Anchor component={Link} to="/users/groups" size="sm">
        Groups
      </Anchor>
      <span>{current}</span>
    </Breadcrumbs>
  );
}

export function NewGroupPage() {
  const navigate = useNavigate();
  const create = useCreateGroup();
  return (
    <>
      <Crumbs current="Add group" />
      <PageHeader title="Add group" />
      <GroupForm
        failureTitle="Could not create the group"
        onSubmit={async (values) => {
          const group = await create.mutateAsync(values);
          notifySuccess(`Group “${group.name}” was added`);
          await navigate('/users/groups', { replace: true });
        }}
      />
    </>
  );
}

export function EditGroupPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
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
        failureTitle="Could not save the group"
        onSubmit={async (values) => {
          await update.mutateAsync(values);
          notifySuccess('Group saved');
        }}
        extraActions={
          <Button
            variant="subtle"
            color="red"
            leftSection={<IconTrash size={16} aria-hidden />}
            onClick={() => setConfirming(true)}
          >
            Delete group
          </Button>
        }
      />
      <ConfirmModal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title="Delete group?"
        confirmLabel="Delete group"
        loading={remove.isPending}
        onConfirm={() =>
          remove.mutate(undefined, {
            onSuccess: async () => {
              notifySuccess(`Group “${name}” was deleted`);
              await navigate('/users/groups', { replace: true });
            },
            onError: (err) => notifyError('Could not delete the group', err),
          })
        }
      >
        The group “{name}” will be removed. Its users are not deleted.
      </ConfirmModal>
    </>
  );
}
