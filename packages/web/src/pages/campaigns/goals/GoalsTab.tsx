import { useCallback, useState } from 'react';
import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useSuccessCodeSettings, useSurveySettings } from '../../../api/goals';
import { ErrorBlock, LoadingBlock } from '../../../components/QueryState';
import { useT, type MessageKey } from '../../../i18n';
import { useUnsavedChanges } from '../../../lib/unsaved';
import { useCampaignOfPage } from '../campaignContext';
import { SuccessCodesSection } from './SuccessCodesSection';
import { SurveySection } from './SurveySection';

/** A part of the tab that is not built yet: said plainly, with what it will hold. */
function Coming({ title, text }: { title: MessageKey; text: MessageKey }) {
  const t = useT();
  return (
    <Paper withBorder p="lg" component="section">
      <Group gap="xs">
        <Title order={2} size="h4">
          {t(title)}
        </Title>
        <Badge variant="light" color="gray">
          {t('coming.badge')}
        </Badge>
      </Group>
      <Text mt={4}>{t(text)}</Text>
    </Paper>
  );
}

/**
 * The campaign's "Goals" tab (handbook "Goals"): success codes (GOL-1) and the customer survey (GOL-2), each saved
 * on its own; goals & sales (GOL-3, GOL-4) and analytics events (GOL-5) are coming.
 */
export function GoalsTab() {
  const campaign = useCampaignOfPage();
  const codes = useSuccessCodeSettings(campaign.id);
  const survey = useSurveySettings(campaign.id);
  const [dirty, setDirty] = useState({ codes: false, survey: false });
  const { guard } = useUnsavedChanges(dirty.codes || dirty.survey);
  const codesDirty = useCallback(
    (d: boolean) => setDirty((x) => (x.codes === d ? x : { ...x, codes: d })),
    [],
  );
  const surveyDirty = useCallback(
    (d: boolean) => setDirty((x) => (x.survey === d ? x : { ...x, survey: d })),
    [],
  );

  for (const q of [codes, survey])
    if (q.isError) return <ErrorBlock error={q.error} onRetry={() => void q.refetch()} />;
  if (!codes.data || !survey.data) return <LoadingBlock />;
  return (
    <Stack gap="lg" maw={760}>
      {guard}
      <SuccessCodesSection campaignId={campaign.id} settings={codes.data} onDirty={codesDirty} />
      <SurveySection
        campaignId={campaign.id}
        language={campaign.language}
        settings={survey.data}
        onDirty={surveyDirty}
      />
      <Coming title="goals.sales" text="goals.salesComing" />
      <Coming title="goals.analytics" text="goals.analyticsComing" />
    </Stack>
  );
}
