import { useEffect, useRef, useState } from 'react';
import { Anchor, Breadcrumbs, Button, Group, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { Link, useNavigate } from 'react-router';
import { campaignDefaults, campaignTextsFor } from '@parley/protocol';
import { useAuth } from '../../auth/AuthContext';
import { useCreateCampaign } from '../../api/campaigns';
import { PageHeader } from '../../components/PageHeader';
import { SubmitButton } from '../../components/SubmitButton';
import { useT } from '../../i18n';
import { showSubmitError } from '../../lib/forms';
import { notifyError, notifySuccess } from '../../lib/notify';
import { useUnsavedChanges } from '../../lib/unsaved';
import { CampaignFields } from './CampaignFields';
import {
  revealFirstError,
  toFieldErrors,
  toFormValues,
  toSettings,
  validateCampaign,
  type CampaignFormValues,
} from './campaignForm';
import { logoProblem } from './LogoField';

/** A local preview of the chosen logo; it is uploaded once the campaign exists. */
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

/** "Add Campaign" (CMP-1…CMP-8): the initial settings; saving creates the campaign and opens it. */
export function NewCampaignPage() {
  const navigate = useNavigate();
  const t = useT();
  const me = useAuth();
  const create = useCreateCampaign();
  const [logo, setLogo] = useState<File | null>(null);
  const [logoError, setLogoError] = useState<string | null>(null);
  const preview = usePreview(logo);
  const formRef = useRef<HTMLFormElement>(null);
  const form = useForm<CampaignFormValues>({
    // The chat window starts in the manager's own language, with that language's texts.
    initialValues: toFormValues({
      ...campaignDefaults,
      ...campaignTextsFor(me.user.language),
      language: me.user.language,
      title: '',
    }),
    validate: validateCampaign,
  });
  const { guard, release } = useUnsavedChanges(form.isDirty() || logo !== null);

  const pickLogo = (file: File) => {
    const problem = logoProblem(file);
    setLogoError(problem);
    setLogo(problem ? null : file);
  };

  const submit = form.onSubmit(
    async (values) => {
      let created;
      try {
        created = await create.mutateAsync({ body: toSettings(values), logo });
      } catch (err) {
        showSubmitError(
          { setErrors: (e) => form.setErrors(toFieldErrors(e)) },
          err,
          t('campaigns.couldNotAdd'),
        );
        revealFirstError(formRef.current);
        return;
      }
      const { campaign, logoError } = created;
      if (logoError) notifyError(t('campaigns.addedNoLogo', { title: campaign.title }), logoError);
      else notifySuccess(t('campaigns.added', { title: campaign.title }));
      release();
      await navigate(`/campaigns/${campaign.id}/general`, { replace: true });
    },
    () => revealFirstError(formRef.current),
  );

  return (
    <>
      <Breadcrumbs mb="xs" component="nav" aria-label={t('common.breadcrumbs')}>
        <Anchor component={Link} to="/campaigns" size="sm">
          {t('nav.campaigns')}
        </Anchor>
        <span>{t('campaigns.add')}</span>
      </Breadcrumbs>
      <PageHeader title={t('campaigns.add')} description={t('campaigns.addText')} />
      <form ref={formRef} onSubmit={submit} noValidate>
        {guard}
        <Stack gap="lg" maw={960}>
          <CampaignFields
            form={form}
            mode="new"
            logo={{
              url: preview,
              onPick: pickLogo,
              onRemove: () => setLogo(null),
              error: logoError,
              note: logo ? t('logo.uploadedOnSave') : undefined,
            }}
          />
          <Group justify="flex-end">
            <Button variant="default" component={Link} to="/campaigns">
              {t('common.cancel')}
            </Button>
            <SubmitButton busy={form.submitting}>{t('forms.save')}</SubmitButton>
          </Group>
        </Stack>
      </form>
    </>
  );
}
