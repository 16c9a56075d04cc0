import { Button, Group, Paper, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus } from '@tabler/icons-react';
import { CreateWebsite, type Website } from '@livechat/protocol';
import { useCreateWebsite } from '../../api/websites';
import { toHostName } from '../../lib/format';
import { schemaErrors, showSubmitError } from '../../lib/forms';
import { notifySuccess } from '../../lib/notify';

export function AddWebsiteForm({ onAdded }: { onAdded: (website: Website) => void }) {
  const create = useCreateWebsite();
  const form = useForm({
    initialValues: { host: '' },
    // What people paste is often a full address; only its host name is wanted.
    transformValues: (values) => ({ host: toHostName(values.host) }),
    validate: (values) => schemaErrors(CreateWebsite, { host: toHostName(values.host) }) ?? {},
  });

  const submit = form.onSubmit(async (values) => {
    try {
      const website = await create.mutateAsync(values);
      form.reset();
      notifySuccess(`${website.host} was added`);
      onAdded(website);
    } catch (err) {
      showSubmitError(form, err, 'Could not add the website');
    }
  });

  return (
    <Paper withBorder p="lg">
      <Title order={2} size="h4" mb="md">
        Add website
      </Title>
      <form onSubmit={submit} noValidate>
        <Group align="flex-start" gap="sm">
          <TextInput
            label="Host name"
            description="For example www.example.com: without http:// or a path"
            placeholder="www.example.com"
            w={360}
            {...form.getInputProps('host')}
          />
          <Button
            type="submit"
            mt={46}
            loading={form.submitting}
            leftSection={<IconPlus size={16} aria-hidden />}
          >
            Add website
          </Button>
        </Group>
      </form>
    </Paper>
  );
}
