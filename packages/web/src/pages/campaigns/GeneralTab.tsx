import { useRef, useState } from 'react';
import { Button, Group, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useRemoveCampaignLogo, useUpdateCampaign, useUploadCampaignLogo } from '../../api/campaigns';
import { showSubmitError } from '../../lib/forms';
import { notifyError, notifySuccess } from '../../lib/notify';
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
  const update = useUpdateCampaign(campaign.id);
  const upload = useUploadCampaignLogo(campaign.id);
  const removeLogo = useRemoveCampaignLogo(campaign.id);
  const [logoError, setLogoError] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const form = useForm<CampaignFormValues>({
    initialValues: toFormValues(campaign),
    validate: validateCampaign,
  });

  const submit = form.onSubmit(
    async (values) => {
      const patch = changedSettings(settingsOf(campaign), toSettings(values));
      if (Object.keys(patch).length === 0) {
        notifySuccess('Nothing changed');
        return;
      }
      try {
        const saved = await update.mutateAsync(patch);
        form.setInitialValues(toFormValues(saved));
        form.setValues(toFormValues(saved));
        notifySuccess('General settings saved');
      } catch (err) {
        showSubmitError(
          { setErrors: (e) => form.setErrors(toFieldErrors(e)) },
          err,
          'Could not save the campaign',
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
      onSuccess: () => notifySuccess('Logo uploaded'),
      onError: (err) => {
        setLogoError(err instanceof Error ? err.message : 'Upload failed');
        notifyError('Could not upload the logo', err);
      },
    });
  };

  return (
    <form ref={formRef} onSubmit={submit} noValidate>
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
                  notifySuccess('Logo removed');
                },
                onError: (err) => notifyError('Could not remove the logo', err),
              }),
            busy: upload.isPending || removeLogo.isPending,
            error: logoError,
          }}
        />
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
