import { useEffect, useRef, useState } from 'react';
import { Anchor, Breadcrumbs, Button, Group, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { Link, useNavigate } from 'react-router';
import { useAuth } from '../../auth/AuthContext';
import { CreateUser, type Language, type UserRights } from '@parley/protocol';
import { useCreateUser } from '../../api/users';
import { FormSection } from '../../components/FormSection';
import { PageHeader } from '../../components/PageHeader';
import { PasswordField } from '../../components/PasswordField';
import { PhotoField } from '../../components/PhotoField';
import { RightsField } from '../../components/RightsField';
import { SubmitButton } from '../../components/SubmitButton';
import { useT } from '../../i18n';
import { languageOptions } from '../../components/options';
import { focusFirstError, schemaErrors, showSubmitError } from '../../lib/forms';
import { fullName } from '../../lib/format';
import { notifyError, notifySuccess } from '../../lib/notify';
import { photoProblem } from '../../lib/photo';
import { useUnsavedChanges } from '../../lib/unsaved';

interface Values {
  email: string;
  password: string;
  firstName: string;
  lastName: string;
  nickname: string;
  language: Language;
  rights: UserRights;
}

/** A local preview of the chosen photo; it is uploaded once the user exists. */
function usePreview(file: File | null): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!file) {
      setUrl(null);
      return;
    }
    const objectUrl = URL.createObjectURL(file);
    setUrl(objectUrl);
    return () => URL.revokeObjectURL(objectUrl);
  }, [file]);
  return url;
}

export function NewUserPage() {
  const navigate = useNavigate();
  const t = useT();
  const me = useAuth();
  const formRef = useRef<HTMLFormElement>(null);
  const create = useCreateUser();
  const [photo, setPhoto] = useState<File | null>(null);
  const [photoError, setPhotoError] = useState<string | null>(null);
  const preview = usePreview(photo);
  const form = useForm<Values>({
    initialValues: {
      email: '',
      password: '',
      firstName: '',
      lastName: '',
      nickname: '',
      language: me.user.language,
      rights: 'agent',
    },
    validate: (values) => schemaErrors(CreateUser, values) ?? {},
  });

  const pickPhoto = (file: File) => {
    const problem = photoProblem(file);
    setPhotoError(problem);
    setPhoto(problem ? null : file);
  };

  const { guard, release } = useUnsavedChanges(form.isDirty() || photo !== null);

  const submit = form.onSubmit(
    async (values) => {
      let created;
      try {
        created = await create.mutateAsync({ body: values, photo });
      } catch (err) {
        showSubmitError(form, err, t('users.couldNotCreate'));
        focusFirstError(formRef.current);
        return;
      }
      const { user, photoError } = created;
      if (photoError) notifyError(t('users.addedNoPhoto', { name: fullName(user) }), photoError);
      else notifySuccess(t('users.added', { name: fullName(user) }));
      // The new user's page opens; its heading takes the focus.
      release();
      await navigate(`/users/${user.id}`, { replace: true });
    },
    () => focusFirstError(formRef.current),
  );

  const values = form.getValues();

  return (
    <>
      <Breadcrumbs mb="xs" component="nav" aria-label={t('common.breadcrumbs')}>
        <Anchor component={Link} to="/users" size="sm">
          {t('nav.usersGroups')}
        </Anchor>
        <span>{t('users.add')}</span>
      </Breadcrumbs>
      <PageHeader title={t('users.add')} />
      <form ref={formRef} onSubmit={submit} noValidate>
        {guard}
        <Stack gap="lg" maw={760}>
          <FormSection title={t('users.emailPassword')}>
            <TextInput
              label={t('users.email')}
              type="email"
              autoComplete="off"
              withAsterisk
              {...form.getInputProps('email')}
            />
            <PasswordField
              label={t('users.password')}
              value={values.password}
              onChange={(v) => form.setFieldValue('password', v)}
              error={form.errors.password}
              description={t('users.passwordHint')}
            />
          </FormSection>
          <FormSection title={t('users.profile')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label={t('users.firstName')} withAsterisk {...form.getInputProps('firstName')} />
              <TextInput label={t('users.lastName')} withAsterisk {...form.getInputProps('lastName')} />
              <TextInput
                label={t('users.nickname')}
                description={t('users.nicknameHint')}
                {...form.getInputProps('nickname')}
              />
              <Select
                label={t('users.language')}
                description={t('users.languageHint')}
                data={languageOptions}
                allowDeselect={false}
                {...form.getInputProps('language')}
              />
            </SimpleGrid>
            <PhotoField
              user={{ firstName: values.firstName, lastName: values.lastName, photoUrl: preview }}
              onPick={pickPhoto}
              onRemove={() => setPhoto(null)}
              error={photoError}
            />
          </FormSection>
          <FormSection title={t('users.rights')}>
            <RightsField
              value={values.rights}
              onChange={(v) => form.setFieldValue('rights', v)}
              error={form.errors.rights}
            />
          </FormSection>
          <Group justify="flex-end">
            <Button variant="default" component={Link} to="/users">
              {t('common.cancel')}
            </Button>
            <SubmitButton busy={form.submitting}>{t('forms.save')}</SubmitButton>
          </Group>
        </Stack>
      </form>
    </>
  );
}
