import { Checkbox, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { UpdateUser, type Language, type User, type UserRights } from '@parley/protocol';
import { useRemovePhoto, useUpdateUser, useUploadPhoto } from '../../api/users';
import { FormSection } from '../../components/FormSection';
import { LimitField } from '../../components/LimitField';
import { PhotoField } from '../../components/PhotoField';
import { RightsField } from '../../components/RightsField';
import { languageOptions } from '../../components/options';
import { FormActions } from '../../components/SubmitButton';
import { t as translate, useT } from '../../i18n';
import { focusFirstError, schemaErrors, showSubmitError } from '../../lib/forms';
import { notifyError, notifySuccess } from '../../lib/notify';
import { photoProblem } from '../../lib/photo';
import { useUnsavedChanges } from '../../lib/unsaved';
import { useRef, useState } from 'react';

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
  if (v.liveLimited && v.liveChatLimit === '') errors.liveChatLimit = translate('users.limitNeeded');
  if (v.nrtLimited && v.nrtChatLimit === '') errors.nrtChatLimit = translate('users.limitNeeded');
  return errors;
}

export function PersonalInfoTab({ user }: { user: User }) {
  const t = useT();
  const formRef = useRef<HTMLFormElement>(null);
  const update = useUpdateUser(user.id);
  const upload = useUploadPhoto(user.id);
  const removePhoto = useRemovePhoto(user.id);
  const [photoError, setPhotoError] = useState<string | null>(null);
  const form = useForm<Values>({ initialValues: toValues(user), validate });
  const values = form.getValues();
  const { guard } = useUnsavedChanges(form.isDirty());

  const submit = form.onSubmit(
    async (v) => {
      try {
        const saved = await update.mutateAsync(toPayload(v));
        form.setInitialValues(toValues(saved));
        form.setValues(toValues(saved));
        notifySuccess(t('users.personalSaved'));
      } catch (err) {
        showSubmitError(form, err, t('users.couldNotSavePersonal'));
        focusFirstError(formRef.current);
      }
    },
    () => focusFirstError(formRef.current),
  );

  const pickPhoto = (file: File) => {
    const problem = photoProblem(file);
    setPhotoError(problem);
    if (problem) return;
    upload.mutate(file, {
      onSuccess: () => notifySuccess(t('photo.uploaded')),
      onError: (err) => {
        setPhotoError(err instanceof Error ? err.message : t('logo.uploadFailed'));
        notifyError(t('photo.couldNotUpload'), err);
      },
    });
  };

  return (
    <form ref={formRef} onSubmit={submit} noValidate>
      {guard}
      <Stack gap="lg" maw={760}>
        <FormSection title={t('users.profile')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('users.firstName')} withAsterisk {...form.getInputProps('firstName')} />
            <TextInput label={t('users.lastName')} withAsterisk {...form.getInputProps('lastName')} />
            <TextInput label={t('users.nickname')} {...form.getInputProps('nickname')} />
            <TextInput label={t('users.email')} type="email" withAsterisk {...form.getInputProps('email')} />
            <Select
              label={t('users.language')}
              description={t('users.languageHint')}
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
                  notifySuccess(t('photo.removed'));
                },
                onError: (err) => notifyError(t('photo.couldNotRemove'), err),
              })
            }
            busy={upload.isPending || removePhoto.isPending}
            error={photoError}
          />
          <Checkbox
            label={t('users.showPhoto')}
            description={t('users.showPhotoHint')}
            {...form.getInputProps('showPhoto', { type: 'checkbox' })}
          />
        </FormSection>
        <FormSection title={t('users.chatLimits')} description={t('users.chatLimitsHint')}>
          <LimitField
            checkboxLabel={t('users.liveLimit')}
            inputLabel={t('users.liveMax')}
            enabled={values.liveLimited}
            onEnabledChange={(on) => form.setFieldValue('liveLimited', on)}
            value={values.liveChatLimit}
            onValueChange={(v) => form.setFieldValue('liveChatLimit', v)}
            error={form.errors.liveChatLimit}
          />
          <LimitField
            checkboxLabel={t('users.nrtLimit')}
            inputLabel={t('users.nrtMax')}
            enabled={values.nrtLimited}
            onEnabledChange={(on) => form.setFieldValue('nrtLimited', on)}
            value={values.nrtChatLimit}
            onValueChange={(v) => form.setFieldValue('nrtChatLimit', v)}
            error={form.errors.nrtChatLimit}
          />
        </FormSection>
        <FormSection title={t('users.rights')}>
          <RightsField
            value={values.rights}
            onChange={(v) => form.setFieldValue('rights', v)}
            error={form.errors.rights}
          />
        </FormSection>
        <FormActions changed={form.isDirty()} busy={form.submitting} onDiscard={form.reset} />
      </Stack>
    </form>
  );
}
