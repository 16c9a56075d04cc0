import { useRef, useState } from 'react';
import {
  Anchor,
  Button,
  Group,
  Paper,
  Radio,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconArrowLeft, IconTrash } from '@tabler/icons-react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { InviteInput, InviteKind, type Invite } from '@parley/protocol';
import { useDeleteInvite, useInvites, useSaveInvite } from '../../../api/invites';
import { ConfirmModal } from '../../../components/ConfirmModal';
import { ErrorBlock, LoadingBlock } from '../../../components/QueryState';
import { SubmitButton } from '../../../components/SubmitButton';
import { useT } from '../../../i18n';
import { focusFirstError, schemaErrors, showSubmitError } from '../../../lib/forms';
import { notifyError, notifySuccess } from '../../../lib/notify';
import { useUnsavedChanges } from '../../../lib/unsaved';
import { useCampaignOfPage } from '../campaignContext';
import { MomentsField } from './MomentsField';
import { isChanged, toFormValues, toInput, type InviteFormValues } from './inviteForm';

function BackLink() {
  const t = useT();
  return (
    <Anchor component={Link} to=".." relative="path" size="sm">
      <Group gap={4} component="span">
        <IconArrowLeft size={14} aria-hidden />
        {t('invites.back')}
      </Group>
    </Anchor>
  );
}

function InviteForm({
  campaignId,
  invite,
  kind,
}: {
  campaignId: string;
  invite: Invite | null;
  kind: InviteKind;
}) {
  const t = useT();
  const navigate = useNavigate();
  const formRef = useRef<HTMLFormElement>(null);
  const save = useSaveInvite(campaignId);
  const remove = useDeleteInvite(campaignId);
  const [deleting, setDeleting] = useState(false);
  const [initial] = useState(() => toFormValues(invite, kind));
  const form = useForm<InviteFormValues>({
    initialValues: initial,
    validate: (v) => schemaErrors(InviteInput, toInput(v)) ?? {},
  });
  const values = form.getValues();
  const { guard, release } = useUnsavedChanges(isChanged(values, initial));
  const backToList = () => void navigate('..', { relative: 'path' });

  const submit = form.onSubmit(
    async (v) => {
      try {
        const saved = await save.mutateAsync({ id: invite?.id ?? null, body: toInput(v) });
        notifySuccess(t('invites.saved', { title: saved.title }));
        release();
        backToList();
      } catch (err) {
        showSubmitError(form, err, t('invites.couldNotSave'));
        focusFirstError(formRef.current);
      }
    },
    () => focusFirstError(formRef.current),
  );

  return (
    <form ref={formRef} onSubmit={submit} noValidate>
      {guard}
      <Stack gap="lg" maw={960}>
        <div>
          <BackLink />
          <Title order={2} size="h4" mt="xs">
            {invite ? t('invites.editTitle', { title: invite.title }) : t(`invites.new.${kind}`)}
          </Title>
        </div>
        <Paper withBorder p="lg">
          <Stack gap="md">
            <Radio.Group label={t('invites.type')} {...form.getInputProps('kind')}>
              <Stack gap="xs" mt="xs">
                {Object.values(InviteKind).map((k) => (
                  <Radio
                    key={k}
                    value={k}
                    label={t(`invites.kind.${k}`)}
                    description={t(`invites.kindText.${k}`)}
                  />
                ))}
              </Stack>
            </Radio.Group>
            <TextInput
              label={t('invites.title')}
              withAsterisk
              maxLength={100}
              {...form.getInputProps('title')}
            />
            <Textarea
              label={t('invites.text')}
              withAsterisk
              autosize
              minRows={2}
              maxLength={2000}
              {...form.getInputProps('text')}
            />
            {values.kind === 'yes_no' && (
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput
                  label={t('invites.acceptText')}
                  withAsterisk
                  maxLength={60}
                  {...form.getInputProps('acceptText')}
                />
                <TextInput
                  label={t('invites.declineText')}
                  withAsterisk
                  maxLength={60}
                  {...form.getInputProps('declineText')}
                />
              </SimpleGrid>
            )}
            <Switch label={t('invites.enabled')} {...form.getInputProps('enabled', { type: 'checkbox' })} />
          </Stack>
        </Paper>
        <MomentsField form={form} />
        <Group justify="space-between">
          <div>
            {invite && (
              <Button
                variant="outline"
                color="red"
                leftSection={<IconTrash size={16} aria-hidden />}
                onClick={() => setDeleting(true)}
              >
                {t('invites.deleteConfirm')}
              </Button>
            )}
          </div>
          <Group>
            <Button variant="default" onClick={backToList}>
              {t('common.cancel')}
            </Button>
            <SubmitButton busy={save.isPending}>{t('forms.save')}</SubmitButton>
          </Group>
        </Group>
      </Stack>
      {invite && (
        <ConfirmModal
          opened={deleting}
          onClose={() => setDeleting(false)}
          title={t('invites.deleteQuestion')}
          confirmLabel={t('invites.deleteConfirm')}
          loading={remove.isPending}
          onConfirm={() =>
            remove.mutate(invite.id, {
              onSuccess: () => {
                setDeleting(false);
                notifySuccess(t('invites.deleted', { title: invite.title }));
                release();
                backToList();
              },
              onError: (err) => notifyError(t('invites.couldNotDelete'), err),
            })
          }
        >
          {t('invites.deleteText', { title: invite.title })}
        </ConfirmModal>
      )}
    </form>
  );
}

/** A greeting's page (INV-3…INV-5): `automatic-invites/new?kind=…` or `automatic-invites/:inviteId`. */
export function InviteEditor() {
  const t = useT();
  const campaign = useCampaignOfPage();
  const { inviteId } = useParams();
  const [search] = useSearchParams();
  const invites = useInvites(campaign.id);
  if (invites.isError) return <ErrorBlock error={invites.error} onRetry={() => void invites.refetch()} />;
  if (!invites.data) return <LoadingBlock />;
  if (!inviteId) {
    const kind = search.get('kind') === 'chat_window' ? 'chat_window' : 'yes_no';
    return <InviteForm key={`new-${kind}`} campaignId={campaign.id} invite={null} kind={kind} />;
  }
  const invite = invites.data.items.find((i) => i.id === inviteId);
  if (!invite) {
    return (
      <Stack gap="sm">
        <BackLink />
        <Text>{t('invites.notFound')}</Text>
      </Stack>
    );
  }
  return <InviteForm key={invite.id} campaignId={campaign.id} invite={invite} kind={invite.kind} />;
}
