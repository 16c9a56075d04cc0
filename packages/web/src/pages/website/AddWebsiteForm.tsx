import { useRef } from 'react';
import { Group, Paper, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus } from '@tabler/icons-react';
import { CreateWebsite, type Website } from '@parley/protocol';
import { useCreateWebsite } from '../../api/websites';
import { SubmitButton } from '../../components/SubmitButton';
import { useT } from '../../i18n';
import { toHostName } from '../../lib/format';
import { focusFirstError, schemaErrors, showSubmitError } from '../../lib/forms';
import { notifySuccess } from '../../lib/notify';

export function AddWebsiteForm({ onAdded }: { onAdded: (website: Website) => void }) {
  const create = useCreateWebsite();
  const t = useT();
  const formRef = useRef<HTMLFormElement>(null);
  const form = useForm({
    initialValues: { host: '' },
    // What people paste is often a full address; only its host name is wanted.
    transformValues: (values) => ({ host: toHostName(values.host) }),
    validate: (values) => schemaErrors(CreateWebsite, { host: toHostName(values.host) }) ?? {},
  });

  const submit = form.onSubmit(
    async (values) => {
      try {
        const website = await create.mutateAsync(values);
        form.reset();
        notifySuccess(t('website.added', { host: website.host }));
        onAdded(website);
      } catch (err) {
        showSubmitError(form, err, t('website.couldNotAdd'));
        focusFirstError(formRef.current);
      }
    },
    () => focusFirstError(formRef.current),
  );

  return (
    <Paper withBorder p="lg">
      <Title order={2} size="h4" mb="md">
        {t('website.add')}
      </Title>
      <form ref={formRef} onSubmit={submit} noValidate>
        <Group align="flex-end" gap="sm">
          <TextInput
            label={t('website.host')}
            description={t('website.hostHint')}
            placeholder="www.example.com"
            w={360}
            maw="100%"
            {...form.getInputProps('host')}
          />
          <SubmitButton busy={form.submitting} leftSection={<IconPlus size={16} aria-hidden />}>
            {t('website.add')}
          </SubmitButton>
        </Group>
      </form>
    </Paper>
  );
}
