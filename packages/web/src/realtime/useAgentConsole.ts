import { useSyncExternalStore } from 'react';
import { notifications } from '@mantine/notifications';
import { chatKeys, fetchChatSummary } from '../api/chats';
import { queryClient } from '../api/queryClient';
import { t } from '../i18n';
import { AgentConsole } from './agent-console';
import { notifyNewChat, playNewChatSound } from './alerts';
import type { ConsoleState } from './state';

let current: { userId: string; console: AgentConsole } | null = null;

function socketUrl(): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss' : 'ws'}://${host}/ws/agent`;
}

/**
 * The console of the signed-in user, one per page: its chats stay in memory while the agent visits other
 * pages (the socket is closed meanwhile, and resumes from what it has).
 */
export function agentConsoleFor(userId: string): AgentConsole {
  if (current?.userId === userId) return current.console;
  current?.console.stop();
  const console: AgentConsole = new AgentConsole({
    url: socketUrl,
    storage: typeof localStorage === 'undefined' ? null : localStorage,
    storageKey: `parley.console.read.${userId}`,
    hooks: {
      onNewChat(chat) {
        playNewChatSound();
        notifyNewChat(chat, () => console.select(chat.id));
      },
      onDetailsChanged(chatId) {
        void queryClient.invalidateQueries({ queryKey: chatKeys.detail(chatId) });
      },
      onRemoved(chat) {
        notifications.show({
          color: 'gray',
          message: t('console.noLongerYours', { name: chat.visitor.name }),
          autoClose: 6000,
        });
        queryClient.removeQueries({ queryKey: chatKeys.detail(chat.id) });
      },
      verify: (chatId) => fetchChatSummary(chatId),
    },
  });
  current = { userId, console };
  return console;
}

export function useConsoleState(console: AgentConsole): ConsoleState {
  return useSyncExternalStore(console.subscribe, console.getState);
}
