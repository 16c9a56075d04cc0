import { useEffect, useState } from 'react';
import { Anchor, Breadcrumbs, Button, Group, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { Link, useNavigate } from 'react-router';
import { CreateUser, type Language, type UserRights } from '@livechat/protocol';
import { useCreateUser } from '../../api/users';
import { FormSection } from '../../components/FormSection';
import { PageHeader } from '../../components/PageHeader';
import { PasswordField } from '../../components/PasswordField';
import { PhotoField } from '../../components/PhotoField';
import { RightsField } from '../../components/RightsField';
import { languageOptions } from '../../components/options';
import { schemaErrors, showSubmitError } from '../../lib/forms';
import { fullName } from '../../lib/format';
import { notifyError, notifySuccess } from '../../lib/notify';
import { photoProblem } from '../../lib/photo';

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
      language: 'en',
      rights: 'agent',
    },
    validate: (values) => schemaErrors(CreateUser, values) ?? {},
  });

  const pickPhoto = (file: File) => {
    const problem = photoProblem(file);
    setPhotoError(problem);
    setPhoto(problem ? null : file);
  };

  const submit = form.onSubmit(async (values) => {
    let created;
    try {
      created = await create.mutateAsync({ body: values, photo });
    } catch (err) {
      showSubmitError(form, err, 'Could not create the user');
      return;
    }
    const { user, photoError } = created;
    if (photoError) notifyError(`${fullName(user)} was added, but the photo was not uploaded`, photoError);
    else notifySuccess(`${fullName(user)} was added`);
    await navigate(`/users/${user.id}`, { replace: true });
  });

  const values = form.getValues();

  return (
    <>
      <Breadcrumbs mb="xs">
        <Anchor component={Link} to="/users" size="sm">
          Users & Groups
        </Anchor>
        <span>Add user</span>
      </Breadcrumbs>
      <PageHeader title="Add user" />
      <form onSubmit={submit} noValidate>
        <Stack gap="lg" maw={760}>
          <FormSection title="Email and password">
            <TextInput
              label="Email"
              type="email"
              autoComplete="off"
              withAsterisk
              {...form.getInputProps('email')}
            />
            <PasswordField
              label="Password"
              value={values.password}
              onChange={(v) => form.setFieldValue('password', v)}
              error={form.errors.password}
              description="At least 10 characters. The user can change it after signing in."
            />
          </FormSection>
          <FormSection title="Profile">
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label="First name" withAsterisk {...form.getInputProps('firstName')} />
              <TextInput label="Last name" withAsterisk {...form.getInputProps('lastName')} />
              <TextInput
                label="Nickname"
                description="Shown to visitors in the chat window"
                {...form.getInputProps('nickname')}
              />
              <Select
                label="Language"
                description="Language of the user's interface"
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
          <FormSection title="Rights">
            <RightsField
              value={values.rights}
              onChange={(v) => form.setFieldValue('rights', v)}
              error={form.errors.rights}
            />
          </FormSection>
          <Group justify="flex-end">
            <Button variant="default" component={Link} to="/users">
              Cancel
            </Button>
            <Button type="submit" loading={form.submitting}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}
