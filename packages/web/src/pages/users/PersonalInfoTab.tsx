import { Button, Checkbox, Group, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { UpdateUser, type Language, type User, type UserRights } from '@livechat/protocol';
import { useRemovePhoto, useUpdateUser, useUploadPhoto } from '../../api/users';
import { FormSection } from '../../components/FormSection';
import { LimitField } from '../../components/LimitField';
import { PhotoField } from '../../components/PhotoField';
import { RightsField } from '../../components/RightsField';
import { languageOptions } from '../../components/options';
import { schemaErrors, showSubmitError } from '../../lib/forms';
import { notifyError, notifySuccess } from '../../lib/notify';
import { photoProblem } from '../../lib/photo';
import { useState } from 'react';

interface Values {
  firstName: string;
  lastName: string;
  nickname: string;
  email: string;
  language: Language;
  showPhoto: boolean;
  liveLimited: boolean;
  liveChatLimit: number | string;
  nrtLimited: boolean;
  nrtChatLimit: number | string;
  rights: UserRights;
}

function toValues(user: User): Values {
  return {
    firstName: user.firstName,
    lastName: user.lastName,
    nickname: user.nickname,
    email: user.email,
    language: user.language,
    showPhoto: user.showPhoto,
    liveLimited: user.liveChatLimit !== null,
    liveChatLimit: user.liveChatLimit ?? '',
    nrtLimited: user.nrtChatLimit !== null,
    nrtChatLimit: user.nrtChatLimit ?? '',
    rights: user.rights,
  };
}

/** A ticked limit needs a number; an empty box would otherwise silently mean "unlimited". */
function limit(limited: boolean, value: number | string): number | null | undefined {
  if (!limited) return null;
  return value === '' ? undefined : Number(value);
}

function toPayload(v: Values): UpdateUser {
  return {
    firstName: v.firstName,
    lastName: v.lastName,
    nickname: v.nickname,
    email: v.email,
    language: v.language,
    showPhoto: v.showPhoto,
    liveChatLimit: limit(v.liveLimited, v.liveChatLimit),
    nrtChatLimit: limit(v.nrtLimited, v.nrtChatLimit),
    rights: v.rights,
  };
}

function validate(v: Values): Record<string, string> {
  const errors = schemaErrors(UpdateUser, toPayload(v)) ?? {};
  if (v.liveLimited && v.liveChatLimit === '')
    errors.liveChatLimit = 'Enter a number, or untick the box for unlimited';
  if (v.nrtLimited && v.nrtChatLimit === '')
    errors.nrtChatLimit = 'Enter a number, or untick the box for unlimited';
  return errors;
}

export function PersonalInfoTab({ user }: { user: User }) {
  const update = useUpdateUser(user.id);
  const upload = useUploadPhoto(user.id);
  const removePhoto = useRemovePhoto(user.id);
  const [photoError, setPhotoError] = useState<string | null>(null);
  const form = useForm<Values>({ initialValues: toValues(user), validate });
  const values = form.getValues();

  const submit = form.onSubmit(async (v) => {
    try {
      const saved = await update.mutateAsync(toPayload(v));
      form.setInitialValues(toValues(saved));
      form.setValues(toValues(saved));
      notifySuccess('Personal info saved');
    } catch (err) {
      showSubmitError(form, err, 'Could not save personal info');
    }
  });

  const pickPhoto = (file: File) => {
    const problem = photoProblem(file);
    setPhotoError(problem);
    if (problem) return;
    upload.mutate(file, {
      onSuccess: () => notifySuccess('Photo uploaded'),
      onError: (err) => {
        setPhotoError(err instanceof Error ? err.message : 'Upload failed');
        notifyError('Could not upload the photo', err);
      },
    });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg" maw={760}>
        <FormSection title="Profile">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label="First name" withAsterisk {...form.getInputProps('firstName')} />
            <TextInput label="Last name" withAsterisk {...form.getInputProps('lastName')} />
            <TextInput label="Nickname" {...form.getInputProps('nickname')} />
            <TextInput label="Email" type="email" withAsterisk {...form.getInputProps('email')} />
            <Select
              label="Language"
              data={languageOptions}
              allowDeselect={false}
              {...form.getInputProps('language')}
            />
          </SimpleGrid>
          <PhotoField
            user={user}
            onPick={pickPhoto}
            onRemove={() =>
              removePhoto.mutate(undefined, {
                onSuccess: () => {
                  setPhotoError(null);
                  notifySuccess('Photo removed');
                },
                onError: (err) => notifyError('Could not remove the photo', err),
              })
            }
            busy={upload.isPending || removePhoto.isPending}
            error={photoError}
          />
          <Checkbox
            label="View profile photo"
            description="Untick to hide the photo from visitors in the chat window"
            {...form.getInputProps('showPhoto', { type: 'checkbox' })}
          />
        </FormSection>
        <FormSection
          title="Chat limits"
          description="Unticked means the user can take any number of chats at once."
        >
          <LimitField
            checkboxLabel="Simultaneous chats limit"
            inputLabel="Maximum live chats"
            enabled={values.liveLimited}
            onEnabledChange={(on) => form.setFieldValue('liveLimited', on)}
            value={values.liveChatLimit}
            onValueChange={(v) => form.setFieldValue('liveChatLimit', v)}
            error={form.errors.liveChatLimit}
          />
          <LimitField
            checkboxLabel="Simultaneous NRT chats limit"
            inputLabel="Maximum NRT chats"
            enabled={values.nrtLimited}
            onEnabledChange={(on) => form.setFieldValue('nrtLimited', on)}
            value={values.nrtChatLimit}
            onValueChange={(v) => form.setFieldValue('nrtChatLimit', v)}
            error={form.errors.nrtChatLimit}
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
          <Button variant="default" onClick={form.reset} disabled={!form.isDirty()}>
            Discard changes
          </Button>
          <Button type="submit" loading={form.submitting}>
            Save
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
