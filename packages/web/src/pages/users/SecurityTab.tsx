import { useRef } from 'react';
import { Checkbox, Group, Stack, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { Password, type User } from '@parley/protocol';
import { useUpdateUser } from '../../api/users';
import { FormSection } from '../../components/FormSection';
import { PasswordField } from '../../components/PasswordField';
import { SubmitButton } from '../../components/SubmitButton';
import { t as translate, useT } from '../../i18n';
import { focusFirstError, schemaErrors, showSubmitError } from '../../lib/forms';
import { notifySuccess } from '../../lib/notify';

function PasswordForm({ user }: { user: User }) {
  const update = useUpdateUser(user.id);
  const t = useT();
  const formRef = useRef<HTMLFormElement>(null);
  const form = useForm({
    initialValues: { password: '' },
    validate: ({ password }) => {
      const problem = schemaErrors(Password, password);
      return problem ? { password: Object.values(problem)[0] } : {};
    },
  });
  const submit = form.onSubmit(
    async ({ password }) => {
      try {
        await update.mutateAsync({ password });
        form.reset();
        notifySuccess(t('users.passwordChanged'));
      } catch (err) {
        showSubmitError(form, err, t('users.couldNotChangePassword'));
        focusFirstError(formRef.current);
      }
    },
    () => focusFirstError(formRef.current),
  );
  return (
    <form ref={formRef} onSubmit={submit} noValidate>
      <FormSection title={t('users.password')}>
        <PasswordField
          label={t('users.newPassword')}
          value={form.getValues().password}
          onChange={(v) => form.setFieldValue('password', v)}
          error={form.errors.password}
          description={t('users.newPasswordHint')}
        />
        <Group justify="flex-end">
          <SubmitButton busy={form.submitting}>{t('users.changePassword')}</SubmitButton>
        </Group>
      </FormSection>
    </form>
  );
}

function IpForm({ user }: { user: User }) {
  const update = useUpdateUser(user.id);
  const t = useT();
  const formRef = useRef<HTMLFormElement>(null);
  const initial = { limited: user.ipAllowlist !== null, ipAllowlist: user.ipAllowlist ?? '' };
  const form = useForm({
    initialValues: initial,
    validate: {
      ipAllowlist: (value, values) =>
        values.limited && value.trim() === '' ? translate('users.ipNeeded') : null,
    },
  });
  const { limited } = form.getValues();
  const submit = form.onSubmit(
    async (v) => {
      try {
        const saved = await update.mutateAsync({ ipAllowlist: v.limited ? v.ipAllowlist : null });
        const next = { limited: saved.ipAllowlist !== null, ipAllowlist: saved.ipAllowlist ?? '' };
        form.setInitialValues(next);
        form.setValues(next);
        notifySuccess(v.limited ? t('users.ipSaved') : t('users.ipRemoved'));
      } catch (err) {
        showSubmitError(form, err, t('users.couldNotSaveIp'));
        focusFirstError(formRef.current);
      }
    },
    () => focusFirstError(formRef.current),
  );
  return (
    <form ref={formRef} onSubmit={submit} noValidate>
      <FormSection title={t('users.ipSettings')} description={t('users.ipSettingsHint')}>
        <Checkbox label={t('users.ipLimit')} {...form.getInputProps('limited', { type: 'checkbox' })} />
        {limited && (
          <Textarea
            label={t('users.ipList')}
            placeholder={'203.0.113.7\n198.51.100.0/24\n2001:db8::/32'}
            autosize
            minRows={4}
            maxRows={14}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            {...form.getInputProps('ipAllowlist')}
          />
        )}
        <Group justify="flex-end">
          <SubmitButton busy={form.submitting}>{t('users.saveIp')}</SubmitButton>
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
