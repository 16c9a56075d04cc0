import { Divider, Stack, Text, Title } from '@mantine/core';
import type { AgentChatSummary } from '@parley/protocol';
import { useChatTools } from '../../api/tools';
import { useT } from '../../i18n';
import { QuickResponse } from './tools/QuickResponse';
import { ScreenShare } from './tools/ScreenShare';
import { WebTabs } from './tools/WebTabs';
import { VisitorPanel } from './VisitorPanel';

interface Props {
  chat: AgentChatSummary;
  /** Inside the phone's drawer, which has its own title. */
  heading?: boolean;
  /** Puts a text into the chat's message field (a canned response, TLS-2). */
  onInsert: (text: string) => void;
}

/**
 * The console's Details panel: Visitor Info (TLS-6), Quick Response (canned responses, TLS-2), WebTabs (TLS-1)
 * and Screen share (cobrowsing, TLS-5), in the handbook's order, each only when the chat's campaign has the tool
 * (TLS-7). Until the tools are known only Visitor Info's place is held; the server refuses a tool that is off.
 */
export function DetailsPanel({ chat, heading = true, onInsert }: Props) {
  const t = useT();
  const tools = useChatTools(chat.id).data?.tools;
  const sections = [
    tools?.visitorInfo && <VisitorPanel key="visitor" chat={chat} heading={heading} />,
    tools?.cannedResponses && <QuickResponse key="canned" chat={chat} onInsert={onInsert} />,
    tools?.webTabs && <WebTabs key="tabs" chat={chat} />,
    tools?.cobrowsing && <ScreenShare key="screen" chat={chat} />,
  ].filter(Boolean);
  if (tools && sections.length === 0)
    return (
      <Stack gap="xs">
        {heading && (
          <Title order={2} size="h5">
            {t('console.visitorDetails')}
          </Title>
        )}
        <Text size="sm" c="dimmed">
          {t('tools.noneInChat')}
        </Text>
      </Stack>
    );
  return (
    <Stack gap="md">{sections.flatMap((s, i) => (i === 0 ? [s] : [<Divider key={`d${i}`} />, s]))}</Stack>
  );
}
