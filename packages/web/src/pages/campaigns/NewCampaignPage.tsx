import { useEffect, useRef, useState } from 'react';
import { Anchor, Breadcrumbs, Button, Group, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { Link, useNavigate } from 'react-router';
import { campaignDefaults } from '@livechat/protocol';
import { useCreateCampaign } from '../../api/campaigns';
import { PageHeader } from '../../components/PageHeader';
import { showSubmitError } from '../../lib/forms';
import { notifyError, notifySuccess } from '../../lib/notify';
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
  const create = useCreateCampaign();
  const [logo, setLogo] = useState<File | null>(null);
  const [logoError, setLogoError] = useState<string | null>(null);
  const preview = usePreview(logo);
  const formRef = useRef<HTMLFormElement>(null);
  const form = useForm<CampaignFormValues>({
    initialValues: toFormValues({ ...campaignDefaults, title: '' }),
    validate: validateCampaign,
  });

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
          'Could not add the campaign',
        );
        revealFirstError(formRef.current);
        return;
      }
      const { campaign, logoError } = created;
      if (logoError) notifyError(`${campaign.title} was added, but the logo was not uploaded`, logoError);
      else notifySuccess(`${campaign.title} was added`);
      await navigate(`/campaigns/${campaign.id}/general`, { replace: true });
    },
    () => revealFirstError(formRef.current),
  );

  return (
    <>
      <Breadcrumbs mb="xs">
        <Anchor component={Link} to="/campaigns" size="sm">
          Campaigns
        </Anchor>
        <span>Add Campaign</span>
      </Breadcrumbs>
      <PageHeader title="Add Campaign" description="The initial settings; you can change them later." />
      <form ref={formRef} onSubmit={submit} noValidate>
        <Stack gap="lg" maw={960}>
          <CampaignFields
            form={form}
            mode="new"
            logo={{
              url: preview,
              onPick: pickLogo,
              onRemove: () => setLogo(null),
              error: logoError,
              note: logo ? 'Uploaded when you save the campaign.' : undefined,
            }}
          />
          <Group justify="flex-end">
            <Button variant="default" component={Link} to="/campaigns">
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
