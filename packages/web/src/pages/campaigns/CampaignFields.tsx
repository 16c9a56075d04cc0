import { useId } from 'react';
import {
  Checkbox,
  ColorInput,
  Divider,
  Group,
  NumberInput,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  type SwitchProps,
  TextInput,
  Textarea,
} from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { campaignTextsFor, WidgetTheme, type Language, type PrechatMode } from '@parley/protocol';
import { FormSection } from '../../components/FormSection';
import { languageOptions } from '../../components/options';
import { useT } from '../../i18n';
import type { CampaignFormValues } from './campaignForm';
import { ChatWindowPreview } from './ChatWindowPreview';
import { ColourContrast } from './ColourContrast';
import { LogoField } from './LogoField';
import { WebsitesField } from './WebsitesField';

// Each keeps white text at 4.5:1 or more (the widget picks black text on lighter ones by itself).
const colourSwatches = ['#1971c2', '#087f5b', '#c2410c', '#c92a2a', '#6741d9', '#212529'];

export interface LogoProps {
  url: string | null;
  onPick: (file: File) => void;
  onRemove: () => void;
  busy?: boolean;
  error?: string | null;
  note?: string;
}

interface Props {
  form: UseFormReturnType<CampaignFormValues>;
  /** "Add Campaign" (new) or the General tab (edit): only the latter has "Add Website". */
  mode: 'new' | 'edit';
  logo: LogoProps;
}

/**
 * A switch with its hint under it. Mantine puts a switch's description inside its label, which makes the hint part
 * of the switch's accessible name; here the name is the label alone and the hint describes it.
 */
function HintedSwitch({ hint, ...props }: SwitchProps & { hint: string }) {
  const hintId = useId();
  return (
    <Stack gap={2}>
      <Switch {...props} aria-describedby={hintId} />
      <Text id={hintId} size="xs" c="dimmed" pl={50}>
        {hint}
      </Text>
    </Stack>
  );
}

/** The campaign's initial settings (handbook: Name, Language & Theme, …, Interaction settings). */
export function CampaignFields({ form, mode, logo }: Props) {
  const t = useT();
  const v = form.getValues();
  const themeOptions = Object.values(WidgetTheme).map((value) => ({ value, label: t(`theme.${value}`) }));

  /**
   * Another language: the window's texts that are still a language's default follow it, so a Dutch campaign
   * does not greet in English; texts the manager wrote stay.
   */
  const changeLanguage = (next: Language) => {
    const before = campaignTextsFor(v.language);
    const after = campaignTextsFor(next);
    form.setFieldValue('language', next);
    for (const key of Object.keys(after) as (keyof typeof after)[]) {
      if (v[key].trim() === before[key]) form.setFieldValue(key, after[key]);
    }
  };

  return (
    <>
      <FormSection title={t('campaign.name')}>
        <TextInput
          label={t('campaign.title')}
          description={t('campaign.titleHint')}
          withAsterisk
          maw={480}
          {...form.getInputProps('title')}
        />
        {mode === 'new' && (
          <HintedSwitch
            label={t('campaign.enabled')}
            hint={t('campaign.enabledHint')}
            {...form.getInputProps('enabled', { type: 'checkbox' })}
          />
        )}
      </FormSection>

      <FormSection title={t('campaign.languageTheme')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('campaign.language')}
            description={t('campaign.languageHint')}
            data={languageOptions}
            allowDeselect={false}
            {...form.getInputProps('language')}
            onChange={(value) => value && changeLanguage(value as Language)}
          />
          <Select
            label={t('campaign.theme')}
            description={t('campaign.themeHint')}
            data={themeOptions}
            allowDeselect={false}
            {...form.getInputProps('theme')}
          />
        </SimpleGrid>
        <LogoField
          logoUrl={logo.url}
          onPick={logo.onPick}
          onRemove={logo.onRemove}
          busy={logo.busy}
          error={logo.error}
          note={logo.note}
        />
      </FormSection>

      <FormSection title={t('campaign.configuration')} description={t('campaign.configurationHint')}>
        <WebsitesField
          allWebsites={v.allWebsites}
          onAllWebsitesChange={(all) => form.setFieldValue('allWebsites', all)}
          websiteIds={v.websiteIds}
          onWebsiteIdsChange={(ids) => form.setFieldValue('websiteIds', ids)}
          error={form.errors.websiteIds ?? form.errors.allWebsites}
          canAddWebsite={mode === 'edit'}
        />
      </FormSection>

      <FormSection title={t('campaign.chatWindow')}>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl">
          <Stack gap="md">
            <div>
              <ColorInput
                label={t('campaign.windowColour')}
                description={t('campaign.windowColourHint')}
                format="hex"
                swatches={colourSwatches}
                swatchesPerRow={6}
                maw={240}
                {...form.getInputProps('windowColor')}
              />
              <ColourContrast colour={v.windowColor} />
            </div>
            <TextInput
              label={t('campaign.windowTitle')}
              description={t('campaign.windowTitleHint')}
              {...form.getInputProps('windowTitle')}
            />
            <HintedSwitch
              label={t('campaign.ownCss')}
              hint={t('campaign.ownCssHint')}
              {...form.getInputProps('ownCss', { type: 'checkbox' })}
            />
            {v.ownCss && (
              <Textarea
                label={t('campaign.cssCode')}
                placeholder={'.pw-header {\n  background: #1c7ed6;\n}'}
                autosize
                minRows={6}
                maxRows={20}
                spellCheck={false}
                styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } }}
                {...form.getInputProps('customCss')}
              />
            )}
          </Stack>
          <ChatWindowPreview
            theme={v.theme}
            color={v.windowColor}
            title={v.windowTitle}
            logoUrl={logo.url}
            openingText={v.openingText}
            openingReminder={v.openingReminder}
            prechatEnabled={v.prechatEnabled}
            prechatText={v.prechatText}
            prechatButtonText={v.prechatButtonText}
            ownCss={v.ownCss}
          />
        </SimpleGrid>
      </FormSection>

      <FormSection title={t('campaign.interaction')}>
        <Stack gap="sm">
          <HintedSwitch
            label={t('campaign.prechat')}
            hint={t('campaign.prechatHint')}
            {...form.getInputProps('prechatEnabled', { type: 'checkbox' })}
          />
          <Textarea
            label={t('campaign.prechatText')}
            autosize
            minRows={2}
            disabled={!v.prechatEnabled}
            {...form.getInputProps('prechatText')}
          />
          <TextInput
            label={t('campaign.prechatButton')}
            maw={320}
            disabled={!v.prechatEnabled}
            {...form.getInputProps('prechatButtonText')}
          />
          <Radio.Group
            label={t('campaign.prechatWhen')}
            value={v.prechatMode}
            onChange={(mode) => form.setFieldValue('prechatMode', mode as PrechatMode)}
            error={form.errors.prechatMode}
          >
            <Group mt="xs" gap="xl">
              <Radio value="every_time" label={t('campaign.everyTime')} disabled={!v.prechatEnabled} />
              <Radio value="first_time" label={t('campaign.firstTime')} disabled={!v.prechatEnabled} />
            </Group>
          </Radio.Group>
        </Stack>
        <Divider />
        <Stack gap="sm">
          <Textarea
            label={t('campaign.openingText')}
            description={t('campaign.openingTextHint')}
            autosize
            minRows={2}
            {...form.getInputProps('openingText')}
          />
          <Checkbox
            label={t('campaign.reminder')}
            {...form.getInputProps('openingReminder', { type: 'checkbox' })}
          />
        </Stack>
        <Divider />
        <Stack gap="sm">
          <Textarea
            label={t('campaign.closingText')}
            description={t('campaign.closingTextHint')}
            autosize
            minRows={2}
            {...form.getInputProps('closingText')}
          />
        </Stack>
        <Divider />
        <Stack gap="sm">
          <HintedSwitch
            label={t('campaign.autoForward')}
            hint={t('campaign.autoForwardHint')}
            {...form.getInputProps('autoForwardEnabled', { type: 'checkbox' })}
          />
          <NumberInput
            label={t('campaign.forwardAfter')}
            description={t('campaign.forwardAfterHint')}
            min={10}
            max={60}
            clampBehavior="none"
            allowDecimal={false}
            allowNegative={false}
            maw={240}
            disabled={!v.autoForwardEnabled}
            {...form.getInputProps('autoForwardSeconds')}
          />
          <Checkbox
            label={t('campaign.avoidSameLevel')}
            disabled={!v.autoForwardEnabled}
            {...form.getInputProps('autoForwardAvoidSameLevel', { type: 'checkbox' })}
          />
        </Stack>
      </FormSection>

      <FormSection title={t('campaign.inactivity')} description={t('campaign.inactivityHint')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NumberInput
            label={t('campaign.leftAfter')}
            description={t('campaign.leftAfterHint')}
            min={10}
            max={3600}
            clampBehavior="none"
            allowDecimal={false}
            allowNegative={false}
            {...form.getInputProps('visitorLeftAfterSeconds')}
          />
          <NumberInput
            label={t('campaign.closeAfter')}
            description={t('campaign.closeAfterHint')}
            min={1}
            max={60 * 24 * 30}
            clampBehavior="none"
            allowDecimal={false}
            allowNegative={false}
            {...form.getInputProps('closeAfterMinutes')}
          />
        </SimpleGrid>
      </FormSection>
    </>
  );
}
