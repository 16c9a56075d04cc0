import type {
  Group,
  RoutingConfig,
  RoutingConfigInput,
  RoutingMember,
  RoutingMemberView,
  RoutingMethod,
  User,
} from '@parley/protocol';
import { t, type MessageKey } from '../../../i18n';
import { translateServerText } from '../../../lib/errors';
import { fullName } from '../../../lib/format';

/** RTE-2: each method's name, and one line on what it does (shown under the "Routing method" select). */
export const routingMethodName = (method: RoutingMethod) => t(`routing.method.${method}` as MessageKey);
export const routingMethodDescription = (method: RoutingMethod) =>
  t(`routing.method.${method}.text` as MessageKey);

/** What a new level and the forwarding level start with. */
export const DEFAULT_METHOD: RoutingMethod = 'least_chats';

/** The server refuses more (protocol: RoutingConfigInput). */
export const MAX_LEVELS = 20;

/** A member in the pickers: `user:<id>` or `group:<id>`. */
export type MemberValue = `${RoutingMember['type']}:${string}`;

export interface LevelValues {
  /** Stable React key while levels are added, moved and removed; not sent. */
  key: string;
  title: string;
  method: RoutingMethod;
  members: string[];
}

export interface RoutingFormValues {
  levels: LevelValues[];
  forwarding: { enabled: boolean; method: RoutingMethod; members: string[] };
}

export const memberValue = (m: Pick<RoutingMemberView, 'type' | 'id'>): MemberValue => `${m.type}:${m.id}`;

export function parseMember(value: string): RoutingMember | null {
  const at = value.indexOf(':');
  const type = value.slice(0, at);
  const id = value.slice(at + 1);
  if (at < 0 || !id) return null;
  return type === 'user' || type === 'group' ? { type, id } : null;
}

let nextKey = 0;
export const newLevelKey = () => `level-${++nextKey}`;

export function newLevel(): LevelValues {
  return { key: newLevelKey(), title: '', method: DEFAULT_METHOD, members: [] };
}

/** The saved routing as the form holds it; `keys` keeps the cards of a just-saved form mounted. */
export function toFormValues(config: RoutingConfig, keys: readonly string[] = []): RoutingFormValues {
  return {
    levels: config.levels.map((l, i) => ({
      key: keys[i] ?? newLevelKey(),
      title: l.title,
      method: l.method,
      members: l.members.map(memberValue),
    })),
    forwarding: {
      enabled: config.forwarding.enabled,
      method: config.forwarding.method,
      members: config.forwarding.members.map(memberValue),
    },
  };
}

const toMembers = (values: string[]): RoutingMember[] =>
  values.flatMap((v) => {
    const m = parseMember(v);
    return m ? [m] : [];
  });

/** The body of `PUT /api/campaigns/:id/routing`. */
export function toInput(v: RoutingFormValues): RoutingConfigInput {
  return {
    levels: v.levels.map((l) => ({ title: l.title, method: l.method, members: toMembers(l.members) })),
    forwarding: {
      enabled: v.forwarding.enabled,
      method: v.forwarding.method,
      members: toMembers(v.forwarding.members),
    },
  };
}

/** Whether the form differs from what was saved (keys aside; a level moved and moved back is unchanged). */
export function isChanged(values: RoutingFormValues, saved: RoutingFormValues): boolean {
  return JSON.stringify(toInput(values)) !== JSON.stringify(toInput(saved));
}

/** Where the server's field errors go: the form's inputs, the forwarding card, or a message above Save. */
export interface PlacedErrors {
  fields: Record<string, string>;
  /** Messages that belong to no input (`levels`: too many levels, or anything unexpected). */
  general: string[];
  forwarding: boolean;
}

const fieldKey =
  /^(levels\.\d+\.(?:title|method|members)|forwarding\.(?:enabled|method|members))(?:\.(\d+))?$/;

/**
 * Server keys (`levels.0.members`, `levels.1.method`, `levels.0.members.2`, `forwarding.members`) onto the form's
 * inputs; an error about one member (`….members.2`) goes on the picker and names that member.
 */
export function placeServerErrors(
  errors: Record<string, string>,
  values: RoutingFormValues,
  labelOf: (member: string) => string | undefined,
): PlacedErrors {
  const placed: PlacedErrors = { fields: {}, general: [], forwarding: false };
  for (const [key, message] of Object.entries(errors)) {
    const match = fieldKey.exec(key);
    if (!match) {
      const text = translateServerText(message);
      placed.general.push(key === 'levels' || key === 'body' ? text : `${key}: ${text}`);
      continue;
    }
    const field = match[1]!;
    let text = translateServerText(message);
    if (match[2] !== undefined) {
      const index = Number(match[2]);
      const list = field.startsWith('forwarding')
        ? values.forwarding.members
        : values.levels[Number(field.split('.')[1])]?.members;
      const member = list?.[index];
      const label = member ? labelOf(member) : undefined;
      if (label) {
        text = /^Unknown (user|group)\b/.test(message)
          ? t('routing.memberGone', { name: label })
          : t('routing.memberError', { name: label, message: text });
      }
    }
    placed.fields[field] ??= text;
    if (field.startsWith('forwarding')) placed.forwarding = true;
  }
  return placed;
}

export interface MemberOption {
  value: string;
  label: string;
  /** Shown under the name and searched too (users' email). */
  detail?: string;
  kind: RoutingMember['type'];
}

/**
 * The pickers' options: active users and all groups, plus members already chosen that are in neither list any
 * more (a deleted user), named as the server last knew them.
 */
export function memberOptions(users: User[], groups: Group[], saved: RoutingConfig): MemberOption[] {
  const names = new Map<string, number>();
  for (const u of users) names.set(fullName(u), (names.get(fullName(u)) ?? 0) + 1);
  const options: MemberOption[] = [
    ...users.map((u): MemberOption => {
      const name = fullName(u) || u.email;
      return {
        value: memberValue({ type: 'user', id: u.id }),
        // Two users with the same name are told apart in the chosen pills too.
        label: (names.get(name) ?? 0) > 1 ? `${name} (${u.email})` : name,
        detail: u.email,
        kind: 'user',
      };
    }),
    ...groups.map((g): MemberOption => ({
      value: memberValue({ type: 'group', id: g.id }),
      label: g.name,
      kind: 'group',
    })),
  ];
  const known = new Set(options.map((o) => o.value));
  const chosen = [...saved.levels.flatMap((l) => l.members), ...saved.forwarding.members];
  for (const m of chosen) {
    const value = memberValue(m);
    if (known.has(value)) continue;
    known.add(value);
    options.push({
      value,
      label: t(m.type === 'user' ? 'routing.deletedUser' : 'routing.deletedGroup', {
        name: m.name || t('routing.unknown'),
      }),
      kind: m.type,
    });
  }
  return options;
}
