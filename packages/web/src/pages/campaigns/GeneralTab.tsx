import { useRef, useState } from 'react';
import { Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useRemoveCampaignLogo, useUpdateCampaign, useUploadCampaignLogo } from '../../api/campaigns';
import { FormActions } from '../../components/SubmitButton';
import { useT } from '../../i18n';
import { showSubmitError } from '../../lib/forms';
import { notifyError, notifySuccess } from '../../lib/notify';
import { useUnsavedChanges } from '../../lib/unsaved';
import { CampaignFields } from './CampaignFields';
import { useCampaignOfPage } from './campaignContext';
import {
  changedSettings,
  revealFirstError,
  settingsOf,
  toFieldErrors,
  toFormValues,
  toSettings,
  validateCampaign,
  type CampaignFormValues,
} from './campaignForm';
import { logoProblem } from './LogoField';

/** The General tab: the initial settings, editable, plus "Add Website" (handbook, CMP-1…CMP-8). */
export function GeneralTab() {
  const campaign = useCampaignOfPage();
  const t = useT();
  const update = useUpdateCampaign(campaign.id);
  const upload = useUploadCampaignLogo(campaign.id);
  const removeLogo = useRemoveCampaignLogo(campaign.id);
  const [logoError, setLogoError] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const form = useForm<CampaignFormValues>({
    initialValues: toFormValues(campaign),
    validate: validateCampaign,
  });
  const { guard } = useUnsavedChanges(form.isDirty());

  const submit = form.onSubmit(
    async (values) => {
      const patch = changedSettings(settingsOf(campaign), toSettings(values));
      if (Object.keys(patch).length === 0) {
        notifySuccess(t('forms.nothingChanged'));
        return;
      }
      try {
        const saved = await update.mutateAsync(patch);
        form.setInitialValues(toFormValues(saved));
        form.setValues(toFormValues(saved));
        notifySuccess(t('campaign.generalSaved'));
      } catch (err) {
        showSubmitError(
          { setErrors: (e) => form.setErrors(toFieldErrors(e)) },
          err,
          t('campaign.couldNotSave'),
        );
        revealFirstError(formRef.current);
      }
    },
    () => revealFirstError(formRef.current),
  );

  const pickLogo = (file: File) => {
    const problem = logoProblem(file);
    setLogoError(problem);
    if (problem) return;
    upload.mutate(file, {
      onSuccess: () => notifySuccess(t('logo.uploaded')),
      onError: (err) => {
        setLogoError(err instanceof Error ? err.message : t('logo.uploadFailed'));
        notifyError(t('logo.couldNotUpload'), err);
      },
    });
  };

  return (
    <form ref={formRef} onSubmit={submit} noValidate>
      {guard}
      <Stack gap="lg" maw={960}>
        <CampaignFields
          form={form}
          mode="edit"
          logo={{
            url: campaign.logoUrl,
            onPick: pickLogo,
            onRemove: () =>
              removeLogo.mutate(undefined, {
                onSuccess: () => {
                  setLogoError(null);
                  notifySuccess(t('logo.removed'));
                },
                onError: (err) => notifyError(t('logo.couldNotRemove'), err),
              }),
            busy: upload.isPending || removeLogo.isPending,
            error: logoError,
          }}
        />
        <FormActions changed={form.isDirty()} busy={form.submitting} onDiscard={form.reset} />
      </Stack>
    </form>
  );
}
