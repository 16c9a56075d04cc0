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
import { widgetThemeLabels, type PrechatMode, type WidgetTheme } from '@livechat/protocol';
import { FormSection } from '../../components/FormSection';
import { languageOptions } from '../../components/options';
import type { CampaignFormValues } from './campaignForm';
import { ChatWindowPreview } from './ChatWindowPreview';
import { LogoField } from './LogoField';
import { WebsitesField } from './WebsitesField';

const themeOptions = (Object.entries(widgetThemeLabels) as [WidgetTheme, string][]).map(([value, label]) => ({
  value,
  label,
}));

const colourSwatches = ['#1c7ed6', '#0ca678', '#f76707', '#e03131', '#7048e8', '#212529'];

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
  const v = form.getValues();

  return (
    <>
      <FormSection title="Name">
        <TextInput
          label="Title"
          description="Shown to you and your agents, not to visitors"
          withAsterisk
          maw={480}
          {...form.getInputProps('title')}
        />
        {mode === 'new' && (
          <HintedSwitch
            label="Enabled"
            hint="Only enabled campaigns serve chats on your websites"
            {...form.getInputProps('enabled', { type: 'checkbox' })}
          />
        )}
      </FormSection>

      <FormSection title="Language & Theme">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label="Language"
            description="Language of the chat window's own texts"
            data={languageOptions}
            allowDeselect={false}
            {...form.getInputProps('language')}
          />
          <Select
            label="Theme"
            description="Look of the chat window"
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

      <FormSection
        title="Campaign Configuration"
        description="The websites where this campaign shows the chat. A campaign for specific websites wins over one for all websites."
      >
        <WebsitesField
          allWebsites={v.allWebsites}
          onAllWebsitesChange={(all) => form.setFieldValue('allWebsites', all)}
          websiteIds={v.websiteIds}
          onWebsiteIdsChange={(ids) => form.setFieldValue('websiteIds', ids)}
          error={form.errors.websiteIds ?? form.errors.allWebsites}
          canAddWebsite={mode === 'edit'}
        />
      </FormSection>

      <FormSection title="Chat Window">
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl">
          <Stack gap="md">
            <ColorInput
              label="Window colour"
              description="Header, buttons and the visitor's messages"
              format="hex"
              swatches={colourSwatches}
              swatchesPerRow={6}
              maw={240}
              {...form.getInputProps('windowColor')}
            />
            <TextInput
              label="Window title"
              description="In the header of the chat window"
              {...form.getInputProps('windowTitle')}
            />
            <HintedSwitch
              label="Use my own CSS"
              hint="Style the chat window yourself; the CSS applies inside the chat window only"
              {...form.getInputProps('ownCss', { type: 'checkbox' })}
            />
            {v.ownCss && (
              <Textarea
                label="CSS code"
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

      <FormSection title="Interaction settings">
        <Stack gap="sm">
          <HintedSwitch
            label="Show pre-chat information"
            hint="After their first message, the visitor confirms with a button before the chat starts"
            {...form.getInputProps('prechatEnabled', { type: 'checkbox' })}
          />
          <Textarea
            label="Pre-chat text"
            autosize
            minRows={2}
            disabled={!v.prechatEnabled}
            {...form.getInputProps('prechatText')}
          />
          <TextInput
            label="“Start chat” button text"
            maw={320}
            disabled={!v.prechatEnabled}
            {...form.getInputProps('prechatButtonText')}
          />
          <Radio.Group
            label="Show the pre-chat information"
            value={v.prechatMode}
            onChange={(mode) => form.setFieldValue('prechatMode', mode as PrechatMode)}
            error={form.errors.prechatMode}
          >
            <Group mt="xs" gap="xl">
              <Radio value="every_time" label="Every time" disabled={!v.prechatEnabled} />
              <Radio value="first_time" label="Only the first time" disabled={!v.prechatEnabled} />
            </Group>
          </Radio.Group>
        </Stack>
        <Divider />
        <Stack gap="sm">
          <Textarea
            label="Opening text"
            description="The first message visitors see when they open the chat window"
            autosize
            minRows={2}
            {...form.getInputProps('openingText')}
          />
          <Checkbox
            label="Visual reminder (the text moves slightly)"
            {...form.getInputProps('openingReminder', { type: 'checkbox' })}
          />
        </Stack>
        <Divider />
        <Stack gap="sm">
          <Textarea
            label="Closing text"
            description="Sent to the visitor when the agent or the visitor closes the chat"
            autosize
            minRows={2}
            {...form.getInputProps('closingText')}
          />
        </Stack>
        <Divider />
        <Stack gap="sm">
          <HintedSwitch
            label="Auto-forward"
            hint="Forward the chat to another agent when the first one does not reply in time"
            {...form.getInputProps('autoForwardEnabled', { type: 'checkbox' })}
          />
          <NumberInput
            label="Forward after (seconds)"
            description="Between 10 and 60 seconds without a reply"
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
            label="Avoid forwarding within the same routing level"
            disabled={!v.autoForwardEnabled}
            {...form.getInputProps('autoForwardAvoidSameLevel', { type: 'checkbox' })}
          />
        </Stack>
      </FormSection>

      <FormSection title="Inactivity" description="What happens when the visitor goes away during a chat.">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NumberInput
            label="Mark the visitor as left after (seconds)"
            description="After they close the page or lose the connection; 10 to 3,600"
            min={10}
            max={3600}
            clampBehavior="none"
            allowDecimal={false}
            allowNegative={false}
            {...form.getInputProps('visitorLeftAfterSeconds')}
          />
          <NumberInput
            label="Close the chat after (minutes) without the visitor"
            description="Counted from when the visitor is marked as left"
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
