import { useCallback, useState } from 'react';
import { Stack } from '@mantine/core';
import { useGoalSalesSettings, useSuccessCodeSettings, useSurveySettings } from '../../../api/goals';
import { ErrorBlock, LoadingBlock } from '../../../components/QueryState';
import { useUnsavedChanges } from '../../../lib/unsaved';
import { useCampaignOfPage } from '../campaignContext';
import { AnalyticsSection } from './AnalyticsSection';
import { GoalSalesSection } from './GoalSalesSection';
import { SuccessCodesSection } from './SuccessCodesSection';
import { SurveySection } from './SurveySection';

/**
 * The campaign's "Goals" tab (handbook "Goals"): success codes (GOL-1) and the customer survey (GOL-2), each saved
 * on its own; goals & sales (GOL-3, GOL-4) and analytics events (GOL-5), saved at each change.
 */
export function GoalsTab() {
  const campaign = useCampaignOfPage();
  const codes = useSuccessCodeSettings(campaign.id);
  const survey = useSurveySettings(campaign.id);
  const sales = useGoalSalesSettings(campaign.id);
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

  for (const q of [codes, survey, sales])
    if (q.isError) return <ErrorBlock error={q.error} onRetry={() => void q.refetch()} />;
  if (!codes.data || !survey.data || !sales.data) return <LoadingBlock />;
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
      <GoalSalesSection campaignId={campaign.id} settings={sales.data} />
      <AnalyticsSection campaignId={campaign.id} settings={sales.data} />
    </Stack>
  );
}
