import { useState } from 'react';
import { ActionIcon, Badge, Button, Loader, SegmentedControl, Text, Title, Tooltip } from '@mantine/core';
import { IconBell, IconBellOff, IconVolume, IconVolumeOff } from '@tabler/icons-react';
import type { AgentStatus } from '@parley/protocol';
import type { AgentConsole } from '../../realtime/agent-console';
import {
  notificationState,
  requestNotifications,
  setSoundEnabled,
  soundEnabled,
  unlockAudio,
  playNewChatSound,
  type NotificationState,
} from '../../realtime/alerts';
import type { ConnectionState } from '../../realtime/state';
import { useT, type MessageKey } from '../../i18n';
import classes from './Console.module.css';

const statusColor: Record<AgentStatus, string> = {
  available: 'var(--mantine-color-teal-6)',
  away: 'var(--mantine-color-yellow-6)',
  offline: 'var(--mantine-color-gray-5)',
};

function StatusLabel({ status, label }: { status: AgentStatus; label: string }) {
  return (
    <span>
      <span className={classes.dot} style={{ backgroundColor: statusColor[status] }} aria-hidden />
      {label}
    </span>
  );
}

const connectionText: Record<ConnectionState, MessageKey> = {
  connecting: 'console.connection.connecting',
  open: 'console.connection.open',
  reconnecting: 'console.connection.reconnecting',
  'signed-out': 'console.connection.signedOut',
  blocked: 'console.connection.blocked',
  stopped: 'console.connection.stopped',
};

interface Props {
  console: AgentConsole;
  connection: ConnectionState;
  status: AgentStatus;
  /** TLS-6: the agent's chats or the visitors on the websites. */
  view: 'chats' | 'visitors';
  onView: (view: 'chats' | 'visitors') => void;
}

/** Presence (Available / Away; Offline while disconnected), connection state, notifications and sound. */
export function ConsoleBar({ console, connection, status, view, onView }: Props) {
  const t = useT();
  const online = connection === 'open';
  const shown: AgentStatus = online ? status : 'offline';
  return (
    <div className={classes.bar}>
      <Title order={1} size="h4">
        {t('nav.console')}
      </Title>
      <SegmentedControl
        aria-label={t('console.view')}
        size="xs"
        value={view}
        onChange={(value) => onView(value === 'visitors' ? 'visitors' : 'chats')}
        data={[
          { value: 'chats', label: t('console.viewChats') },
          { value: 'visitors', label: t('console.viewVisitors') },
        ]}
      />
      <SegmentedControl
        aria-label={t('console.presence')}
        size="xs"
        value={shown}
        disabled={!online}
        onChange={(value) => {
          if (value === 'available' || value === 'away') console.setPresence(value);
        }}
        data={[
          { value: 'available', label: <StatusLabel status="available" label={t('console.available')} /> },
          { value: 'away', label: <StatusLabel status="away" label={t('console.away')} /> },
          // Offline is what the server says while no console is connected; it is not chosen here.
          {
            value: 'offline',
            label: <StatusLabel status="offline" label={t('console.offlineStatus')} />,
            disabled: true,
          },
        ]}
      />
      <Badge
        role="status"
        aria-label={t('console.connectionLabel', { state: t(connectionText[connection]) })}
        variant="light"
        color={
          online ? 'teal' : connection === 'reconnecting' || connection === 'connecting' ? 'orange' : 'red'
        }
        leftSection={
          connection === 'reconnecting' || connection === 'connecting' ? (
            <Loader size={10} color="orange" aria-hidden />
          ) : undefined
        }
      >
        {t(connectionText[connection])}
      </Badge>
      {online && status === 'away' && (
        <Text size="xs" c="dimmed">
          {t('console.awayShort')}
        </Text>
      )}
      <div className={classes.barEnd}>
        <NotificationsButton />
        <SoundToggle />
      </div>
    </div>
  );
}

function NotificationsButton() {
  const t = useT();
  const [permission, setPermission] = useState<NotificationState>(notificationState);
  if (permission === 'unsupported' || permission === 'granted') return null;
  if (permission === 'denied') {
    return (
      <Tooltip label={t('console.notificationsBlockedHint')}>
        <Badge variant="light" color="gray" leftSection={<IconBellOff size={12} aria-hidden />}>
          {t('console.notificationsBlocked')}
        </Badge>
      </Tooltip>
    );
  }
  return (
    <Button
      size="xs"
      variant="light"
      leftSection={<IconBell size={14} aria-hidden />}
      onClick={() => {
        unlockAudio();
        void requestNotifications().then(setPermission);
      }}
    >
      {t('console.enableNotifications')}
    </Button>
  );
}

function SoundToggle() {
  const t = useT();
  const [on, setOn] = useState(soundEnabled);
  return (
    <Tooltip label={on ? t('console.soundOn') : t('console.soundOff')}>
      <ActionIcon
        variant="subtle"
        color="gray"
        aria-label={t('console.sound')}
        aria-pressed={on}
        onClick={() => {
          setSoundEnabled(!on);
          setOn(!on);
          if (!on) playNewChatSound();
        }}
      >
        {on ? <IconVolume size={18} aria-hidden /> : <IconVolumeOff size={18} aria-hidden />}
      </ActionIcon>
    </Tooltip>
  );
}
