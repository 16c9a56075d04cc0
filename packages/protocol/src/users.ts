import { z } from 'zod';
import { Id, LanguageSchema, PageQuery, Timestamp, page } from './common.js';

export const UserRights = { manager: 'manager', agent: 'agent' } as const;
export type UserRights = (typeof UserRights)[keyof typeof UserRights];
export const userRightsLabels: Record<UserRights, string> = {
  manager: 'Management access',
  agent: 'Agent only',
};

export const UserStatus = { active: 'active', deleted: 'deleted' } as const;
export type UserStatus = (typeof UserStatus)[keyof typeof UserStatus];

export const PASSWORD_MIN = 10;
export const Password = z
  .string()
  .min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters`)
  .max(200, 'Use at most 200 characters');

/** Simultaneous chats limit: `null` (or absent) means unlimited. */
export const ChatLimit = z
  .number({ message: 'Enter a whole number' })
  .int('Enter a whole number')
  .min(1, 'At least 1')
  .max(999, 'At most 999')
  .nullable();

const name = (label: string) => z.string().trim().min(1, `Enter a ${label}`).max(100);

export const User = z.object({
  id: z.uuid(),
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  nickname: z.string(),
  language: LanguageSchema,
  rights: z.enum(UserRights),
  photoUrl: z.string().nullable(),
  showPhoto: z.boolean(),
  liveChatLimit: z.number().int().nullable(),
  nrtChatLimit: z.number().int().nullable(),
  /** Newline-separated IPs and CIDR subnets; `null` = any address. */
  ipAllowlist: z.string().nullable(),
  groupIds: z.array(z.uuid()),
  deletedAt: Timestamp.nullable(),
  createdAt: Timestamp,
});
export type User = z.infer<typeof User>;

export const CreateUser = z.object({
  email: z.email({ message: 'Enter a valid email address' }).max(320),
  password: Password,
  firstName: name('first name'),
  lastName: name('last name'),
  nickname: z.string().trim().max(100).default(''),
  language: LanguageSchema.default('en'),
  rights: z.enum(UserRights, { message: "Choose 'manager' or 'agent'" }),
  showPhoto: z.boolean().default(true),
  liveChatLimit: ChatLimit.optional(),
  nrtChatLimit: ChatLimit.optional(),
  ipAllowlist: z.string().max(10_000).nullable().optional(),
  groupIds: z.array(Id).max(500).default([]),
});
export type CreateUser = z.input<typeof CreateUser>;

export const UpdateUser = z
  .object({
    email: z.email({ message: 'Enter a valid email address' }).max(320),
    password: Password,
    firstName: name('first name'),
    lastName: name('last name'),
    nickname: z.string().trim().max(100),
    language: LanguageSchema,
    rights: z.enum(UserRights, { message: "Choose 'manager' or 'agent'" }),
    showPhoto: z.boolean(),
    liveChatLimit: ChatLimit,
    nrtChatLimit: ChatLimit,
    ipAllowlist: z.string().max(10_000).nullable(),
    groupIds: z.array(Id).max(500),
    /** `false` restores a soft-deleted user. */
    deleted: z.literal(false),
  })
  .partial();
export type UpdateUser = z.infer<typeof UpdateUser>;

export const UserSort = { name: 'name', email: 'email', created: 'created' } as const;
export type UserSort = (typeof UserSort)[keyof typeof UserSort];

export const UserListQuery = PageQuery.extend({
  q: z.string().trim().max(200).optional(),
  groupId: Id.optional(),
  campaignId: Id.optional(),
  status: z.enum(UserStatus).default('active'),
  sort: z.enum(UserSort).default('name'),
});
export type UserListQuery = z.input<typeof UserListQuery>;

export const UserPage = page(User);
export type UserPage = z.infer<typeof UserPage>;

export const PHOTO_MAX_BYTES = 2 * 1024 * 1024;
export const PHOTO_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;
