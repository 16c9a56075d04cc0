import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** A column the database fills in on insert (default), readable as T. */
type Default<T> = ColumnType<T, T | undefined, T>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface AccountsTable {
  id: Generated<string>;
  name: string;
  time_zone: Default<string>;
  created_at: Timestamp;
}

export interface FilesTable {
  id: Generated<string>;
  account_id: string;
  kind: 'photo' | 'logo' | 'attachment';
  content_type: string;
  name: Default<string>;
  size: number;
  sha256: string;
  data: Buffer;
  created_at: Timestamp;
}

export interface UsersTable {
  id: Generated<string>;
  account_id: string;
  email: string;
  password_hash: string;
  first_name: string;
  last_name: string;
  nickname: Default<string>;
  language: Default<string>;
  rights: 'manager' | 'agent';
  photo_file_id: string | null;
  show_photo: Default<boolean>;
  live_chat_limit: number | null;
  nrt_chat_limit: number | null;
  ip_allowlist: string | null;
  password_changed_at: Timestamp;
  deleted_at: Date | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface GroupsTable {
  id: Generated<string>;
  account_id: string;
  name: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface GroupMembersTable {
  group_id: string;
  user_id: string;
  account_id: string;
}

export interface SessionsTable {
  id: string;
  account_id: string;
  user_id: string;
  csrf_token: string;
  ip: Default<string>;
  user_agent: Default<string>;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
}

export interface LoginFailuresTable {
  email: string;
  failures: number;
  window_started_at: Timestamp;
  locked_until: Date | null;
}

export interface WebsitesTable {
  id: Generated<string>;
  account_id: string;
  host: string;
  created_at: Timestamp;
}

export interface CampaignsTable {
  id: Generated<string>;
  account_id: string;
  title: string;
  enabled: Default<boolean>;
  all_websites: Default<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CampaignWebsitesTable {
  campaign_id: string;
  website_id: string;
  account_id: string;
}

export type RoutingMethodColumn = 'random' | 'least_chats' | 'most_space' | 'sequential' | 'most_chats';

export interface RoutingLevelsTable {
  id: Generated<string>;
  account_id: string;
  campaign_id: string;
  position: number;
  title: Default<string>;
  method: Default<RoutingMethodColumn>;
  is_forwarding: Default<boolean>;
  enabled: Default<boolean>;
  created_at: Timestamp;
}

export interface RoutingLevelMembersTable {
  id: Generated<string>;
  level_id: string;
  account_id: string;
  user_id: string | null;
  group_id: string | null;
  position: Default<number>;
}

export interface DB {
  accounts: AccountsTable;
  files: FilesTable;
  users: UsersTable;
  groups: GroupsTable;
  group_members: GroupMembersTable;
  sessions: SessionsTable;
  login_failures: LoginFailuresTable;
  websites: WebsitesTable;
  campaigns: CampaignsTable;
  campaign_websites: CampaignWebsitesTable;
  routing_levels: RoutingLevelsTable;
  routing_level_members: RoutingLevelMembersTable;
}

export type UserRow = Selectable<UsersTable>;
export type NewUserRow = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type GroupRow = Selectable<GroupsTable>;
export type SessionRow = Selectable<SessionsTable>;
export type WebsiteRow = Selectable<WebsitesTable>;
export type AccountRow = Selectable<AccountsTable>;
