import { useRef, useState } from 'react';
import { useIntl } from 'react-intl';
import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Code,
  ColorInput,
  CopyButton,
  Group,
  Modal,
  Paper,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { useForm, type UseFormReturnType } from '@mantine/form';
import { IconArrowLeft, IconCheck, IconCode, IconCopy, IconPlus, IconTrash } from '@tabler/icons-react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import {
  BUTTON_ADDRESSES_MAX,
  BUTTON_TEXT_MAX,
  CHAT_BUTTON_TYPES,
  ChatButtonInput,
  CUSTOM_BUTTON_CODE_MAX,
  customButtonCode,
  HexColor,
  RECOMMENDED_BUTTON_TYPE,
  textColorOn,
  UrlMatch,
  widgetTexts,
  type ChatButton,
  type Language,
} from '@parley/protocol';
import { useChatButtons, useDeleteChatButton, useSaveChatButton } from '../../../api/buttons';
import { ConfirmModal } from '../../../components/ConfirmModal';
import { ErrorBlock, LoadingBlock } from '../../../components/QueryState';
import { SubmitButton } from '../../../components/SubmitButton';
import { useT } from '../../../i18n';
import { focusFirstError, schemaErrors, showSubmitError } from '../../../lib/forms';
import { notifyError, notifySuccess } from '../../../lib/notify';
import { useUnsavedChanges } from '../../../lib/unsaved';
import { useCampaignOfPage } from '../campaignContext';
import classes from './Buttons.module.css';
import {
  fromTypeValue,
  isChanged,
  newAddress,
  previewDocument,
  STARTER_CSS,
  STARTER_HTML,
  toFormValues,
  toInput,
  typeValue,
  type ButtonFormValues,
} from './buttonForm';

type Form = UseFormReturnType<ButtonFormValues>;

const ADD_ADDRESS_ID = 'button-add-address';
const focusLater = (id: string) => window.setTimeout(() => document.getElementById(id)?.focus(), 0);

function BackLink() {
  const t = useT();
  return (
    <Anchor component={Link} to=".." relative="path" size="sm">
      <Group gap={4} component="span">
        <IconArrowLeft size={14} aria-hidden />
        {t('buttons.back')}
      </Group>
    </Anchor>
  );
}

/** INV-8: all pages, or only pages whose address matches one of these rules (the greetings' URL matches). */
function PagesField({ form }: { form: Form }) {
  const t = useT();
  const v = form.getValues();
  const listError = form.errors.urls;
  const add = () => {
    const a = newAddress();
    form.insertListItem('urls', a);
    focusLater(`${a.key}-url`);
  };
  return (
    <Stack gap="sm">
      <Radio.Group label={t('buttons.pages')} {...form.getInputProps('pages')}>
        <Group gap="lg" mt="xs">
          <Radio value="all" label={t('buttons.pages.all')} />
          <Radio value="certain" label={t('buttons.pages.certain')} />
        </Group>
      </Radio.Group>
      {v.pages === 'certain' && (
        <Stack gap="sm" component="section" aria-labelledby="button-urls-heading">
          <div>
            <Text size="sm" fw={500} id="button-urls-heading">
              {t('buttons.urls')}
            </Text>
            <Text size="xs" c="dimmed">
              {t('buttons.urlsText')}
            </Text>
          </div>
          {v.urls.map((u, i) => {
            const n = i + 1;
            const remove = () => {
              form.removeListItem('urls', i);
              const next = v.urls[i + 1] ?? v.urls[i - 1];
              focusLater(next ? `${next.key}-url` : ADD_ADDRESS_ID);
            };
            return (
              <Group key={u.key} align="flex-start" gap="sm" wrap="wrap">
                <Select
                  w={170}
                  label={t('invites.match')}
                  aria-label={t('buttons.matchN', { n })}
                  data={Object.values(UrlMatch).map((m) => ({ value: m, label: t(`invites.match.${m}`) }))}
                  allowDeselect={false}
                  {...form.getInputProps(`urls.${i}.match`)}
                />
                <TextInput
                  id={`${u.key}-url`}
                  style={{ flex: 1, minWidth: 220 }}
                  label={t('invites.url')}
                  aria-label={t('buttons.urlN', { n })}
                  description={t(`invites.urlHint.${u.match}`)}
                  inputWrapperOrder={['label', 'input', 'description', 'error']}
                  maxLength={2000}
                  {...form.getInputProps(`urls.${i}.url`)}
                />
                <Tooltip label={t('buttons.removeUrl')}>
                  <ActionIcon
                    mt={28}
                    variant="subtle"
                    color="red"
                    aria-label={t('buttons.removeUrlN', { n })}
                    onClick={remove}
                  >
                    <IconTrash size={18} aria-hidden />
                  </ActionIcon>
                </Tooltip>
              </Group>
            );
          })}
          {listError && (
            <Text size="sm" c="red" role="alert">
              {listError}
            </Text>
          )}
          <Group>
            <Button
              id={ADD_ADDRESS_ID}
              variant="default"
              size="xs"
              leftSection={<IconPlus size={14} aria-hidden />}
              onClick={add}
              disabled={v.urls.length >= BUTTON_ADDRESSES_MAX}
            >
              {t('buttons.addUrl')}
            </Button>
          </Group>
        </Stack>
      )}
    </Stack>
  );
}

/** How the footer button looks, at the bottom of a small page (the widget draws the same). */
function FooterPreview({ v }: { v: ButtonFormValues }) {
  const t = useT();
  const campaign = useCampaignOfPage();
  const texts = widgetTexts[campaign.language as Language] ?? widgetTexts.en;
  const colour = HexColor.safeParse(v.color).success ? v.color.trim() : campaign.windowColor;
  return (
    <div>
      <Text size="sm" fw={500} mb={4}>
        {t('buttons.preview')}
      </Text>
      <div className={classes.page} role="img" aria-label={t('buttons.footerPreview')}>
        <span
          className={classes.footerButton}
          data-side={v.side}
          style={{ background: colour, color: textColorOn(colour) }}
        >
          {v.text.trim() || texts.button}
        </span>
      </div>
    </div>
  );
}

/** The manager's own HTML and CSS, shown in a sandboxed frame (no scripts, no access to this page). */
function CustomPreview({ v }: { v: ButtonFormValues }) {
  const t = useT();
  const { locale } = useIntl();
  return (
    <div>
      <Text size="sm" fw={500} mb={4}>
        {t('buttons.preview')}
      </Text>
      <iframe
        className={classes.preview}
        title={t('buttons.customPreview')}
        sandbox=""
        srcDoc={previewDocument(v.html, v.css, locale, t('buttons.customPreview'))}
      />
    </div>
  );
}

/** INV-9 "Generate code": the snippet for the saved custom button, with a copy button. */
function CodeDialog({ button, onClose }: { button: ChatButton | null; onClose: () => void }) {
  const t = useT();
  const code = button ? customButtonCode(button) : '';
  return (
    <Modal
      opened={button !== null}
      onClose={onClose}
      title={t('buttons.codeTitle', { name: button?.name ?? '' })}
      size="xl"
      centered
    >
      <Stack gap="sm">
        <Text size="sm">{t('buttons.codeText')}</Text>
        <div className={classes.snippet}>
          <Code block aria-label={t('buttons.code')} className={classes.code}>
            {code}
          </Code>
          <CopyButton value={code} timeout={2000}>
            {({ copied, copy }) => (
              <Button
                onClick={copy}
                size="xs"
                variant={copied ? 'filled' : 'default'}
                color={copied ? 'teal' : undefined}
                leftSection={
                  copied ? <IconCheck size={14} aria-hidden /> : <IconCopy size={14} aria-hidden />
                }
                className={classes.copy}
              >
                {copied ? t('common.copied') : t('common.copy')}
              </Button>
            )}
          </CopyButton>
        </div>
      </Stack>
    </Modal>
  );
}

function ButtonForm({
  campaignId,
  button,
  type,
  showCode,
}: {
  campaignId: string;
  button: ChatButton | null;
  type: ReturnType<typeof fromTypeValue>;
  showCode: boolean;
}) {
  const t = useT();
  const navigate = useNavigate();
  const [, setSearch] = useSearchParams();
  const formRef = useRef<HTMLFormElement>(null);
  const save = useSaveChatButton(campaignId);
  const remove = useDeleteChatButton(campaignId);
  const [deleting, setDeleting] = useState(false);
  const [initial, setInitial] = useState(() => toFormValues(button, type));
  const [code, setCode] = useState<ChatButton | null>(showCode && button ? button : null);
  const form = useForm<ButtonFormValues>({
    initialValues: initial,
    validate: (v) => schemaErrors(ChatButtonInput, toInput(v)) ?? {},
  });
  const v = form.getValues();
  const { guard, release } = useUnsavedChanges(isChanged(v, initial));
  const backToList = () => void navigate('..', { relative: 'path' });

  /** Saves; the saved button, or null when the form or the server refused it (the errors are shown). */
  const store = async (values: ButtonFormValues): Promise<ChatButton | null> => {
    try {
      const saved = await save.mutateAsync({ id: button?.id ?? null, body: toInput(values) });
      notifySuccess(t('buttons.saved', { name: saved.name }));
      release();
      return saved;
    } catch (err) {
      showSubmitError(form, err, t('buttons.couldNotSaveButton'));
      focusFirstError(formRef.current);
      return null;
    }
  };

  const submit = form.onSubmit(
    async (values) => {
      if (await store(values)) backToList();
    },
    () => focusFirstError(formRef.current),
  );

  /** "Generate code": saves what is on the form first (the code names the saved button), then shows it. */
  const generate = async () => {
    if (form.validate().hasErrors) {
      focusFirstError(formRef.current);
      return;
    }
    const values = form.getValues();
    const saved = button && !isChanged(values, initial) ? button : await store(values);
    if (!saved) return;
    if (!button) {
      void navigate(`../${saved.id}?code=1`, { relative: 'path', replace: true });
      return;
    }
    setInitial(values);
    form.resetDirty(values);
    setCode(saved);
  };

  const typeRadio = (
    <Radio.Group
      label={t('buttons.type')}
      value={typeValue(v.placement, v.starts)}
      onChange={(value) => {
        const next = fromTypeValue(value);
        form.setFieldValue('placement', next.placement);
        form.setFieldValue('starts', next.starts);
        // A footer button becoming a custom one starts with a real button to change, as a new custom one does.
        if (next.placement === 'custom' && !form.getValues().html.trim()) {
          form.setFieldValue('html', STARTER_HTML);
          if (!form.getValues().css.trim()) form.setFieldValue('css', STARTER_CSS);
        }
      }}
    >
      <Stack gap="xs" mt="xs">
        {CHAT_BUTTON_TYPES.map((ty) => (
          <Radio
            key={typeValue(ty.placement, ty.starts)}
            value={typeValue(ty.placement, ty.starts)}
            label={
              <Group gap="xs" component="span">
                {t(`buttons.type.${ty.placement}.${ty.starts}`)}
                {ty === RECOMMENDED_BUTTON_TYPE && (
                  <Badge size="xs" variant="light" color="teal" component="span">
                    {t('buttons.recommended')}
                  </Badge>
                )}
              </Group>
            }
            description={t(`buttons.typeText.${ty.placement}.${ty.starts}`)}
          />
        ))}
      </Stack>
    </Radio.Group>
  );

  return (
    <form ref={formRef} onSubmit={submit} noValidate>
      {guard}
      <Stack gap="lg" maw={960}>
        <div>
          <BackLink />
          <Title order={2} size="h4" mt="xs">
            {button ? t('buttons.editTitle', { name: button.name }) : t('buttons.new')}
          </Title>
        </div>
        <Paper withBorder p="lg">
          <Stack gap="md">
            {typeRadio}
            <TextInput
              label={t('buttons.name')}
              description={t('buttons.nameText')}
              withAsterisk
              maxLength={100}
              maw={420}
              {...form.getInputProps('name')}
            />
            <Switch label={t('buttons.enabled')} {...form.getInputProps('enabled', { type: 'checkbox' })} />
          </Stack>
        </Paper>
        {v.placement === 'footer' ? (
          <Paper withBorder p="lg">
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
              <Stack gap="md">
                <TextInput
                  label={t('buttons.text')}
                  description={t('buttons.textText')}
                  maxLength={BUTTON_TEXT_MAX}
                  {...form.getInputProps('text')}
                />
                <ColorInput
                  label={t('buttons.color')}
                  description={t('buttons.colorText')}
                  format="hex"
                  maw={240}
                  {...form.getInputProps('color')}
                />
                <Radio.Group label={t('buttons.side')} {...form.getInputProps('side')}>
                  <Group gap="lg" mt="xs">
                    <Radio value="right" label={t('buttons.side.right')} />
                    <Radio value="left" label={t('buttons.side.left')} />
                  </Group>
                </Radio.Group>
              </Stack>
              <FooterPreview v={v} />
            </SimpleGrid>
          </Paper>
        ) : (
          <Paper withBorder p="lg">
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
              <Stack gap="md">
                <Textarea
                  label={t('buttons.html')}
                  description={t('buttons.htmlText')}
                  withAsterisk
                  autosize
                  minRows={3}
                  maxLength={CUSTOM_BUTTON_CODE_MAX}
                  classNames={{ input: classes.mono }}
                  {...form.getInputProps('html')}
                />
                <Textarea
                  label={t('buttons.css')}
                  description={t('buttons.cssText')}
                  autosize
                  minRows={3}
                  maxRows={14}
                  maxLength={CUSTOM_BUTTON_CODE_MAX}
                  classNames={{ input: classes.mono }}
                  {...form.getInputProps('css')}
                />
              </Stack>
              <CustomPreview v={v} />
            </SimpleGrid>
          </Paper>
        )}
        <Paper withBorder p="lg">
          <PagesField form={form} />
        </Paper>
        <Group justify="space-between">
          <div>
            {button && (
              <Button
                variant="outline"
                color="red"
                leftSection={<IconTrash size={16} aria-hidden />}
                onClick={() => setDeleting(true)}
              >
                {t('buttons.deleteConfirm')}
              </Button>
            )}
          </div>
          <Group>
            <Button variant="default" onClick={backToList}>
              {t('common.cancel')}
            </Button>
            {v.placement === 'custom' && (
              <Button
                variant="light"
                leftSection={<IconCode size={16} aria-hidden />}
                loading={save.isPending}
                onClick={() => void generate()}
              >
                {t('buttons.generate')}
              </Button>
            )}
            <SubmitButton busy={save.isPending}>{t('forms.save')}</SubmitButton>
          </Group>
        </Group>
      </Stack>
      <CodeDialog
        button={code}
        onClose={() => {
          setCode(null);
          if (showCode) setSearch({}, { replace: true });
        }}
      />
      {button && (
        <ConfirmModal
          opened={deleting}
          onClose={() => setDeleting(false)}
          title={t('buttons.deleteQuestion')}
          confirmLabel={t('buttons.deleteConfirm')}
          loading={remove.isPending}
          onConfirm={() =>
            remove.mutate(button.id, {
              onSuccess: () => {
                setDeleting(false);
                notifySuccess(t('buttons.deleted', { name: button.name }));
                release();
                backToList();
              },
              onError: (err) => notifyError(t('buttons.couldNotDelete'), err),
            })
          }
        >
          {t('buttons.deleteText', { name: button.name })}
        </ConfirmModal>
      )}
    </form>
  );
}

/** A chat button's page (INV-7…INV-9): `chat-buttons/new?placement=…&starts=…` or `chat-buttons/:buttonId`. */
export function ButtonEditor() {
  const t = useT();
  const campaign = useCampaignOfPage();
  const { buttonId } = useParams();
  const [search] = useSearchParams();
  const buttons = useChatButtons(campaign.id);
  if (buttons.isError) return <ErrorBlock error={buttons.error} onRetry={() => void buttons.refetch()} />;
  if (!buttons.data) return <LoadingBlock />;
  if (!buttonId) {
    const type = fromTypeValue(
      typeValue(
        search.get('placement') === 'custom' ? 'custom' : 'footer',
        search.get('starts') === 'instantly' ? 'instantly' : 'after_first_message',
      ),
    );
    return (
      <ButtonForm
        key={`new-${type.placement}-${type.starts}`}
        campaignId={campaign.id}
        button={null}
        type={type}
        showCode={false}
      />
    );
  }
  const button = buttons.data.items.find((b) => b.id === buttonId);
  if (!button) {
    return (
      <Stack gap="sm">
        <BackLink />
        <Text>{t('buttons.notFound')}</Text>
      </Stack>
    );
  }
  return (
    <ButtonForm
      key={button.id}
      campaignId={campaign.id}
      button={button}
      type={button}
      showCode={search.get('code') === '1'}
    />
  );
}
