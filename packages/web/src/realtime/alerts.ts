import type { AgentChatSummary } from '@parley/protocol';
import { t } from '../i18n';

/** New-chat alerts (CON-3): a short chime made with the Web Audio API, and a desktop notification. */

const SOUND_KEY = 'parley.console.sound';

export function soundEnabled(): boolean {
  try {
    return localStorage.getItem(SOUND_KEY) !== 'off';
  } catch {
    return true;
  }
}

export function setSoundEnabled(on: boolean): void {
  try {
    localStorage.setItem(SOUND_KEY, on ? 'on' : 'off');
  } catch {
    // Not remembered; the toggle still works for this page.
  }
}

let audio: AudioContext | null = null;

function audioContext(): AudioContext | null {
  if (typeof AudioContext === 'undefined') return null;
  audio ??= new AudioContext();
  return audio;
}

/**
 * Browsers start audio suspended until the user interacts with the page; call this from a click or key
 * press so that a chat arriving later can be heard.
 */
export function unlockAudio(): void {
  const ctx = audioContext();
  if (ctx?.state === 'suspended') void ctx.resume().catch(() => undefined);
}

/** Two rising tones, a third of a second in all. */
export function playNewChatSound(): void {
  if (!soundEnabled()) return;
  const ctx = audioContext();
  if (!ctx) return;
  if (ctx.state === 'suspended') void ctx.resume().catch(() => undefined);
  const start = ctx.currentTime + 0.01;
  [660, 990].forEach((frequency, i) => {
    const at = start + i * 0.14;
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = 'sine';
    osc.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.exponentialRampToValueAtTime(0.25, at + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.3);
    osc.connect(gain).connect(ctx.destination);
    osc.start(at);
    osc.stop(at + 0.32);
  });
}

export type NotificationState = 'unsupported' | NotificationPermission;

export function notificationState(): NotificationState {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/** Asks for permission; only ever from the agent's click (never on load). */
export async function requestNotifications(): Promise<NotificationState> {
  if (typeof Notification === 'undefined') return 'unsupported';
  return Notification.requestPermission();
}

/** A desktop notification for a new chat, when allowed and the console is not what the agent looks at. */
export function notifyNewChat(chat: AgentChatSummary, onClick: () => void): void {
  if (notificationState() !== 'granted') return;
  if (document.visibilityState === 'visible' && document.hasFocus()) return;
  const first = chat.lastMessage?.text ?? '';
  try {
    const n = new Notification(t('console.notificationTitle', { name: chat.visitor.name }), {
      body: first.length > 140 ? `${first.slice(0, 139)}…` : first || chat.campaignTitle,
      tag: `chat-${chat.id}`,
    });
    n.onclick = () => {
      window.focus();
      onClick();
      n.close();
    };
  } catch {
    // Some browsers only allow notifications from a service worker; the sound and the list still tell.
  }
}
