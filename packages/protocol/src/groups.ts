import { z } from 'zod';
import { Id, PageQuery, Timestamp, page } from './common.js';

export const Group = z.object({
  id: z.uuid(),
  name: z.string(),
  userIds: z.array(z.uuid()),
  createdAt: Timestamp,
});
export type Group = z.infer<typeof Group>;

const groupName = z.string().trim().min(1, 'Enter a group name').max(100, 'At most 100 characters');

export const CreateGroup = z.object({ name: groupName, userIds: z.array(Id).max(5000).default([]) });
export type CreateGroup = z.input<typeof CreateGroup>;

export const UpdateGroup = z.object({ name: groupName, userIds: z.array(Id).max(5000) }).partial();
export type UpdateGroup = z.infer<typeof UpdateGroup>;

export const GroupListQuery = PageQuery.extend({ q: z.string().trim().max(200).optional() });
export type GroupListQuery = z.input<typeof GroupListQuery>;

export const GroupPage = page(Group);
export type GroupPage = z.infer<typeof GroupPage>;
