import type {
  ButtonPages,
  ButtonPlacement,
  ButtonSide,
  ButtonStart,
  ChatButton,
  ChatButtonInput,
  UrlMatch,
} from '@parley/protocol';

/** A page address rule as the form holds it. */
export interface AddressFormValues {
  key: string;
  match: UrlMatch;
  url: string;
}

/** Every field of both placements, so switching the type keeps what was typed. */
export interface ButtonFormValues {
  placement: ButtonPlacement;
  starts: ButtonStart;
  enabled: boolean;
  name: string;
  text: string;
  color: string;
  side: ButtonSide;
  pages: ButtonPages;
  urls: AddressFormValues[];
  html: string;
  css: string;
}

let counter = 0;
export const newKey = () => `address-${++counter}`;

export const newAddress = (): AddressFormValues => ({ key: newKey(), match: 'contains', url: '' });

/** The radio value of one of the four types (INV-7). */
export const typeValue = (placement: ButtonPlacement, starts: ButtonStart) => `${placement}:${starts}`;
export function fromTypeValue(value: string): { placement: ButtonPlacement; starts: ButtonStart } {
  const [placement, starts] = value.split(':');
  return {
    placement: placement === 'custom' ? 'custom' : 'footer',
    starts: starts === 'instantly' ? 'instantly' : 'after_first_message',
  };
}

/** The HTML a new custom button starts with: a real button, so that keyboards reach it. */
export const STARTER_HTML = '<button type="button" class="chat-button">Chat with us</button>';
export const STARTER_CSS = `.chat-button {
  padding: 12px 20px;
  border: 0;
  border-radius: 999px;
  background: #1864ab;
  color: #fff;
  font: 600 16px system-ui, sans-serif;
  cursor: pointer;
}`;

export function toFormValues(
  button: ChatButton | null,
  type: { placement: ButtonPlacement; starts: ButtonStart } = {
    placement: 'footer',
    starts: 'after_first_message',
  },
): ButtonFormValues {
  if (!button) {
    return {
      ...type,
      enabled: true,
      name: '',
      text: '',
      color: '',
      side: 'right',
      pages: 'all',
      urls: [],
      html: type.placement === 'custom' ? STARTER_HTML : '',
      css: type.placement === 'custom' ? STARTER_CSS : '',
    };
  }
  return {
    placement: button.placement,
    starts: button.starts,
    enabled: button.enabled,
    name: button.name,
    text: button.text,
    color: button.color,
    side: button.side,
    pages: button.pages,
    urls: button.urls.map((u) => ({ key: newKey(), match: u.match, url: u.url })),
    html: button.html,
    css: button.css,
  };
}

/** What the API gets: only the fields of the button's placement, and addresses only for certain pages. */
export function toInput(v: ButtonFormValues): ChatButtonInput {
  const common = {
    enabled: v.enabled,
    name: v.name,
    starts: v.starts,
    pages: v.pages,
    urls: v.pages === 'certain' ? v.urls.map((u) => ({ match: u.match, url: u.url })) : [],
  };
  return v.placement === 'footer'
    ? { placement: 'footer', ...common, text: v.text, color: v.color, side: v.side }
    : { placement: 'custom', ...common, html: v.html, css: v.css };
}

/** Whether the form differs from what was saved (keys left out). */
export function isChanged(a: ButtonFormValues, b: ButtonFormValues): boolean {
  return JSON.stringify(toInput(a)) !== JSON.stringify(toInput(b));
}

/**
 * The custom button's preview: the manager's HTML and CSS in a sandboxed frame of its own (no scripts, no
 * access to this page), never in the manager UI's own page.
 */
export function previewDocument(html: string, css: string, lang: string, title: string): string {
  const escaped = title.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${escaped}</title><style>body{margin:16px;font-family:system-ui,sans-serif}</style><style>${css}</style></head><body>${html}</body></html>`;
}
