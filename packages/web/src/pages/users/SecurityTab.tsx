import { Button, Checkbox, Group, Stack, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { Password, type User } from '@livechat/protocol';
import { useUpdateUser } from '../../api/users';
import { FormSection } from '../../components/FormSection';
import { PasswordField } from '../../components/PasswordField';
import { schemaErrors, showSubmitError } from '../../lib/forms';
import { notifySuccess } from '../../lib/notify';

function PasswordForm({ user }: { user: User }) {
  const update = useUpdateUser(user.id);
  const form = useForm({
    initialValues: { password: '' },
    validate: ({ password }) => {
      const problem = schemaErrors(Password, password);
      return problem ? { password: Object.values(problem)[0] } : {};
    },
  });
  const submit = form.onSubmit(async ({ password }) => {
    try {
      await update.mutateAsync({ password });
      form.reset();
      notifySuccess('Password changed');
    } catch (err) {
      showSubmitError(form, err, 'Could not change the password');
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <FormSection title="Password">
        <PasswordField
          label="New password"
          value={form.getValues().password}
          onChange={(v) => form.setFieldValue('password', v)}
          error={form.errors.password}
          description="At least 10 characters. Type one or let the generator create it."
        />
        <Group justify="flex-end">
          <Button type="submit" loading={form.submitting}>
            Change password
          </Button>
        </Group>
      </FormSection>
    </form>
  );
}

function IpForm({ user }: { user: User }) {
  const update = useUpdateUser(user.id);
  const initial = { limited: user.ipAllowlist !== null, ipAllowlist: user.ipAllowlist ?? '' };
  const form = useForm({
    initialValues: initial,
    validate: {
      ipAllowlist: (value, values) =>
        values.limited && value.trim() === ''
          ? 'Enter at least one IP address or subnet, or untick the box'
          : null,
    },
  });
  const { limited } = form.getValues();
  const submit = form.onSubmit(async (v) => {
    try {
      const saved = await update.mutateAsync({ ipAllowlist: v.limited ? v.ipAllowlist : null });
      const next = { limited: saved.ipAllowlist !== null, ipAllowlist: saved.ipAllowlist ?? '' };
      form.setInitialValues(next);
      form.setValues(next);
      notifySuccess(v.limited ? 'IP settings saved' : 'Access is no longer limited by IP address');
    } catch (err) {
      showSubmitError(form, err, 'Could not save the IP settings');
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <FormSection
        title="IP settings"
        description="When limited, the user can only sign in and work from the listed addresses (IPv4 or IPv6)."
      >
        <Checkbox
          label="Limit access by IP address"
          {...form.getInputProps('limited', { type: 'checkbox' })}
        />
        {limited && (
          <Textarea
            label="IPs or CIDR subnets, one per line"
            placeholder={'203.0.113.7\n198.51.100.0/24\n2001:db8::/32'}
            autosize
            minRows={4}
            maxRows={14}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            {...form.getInputProps('ipAllowlist')}
          />
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={form.submitting}>
            Save IP settings
          </Button>
        </Group>
      </FormSection>
    </form>
  );
}

export function SecurityTab({ user }: { user: User }) {
  return (
    <Stack gap="lg" maw={760}>
      <PasswordForm user={user} />
      <IpForm user={user} />
    </Stack>
  );
}
