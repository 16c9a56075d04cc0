import { useEffect, useState } from 'react';
import {
  Checkbox,
  Group,
  Paper,
  Radio,
  Stack,
  Switch,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import {
  languageNames,
  SURVEY_LABEL_MAX,
  SURVEY_QUESTION_MAX,
  SURVEY_THANKS_MAX,
  SurveyScale,
  SurveySettings,
  type Language,
} from '@parley/protocol';
import { useSaveSurveySettings } from '../../../api/goals';
import { FormActions } from '../../../components/SubmitButton';
import { useT } from '../../../i18n';
import { submitSettings } from '../../../lib/forms';

const same = (a: SurveySettings, b: SurveySettings) => JSON.stringify(a) === JSON.stringify(b);

/**
 * GOL-2 on the Goals tab: the customer survey the chat window shows after a chat ended — smileys or thumbs, an
 * optional question, an optional comment box with its own text, an optional thank-you message. The texts are in
 * the campaign's widget language.
 */
export function SurveySection({
  campaignId,
  language,
  settings,
  onDirty,
}: {
  campaignId: string;
  language: Language;
  settings: SurveySettings;
  onDirty: (dirty: boolean) => void;
}) {
  const t = useT();
  const save = useSaveSurveySettings(campaignId);
  const [saved, setSaved] = useState(settings);
  const [v, setV] = useState(settings);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const changed = !same(v, saved);
  useEffect(() => onDirty(changed), [changed, onDirty]);
  const set = <K extends keyof SurveySettings>(key: K, value: SurveySettings[K]) =>
    setV((x) => ({ ...x, [key]: value }));

  const submit = submitSettings({
    schema: SurveySettings,
    input: () => v,
    save: save.mutateAsync,
    saved: (result) => {
      setSaved(result);
      setV(result);
    },
    setErrors,
    savedText: t('goals.surveySaved'),
    failedTitle: t('goals.couldNotSave'),
  });

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="goals-survey-title">
      <form noValidate onSubmit={(e) => void submit(e)}>
        <Title order={2} size="h4" id="goals-survey-title">
          {t('goals.survey')}
        </Title>
        <Text size="sm" c="dimmed" mt={2} mb="md">
          {t('goals.surveyText', { language: languageNames[language] })}
        </Text>
        <Stack gap="md">
          <Switch
            label={t('goals.surveyEnabled')}
            checked={v.enabled}
            onChange={(e) => set('enabled', e.currentTarget.checked)}
          />
          <Radio.Group
            label={t('goals.scale')}
            value={v.scale}
            error={errors.scale}
            onChange={(value) => set('scale', value as SurveyScale)}
          >
            <Group gap="lg" mt={6}>
              <Radio value={SurveyScale.smileys} label={t('goals.smileys')} />
              <Radio value={SurveyScale.thumbs} label={t('goals.thumbs')} />
            </Group>
          </Radio.Group>
          <TextInput
            label={t('goals.question')}
            description={t('goals.questionText')}
            value={v.question}
            maxLength={SURVEY_QUESTION_MAX * 2}
            error={errors.question}
            onChange={(e) => set('question', e.currentTarget.value)}
          />
          <div>
            <Checkbox
              label={t('goals.comment')}
              checked={v.comment}
              onChange={(e) => set('comment', e.currentTarget.checked)}
            />
            <TextInput
              mt="xs"
              ml={32}
              label={t('goals.commentText')}
              value={v.commentText}
              maxLength={SURVEY_LABEL_MAX * 2}
              disabled={!v.comment}
              error={errors.commentText}
              onChange={(e) => set('commentText', e.currentTarget.value)}
            />
          </div>
          <div>
            <Checkbox
              label={t('goals.thanks')}
              checked={v.thanks}
              onChange={(e) => set('thanks', e.currentTarget.checked)}
            />
            <Textarea
              mt="xs"
              ml={32}
              label={t('goals.thanksText')}
              autosize
              minRows={2}
              value={v.thanksText}
              maxLength={SURVEY_THANKS_MAX * 2}
              disabled={!v.thanks}
              error={errors.thanksText}
              onChange={(e) => set('thanksText', e.currentTarget.value)}
            />
          </div>
          <Text size="sm" c="dimmed">
            {t('goals.surveyWhen')}
          </Text>
        </Stack>
        <FormActions
          mt="md"
          changed={changed}
          busy={save.isPending}
          onDiscard={() => {
            setV(saved);
            setErrors({});
          }}
        />
      </form>
    </Paper>
  );
}
