import { describe, expect, it } from 'vitest';
import type { Group, RoutingConfig, User } from '@parley/protocol';
import {
  isChanged,
  memberOptions,
  parseMember,
  placeServerErrors,
  toFormValues,
  toInput,
  type RoutingFormValues,
} from './routingForm';

const U1 = '00000000-0000-4000-8000-000000000001';
const U2 = '00000000-0000-4000-8000-000000000002';
const G1 = '00000000-0000-4000-8000-0000000000a1';

const config: RoutingConfig = {
  levels: [
    {
      id: '10000000-0000-4000-8000-000000000001',
      title: 'First line',
      method: 'sequential',
      members: [
        { type: 'user', id: U1, name: 'Ann Agent' },
        { type: 'group', id: G1, name: 'Support' },
      ],
    },
  ],
  forwarding: {
    enabled: true,
    method: 'least_chats',
    members: [{ type: 'user', id: U2, name: 'Old Timer' }],
  },
};

const user = (id: string, firstName: string, lastName: string, email: string) =>
  ({ id, firstName, lastName, email }) as User;

describe('routing form values', () => {
  it('round-trips the saved config into the PUT body', () => {
    const values = toFormValues(config);
    expect(values.levels[0]!.members).toEqual([`user:${U1}`, `group:${G1}`]);
    expect(toInput(values)).toEqual({
      levels: [
        {
          title: 'First line',
          method: 'sequential',
          members: [
            { type: 'user', id: U1 },
            { type: 'group', id: G1 },
          ],
        },
      ],
      forwarding: { enabled: true, method: 'least_chats', members: [{ type: 'user', id: U2 }] },
    });
  });

  it('keeps the given keys and ignores keys when comparing', () => {
    const a = toFormValues(config, ['k1']);
    expect(a.levels[0]!.key).toBe('k1');
    const b = toFormValues(config);
    expect(isChanged(a, b)).toBe(false);
    expect(isChanged(a, { ...b, forwarding: { ...b.forwarding, enabled: false } })).toBe(true);
  });

  it('parses member values', () => {
    expect(parseMember(`group:${G1}`)).toEqual({ type: 'group', id: G1 });
    expect(parseMember('team:x')).toBeNull();
    expect(parseMember('user:')).toBeNull();
  });
});

describe('server errors', () => {
  const values: RoutingFormValues = toFormValues(config);
  const labels = new Map([
    [`user:${U1}`, 'Ann Agent'],
    [`group:${G1}`, 'Support'],
    [`user:${U2}`, 'Old Timer (deleted user)'],
  ]);

  it('puts each message on its level field, a member error on the picker naming the member', () => {
    const placed = placeServerErrors(
      {
        'levels.0.members': 'Add at least one user or group',
        'levels.1.method': 'Choose a routing method',
        'levels.0.members.1': `Unknown group: ${G1}`,
        'forwarding.members.0': `Unknown user: ${U2}`,
        levels: 'At most 20 routing levels',
      },
      values,
      (m) => labels.get(m),
    );
    expect(placed.fields).toEqual({
      'levels.0.members': 'Add at least one user or group',
      'levels.1.method': 'Choose a routing method',
      'forwarding.members': '“Old Timer (deleted user)” can no longer receive chats; remove it',
    });
    expect(placed.general).toEqual(['At most 20 routing levels']);
    expect(placed.forwarding).toBe(true);
  });

  it('keeps unexpected keys as general messages', () => {
    const placed = placeServerErrors(
      { 'forwarding.members': 'Add at least one user or group to the forwarding level', foo: 'Bad' },
      values,
      () => undefined,
    );
    expect(placed.fields).toEqual({
      'forwarding.members': 'Add at least one user or group to the forwarding level',
    });
    expect(placed.general).toEqual(['foo: Bad']);
  });
});

describe('member options', () => {
  it('groups users and groups, tells same-named users apart and keeps deleted members', () => {
    const users = [
      user(U1, 'Ann', 'Agent', 'ann@example.com'),
      user('00000000-0000-4000-8000-000000000003', 'Ann', 'Agent', 'ann2@example.com'),
    ];
    const groups = [{ id: G1, name: 'Support' } as Group];
    const options = memberOptions(users, groups, config);
    expect(options.map((o) => [o.value, o.label, o.kind])).toEqual([
      [`user:${U1}`, 'Ann Agent (ann@example.com)', 'user'],
      ['user:00000000-0000-4000-8000-000000000003', 'Ann Agent (ann2@example.com)', 'user'],
      [`group:${G1}`, 'Support', 'group'],
      [`user:${U2}`, 'Old Timer (deleted user)', 'user'],
    ]);
  });
});
