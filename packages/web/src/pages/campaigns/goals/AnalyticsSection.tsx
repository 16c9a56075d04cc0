import { useState } from 'react';
import { Checkbox, Code, Paper, Text, Title } from '@mantine/core';
import type { GoalSalesSettings } from '@parley/protocol';
import { useSaveGoalSalesSettings } from '../../../api/goals';
import { useT } from '../../../i18n';
import { showSubmitError } from '../../../lib/forms';
import { notifySuccess } from '../../../lib/notify';
import { listWith } from './goalForm';

const LISTENER = `window.addEventListener('parley:chat.started', (e) => console.log(e.detail));
parley('on', 'goal.reached', (detail) => console.log(detail.goal, detail.value));`;

/** GOL-5 on the Goals tab: the campaign's events for the page's analytics; the GA4 toggle is saved at once. */
export function AnalyticsSection({
  campaignId,
  settings,
}: {
  campaignId: string;
  settings: GoalSalesSettings;
}) {
  const t = useT();
  const save = useSaveGoalSalesSettings(campaignId);
  // Shown at once; back to what is saved when the save fails.
  const [checked, setChecked] = useState(settings.ga4);
  const toggle = async (ga4: boolean) => {
    setChecked(ga4);
    try {
      await save.mutateAsync(listWith(settings, null, null, ga4));
      notifySuccess(t('goals.analyticsSaved'));
    } catch (err) {
      setChecked(!ga4);
      showSubmitError({ setErrors: () => {} }, err, t('goals.couldNotSave'));
    }
  };
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="goals-analytics-title">
      <Title order={2} size="h4" id="goals-analytics-title">
        {t('goals.analytics')}
      </Title>
      <Text size="sm" mt={2} mb="xs">
        {t('goals.analyticsText')}
      </Text>
      <Code block mb="md">
        {LISTENER}
      </Code>
      <Checkbox
        label={t('goals.ga4')}
        description={t('goals.ga4Text')}
        checked={checked}
        disabled={save.isPending}
        onChange={(e) => void toggle(e.currentTarget.checked)}
      />
    </Paper>
  );
}
