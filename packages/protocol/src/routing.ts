import { z } from 'zod';
import { Id } from './common.js';

/** RTE-2: how a routing level picks among its eligible agents. */
export const RoutingMethod = {
  random: 'random',
  leastChats: 'least_chats',
  mostSpace: 'most_space',
  sequential: 'sequential',
  mostChats: 'most_chats',
} as const;
export type RoutingMethod = (typeof RoutingMethod)[keyof typeof RoutingMethod];
export const routingMethodLabels: Record<RoutingMethod, string> = {
  random: 'Random',
  least_chats: 'With least chats',
  most_space: 'With most space',
  sequential: 'Sequentially',
  most_chats: 'With most chats',
};

export const RoutingMember = z.discriminatedUnion('type', [
  z.object({ type: z.literal('user'), id: Id }),
  z.object({ type: z.literal('group'), id: Id }),
]);
export type RoutingMember = z.infer<typeof RoutingMember>;

/** A member as the API returns it, with its display name. */
export const RoutingMemberView = z.object({
  type: z.enum(['user', 'group']),
  id: z.uuid(),
  name: z.string(),
});
export type RoutingMemberView = z.infer<typeof RoutingMemberView>;

const members = z.array(RoutingMember).max(500);

export const RoutingLevelInput = z.object({
  title: z.string().trim().max(100, 'At most 100 characters').default(''),
  method: z.enum(RoutingMethod, { message: 'Choose a routing method' }),
  members: members.min(1, 'Add at least one user or group'),
});
export type RoutingLevelInput = z.input<typeof RoutingLevelInput>;

/** RTE-1, RTE-4: the Routing tab of a campaign, replaced as a whole. */
export const RoutingConfigInput = z.object({
  levels: z.array(RoutingLevelInput).max(20, 'At most 20 routing levels'),
  forwarding: z.object({
    enabled: z.boolean(),
    method: z.enum(RoutingMethod).default('least_chats'),
    members,
  }),
});
export type RoutingConfigInput = z.input<typeof RoutingConfigInput>;

export const RoutingLevel = z.object({
  id: z.uuid(),
  title: z.string(),
  method: z.enum(RoutingMethod),
  members: z.array(RoutingMemberView),
});
export type RoutingLevel = z.infer<typeof RoutingLevel>;

export const RoutingConfig = z.object({
  levels: z.array(RoutingLevel),
  forwarding: z.object({
    enabled: z.boolean(),
    method: z.enum(RoutingMethod),
    members: z.array(RoutingMemberView),
  }),
});
export type RoutingConfig = z.infer<typeof RoutingConfig>;

/** RTE-6: where an agent sends a chat. */
export const TransferRequest = z.object({
  to: z.discriminatedUnion('type', [
    z.object({ type: z.literal('agent'), userId: Id }),
    z.object({ type: z.literal('group'), groupId: Id }),
    z.object({ type: z.literal('forwarding') }),
  ]),
});
export type TransferRequest = z.infer<typeof TransferRequest>;

export const TransferResult = z.object({ agentId: z.uuid(), agentName: z.string() });
export type TransferResult = z.infer<typeof TransferResult>;

/** What the console's transfer dialog offers. */
export const TransferTargets = z.object({
  agents: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      status: z.enum(['available', 'away', 'offline']),
      freeSlots: z.number().nullable(),
    }),
  ),
  groups: z.array(z.object({ id: z.uuid(), name: z.string() })),
  forwarding: z.boolean(),
});
export type TransferTargets = z.infer<typeof TransferTargets>;
