import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** A column the database fills in on insert (default), readable as T. */
type Default<T> = ColumnType<T, T | undefined, T>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface AccountsTable {
  id: Generated<string>;
  name: string;
  time_zone: Default<string>;
  /** TLS-6: keep visitors' raw IP addresses (off by default). */
  store_visitor_ip: Default<boolean>;
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

export interface LoginCountersTable {
  scope: 'pair' | 'address' | 'email';
  key: string;
  failures: number;
  last_failure_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  last_success_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
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
  language: Default<string>;
  theme: Default<string>;
  logo_file_id: Default<string | null>;
  window_color: Default<string>;
  window_title: Default<string>;
  custom_css: Default<string | null>;
  prechat_enabled: Default<boolean>;
  prechat_text: Default<string>;
  prechat_button_text: Default<string>;
  prechat_mode: Default<'every_time' | 'first_time'>;
  opening_text: Default<string>;
  opening_reminder: Default<boolean>;
  closing_text: Default<string>;
  auto_forward_enabled: Default<boolean>;
  auto_forward_seconds: Default<number>;
  auto_forward_avoid_same_level: Default<boolean>;
  visitor_left_after_seconds: Default<number>;
  close_after_minutes: Default<number>;
  greeting_availability: Default<'always' | 'agents_logged_in' | 'agents_available'>;
  /** INV-1: when the chat button shows (and whether a chat started now is live or an offline message). */
  button_availability: Default<'always' | 'agents_logged_in' | 'agents_available'>;
  /** INV-2: the introduction above the offline form; empty: the widget's default text. */
  offline_text: Default<string>;
  /** GOL-1: more than one success code per chat; a code before an agent may close a chat. */
  success_codes_multiple: Default<boolean>;
  success_codes_required: Default<boolean>;
  /** GOL-2: the customer survey. A null text: the default in the campaign's language; '' is "none". */
  survey_enabled: Default<boolean>;
  survey_scale: Default<'smileys' | 'thumbs'>;
  survey_question: Default<string | null>;
  survey_comment: Default<boolean>;
  survey_comment_text: Default<string | null>;
  survey_thanks: Default<boolean>;
  survey_thanks_text: Default<string | null>;
  /** GOL-5: campaign events also go to Google Analytics 4 when the page has gtag or a dataLayer. */
  analytics_ga4: Default<boolean>;
  /** TLS-7: the agent tools of the campaign's chats (migration 019). */
  tool_web_tabs: Default<boolean>;
  tool_canned_responses: Default<boolean>;
  tool_cobrowsing: Default<boolean>;
  tool_visitor_info: Default<boolean>;
  tool_sneak_preview: Default<boolean>;
  /** TLS-5: the chat window's screen-share texts (null: the default in the campaign's language). */
  cobrowse_text: Default<string | null>;
  cobrowse_on_text: Default<string | null>;
  cobrowse_off_text: Default<string | null>;
  /** TLS-5: extra CSP host sources the agent's replay of the visitor's page may load from. */
  cobrowse_csp_domains: Default<string[]>;
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
  last_user_id: Default<string | null>;
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

export interface VisitorsTable {
  id: Generated<string>;
  account_id: string;
  token_hash: string;
  name: Default<string>;
  email: Default<string>;
  data: Default<Record<string, string>>;
  user_agent: Default<string>;
  visits: Default<number>;
  chats: Default<number>;
  first_seen_at: Timestamp;
  last_seen_at: Timestamp;
}

export interface VisitsTable {
  id: Generated<string>;
  account_id: string;
  visitor_id: string;
  website_id: string | null;
  campaign_id: string | null;
  referrer: Default<string>;
  landing_url: Default<string>;
  utm: Default<Record<string, string>>;
  user_agent: Default<string>;
  page_views: Default<number>;
  started_at: Timestamp;
  last_seen_at: Timestamp;
  /** Parsed from the user agent on the server (TLS-6). */
  browser: Default<string>;
  os: Default<string>;
  /** desktop, mobile, tablet, … (ua-parser-js's device type; desktop when it names none). */
  device: Default<string>;
  /** Two letters from the trusted proxy header (VISITOR_COUNTRY_HEADER), else empty. */
  country: Default<string>;
  /** Only when the account opts in (`store_visitor_ip`). */
  ip: string | null;
}

export interface PageViewsTable {
  id: Generated<number>;
  account_id: string;
  visit_id: string;
  url: string;
  title: Default<string>;
  viewed_at: Timestamp;
  /** The page's last heartbeat (time on the page); null before the first. */
  last_seen_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

/** A visit in which the visitor opened the chat window (EXP-7 "chats viewed"): first opened when, how often. */
export interface ChatViewsTable {
  visit_id: string;
  account_id: string;
  viewed_at: Timestamp;
  opens: Default<number>;
}

export type ChatStatusColumn = 'queued' | 'active' | 'closed';
export type ChatModeColumn = 'live' | 'nrt';
export type AuthorColumn = 'visitor' | 'agent' | 'system';

export interface ChatsTable {
  id: Generated<string>;
  account_id: string;
  campaign_id: string | null;
  website_id: string | null;
  visitor_id: string;
  visit_id: string | null;
  status: Default<ChatStatusColumn>;
  mode: Default<ChatModeColumn>;
  proactive: Default<boolean>;
  start_cid: string | null;
  start_url: Default<string>;
  agent_id: Default<string | null>;
  routing_level: Default<number | null>;
  last_seq: Default<number>;
  visitor_present: Default<boolean>;
  visitor_left_at: Default<Date | null>;
  started_at: Timestamp;
  queued_at: Default<Date | null>;
  assigned_at: Default<Date | null>;
  /** When the chat was first given to an agent (set once; a transfer moves assigned_at, not this). STA-8. */
  first_assigned_at: Default<Date | null>;
  first_response_at: Default<Date | null>;
  last_message_at: Default<Date | null>;
  last_visitor_message_at: Default<Date | null>;
  closed_at: Default<Date | null>;
  closed_by: Default<AuthorColumn | null>;
  closed_by_user_id: Default<string | null>;
  left_deadline_at: Default<Date | null>;
  close_deadline_at: Default<Date | null>;
  forward_deadline_at: Default<Date | null>;
  visitor_instance_id: Default<string | null>;
  duration_seconds: Default<number | null>;
  first_response_seconds: Default<number | null>;
  rating: Default<number | null>;
  rating_comment: Default<string | null>;
  /** GOL-2: the scale the visitor rated on (thumbs: 1 or 5), when, and when they sent the survey (it closed). */
  rating_scale: Default<'smileys' | 'thumbs' | null>;
  rated_at: Default<Date | null>;
  survey_sent_at: Default<Date | null>;
  /** Left through the offline form (INV-2); routed as an NRT chat, listed as the type "offline message". */
  offline_message: Default<boolean>;
  /** How many success codes were chosen for the chat (kept by a trigger on chat_success_codes; migration 009). */
  code_count: Default<number>;
}

/** A campaign's success codes (GOL-1); chosen per chat in chat_success_codes (CHT-1, STA-9, EXP-4). */
export interface SuccessCodesTable {
  id: Generated<string>;
  account_id: string;
  campaign_id: string;
  name: string;
  position: Default<number>;
  deleted_at: Default<Date | null>;
}

/** TLS-1: a campaign's WebTabs in list order (migration 021). */
export interface WebTabsTable {
  id: Generated<string>;
  account_id: string;
  campaign_id: string;
  name: string;
  url: string;
  position: Default<number>;
}

/** GOL-3/GOL-4: a campaign's goals (migration 018); a deleted one stays for its goal events. */
export interface GoalsTable {
  id: Generated<string>;
  account_id: string;
  campaign_id: string;
  title: string;
  moments: ColumnType<unknown, string | undefined, string>;
  value_kind: Default<'none' | 'fixed' | 'changing'>;
  /** numeric: read as a string (exact), written as one. */
  value: Default<string | null>;
  position: Default<number>;
  deleted_at: Default<Date | null>;
}

/** A goal reached: once per visit per goal, with the visitor's chat of that visit when there is one. */
export interface GoalEventsTable {
  id: Generated<string>;
  account_id: string;
  campaign_id: string | null;
  goal_id: string;
  visitor_id: string;
  visit_id: string;
  chat_id: Default<string | null>;
  value: Default<string | null>;
  url: Default<string>;
  reached_at: Timestamp;
}

export interface ChatSuccessCodesTable {
  chat_id: string;
  code_id: string;
  account_id: string;
  chosen_by: Default<string | null>;
  chosen_at: Timestamp;
}

export interface ChatEventsTable {
  chat_id: string;
  seq: number;
  account_id: string;
  type: string;
  author: AuthorColumn;
  author_name: Default<string>;
  user_id: Default<string | null>;
  cid: Default<string | null>;
  body: Default<string>;
  file_id: Default<string | null>;
  data: Default<Record<string, unknown>>;
  created_at: Timestamp;
}

export interface ChatAssignmentsTable {
  id: Generated<number>;
  account_id: string;
  chat_id: string;
  user_id: string;
  reason: 'routed' | 'transferred' | 'forwarded' | 'requeued';
  assigned_at: Timestamp;
  ended_at: Default<Date | null>;
  answered: Default<boolean>;
}

export type AgentStatusColumn = 'available' | 'away' | 'offline';

export interface AgentPresenceTable {
  user_id: string;
  account_id: string;
  status: Default<AgentStatusColumn>;
  status_since: Timestamp;
  last_assigned_at: Default<Date | null>;
  disconnected_at: Default<Date | null>;
}

export interface AgentConnectionsTable {
  id: string;
  user_id: string;
  account_id: string;
  instance_id: string;
  connected_at: Timestamp;
  last_seen_at: Timestamp;
}

/**
 * The statistics' rollups (STA-1…9, migration 009), keyed by the chats' local date (and hour) of start in the
 * account's time zone, campaign, kind (live | nrt | offline) and status; written only by triggers, never by the
 * application. Durations and response times are sums in microseconds (bigint: exact).
 */
type ChatStatsKey = {
  account_id: string;
  local_date: Date;
  campaign_id: string | null;
  kind: 'live' | 'nrt' | 'offline';
  status: ChatStatusColumn;
};
export interface ChatStatsHoursTable extends ChatStatsKey {
  local_hour: number;
  chats: number;
  proactive: number;
  not_offline: number;
  closed: number;
  duration_us: string;
  answered: number;
  response_us: string;
  rating_1: number;
  rating_2: number;
  rating_3: number;
  rating_4: number;
  rating_5: number;
  coded: number;
}
export interface ChatStatsAgentsTable extends ChatStatsKey {
  agent_id: string | null;
  chats: number;
}
export interface ChatStatsCodesTable extends ChatStatsKey {
  code_id: string;
  chats: number;
}

export interface AgentStatusPeriodsTable {
  id: Generated<number>;
  account_id: string;
  user_id: string;
  status: AgentStatusColumn;
  started_at: Timestamp;
  ended_at: Default<Date | null>;
}

export interface InviteEventsTable {
  id: Generated<number>;
  account_id: string;
  campaign_id: string | null;
  invite_id: string | null;
  visitor_id: string | null;
  visit_id: string | null;
  /** The website the page was on (migration 016); null for events recorded before it without a visit. */
  website_id: string | null;
  event: 'shown' | 'accepted' | 'declined' | 'not_shown_unavailable';
  url: Default<string>;
  at: Timestamp;
  /** INV-6: the agent who invited the visitor by hand (null: an automatic greeting). */
  user_id: string | null;
}

/** INV-6: an agent invited a visitor from the Visitors list; delivered with the visitor's next heartbeat. */
export interface VisitorInvitesTable {
  id: Generated<string>;
  account_id: string;
  visitor_id: string;
  visit_id: string | null;
  website_id: string | null;
  campaign_id: string | null;
  user_id: string | null;
  agent_name: Default<string>;
  status: Default<'pending' | 'shown' | 'accepted' | 'declined'>;
  created_at: Timestamp;
  answered_at: Date | null;
}

/** A greeting of a campaign (INV-3…INV-6); `moments` is JSON checked by the protocol's schema. */
export interface InvitesTable {
  id: Generated<string>;
  account_id: string;
  campaign_id: string;
  position: number;
  kind: 'yes_no' | 'chat_window';
  enabled: Default<boolean>;
  title: string;
  text: string;
  accept_text: Default<string>;
  decline_text: Default<string>;
  /** Written as JSON text, read back parsed. */
  moments: ColumnType<unknown, string | undefined, string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/**
 * A chat button of a campaign (INV-7…INV-9): a footer button (text, colour, side; empty text and colour: the
 * widget's and the window's) or a custom one (HTML, CSS); `urls` is JSON checked by the protocol's schema.
 */
export interface ChatButtonsTable {
  id: Generated<string>;
  account_id: string;
  campaign_id: string;
  position: number;
  placement: 'footer' | 'custom';
  starts: Default<'instantly' | 'after_first_message'>;
  enabled: Default<boolean>;
  name: string;
  pages: Default<'all' | 'certain'>;
  /** Written as JSON text, read back parsed. */
  urls: ColumnType<unknown, string | undefined, string>;
  text: Default<string>;
  color: Default<string>;
  side: Default<'right' | 'left'>;
  html: Default<string>;
  css: Default<string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A token link of an export (EXP-9): only the token's SHA-256 is kept. */
export interface ExportLinksTable {
  id: Generated<string>;
  account_id: string;
  report: string;
  token_hash: string;
  created_by: string | null;
  created_at: Timestamp;
  last_used_at: Default<Date | null>;
}

/** A campaign's SMTP settings (FUP-1); the password only encrypted (modules/follow-ups/secret-box.ts). */
export interface FollowUpSettingsTable {
  campaign_id: string;
  account_id: string;
  enabled: Default<boolean>;
  host: Default<string>;
  port: Default<number>;
  security: Default<'none' | 'starttls' | 'tls'>;
  username: Default<string>;
  password_enc: Default<string | null>;
  from_address: Default<string>;
  from_name: Default<string>;
  reply_to: Default<string>;
  base_url: Default<string>;
  updated_at: Timestamp;
}

export type FollowUpState = 'pending' | 'sent' | 'failed' | 'merged' | 'skipped';

/** The outbox of follow-up emails (FUP-2), written in the transaction of what causes each. */
export interface FollowUpsTable {
  id: Generated<string>;
  account_id: string;
  campaign_id: string;
  chat_id: string;
  kind: 'transcript' | 'answer';
  to_address: string;
  from_seq: number;
  to_seq: number;
  state: Default<FollowUpState>;
  attempts: Default<number>;
  next_attempt_at: Timestamp;
  lease_until: Default<Date | null>;
  lease_owner: Default<string | null>;
  message_id: Default<string | null>;
  last_error: Default<string>;
  merged_into: Default<string | null>;
  created_at: Timestamp;
  last_attempt_at: Default<Date | null>;
  done_at: Default<Date | null>;
}

/** Addresses (lower case) that unsubscribed from an account's follow-ups. */
export interface FollowUpOptOutsTable {
  account_id: string;
  email: string;
  created_at: Timestamp;
}

/** TLS-4: the account's forums of canned responses. */
export interface CannedForumsTable {
  id: Generated<string>;
  account_id: string;
  title: string;
  created_at: Timestamp;
}

/**
 * TLS-2: a forum's Q&As; `removed_at` set: removed (TLS-3, undoable for CANNED_UNDO_SECONDS, then gone). The
 * generated `search` tsvector column is left out: it is only read through SQL fragments.
 */
export interface CannedResponsesTable {
  id: Generated<string>;
  account_id: string;
  forum_id: string;
  shortkey: Generated<string>;
  question: Generated<string>;
  answer: Generated<string>;
  removed_at: Default<Date | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** Which forums a campaign's agents see. */
export interface CampaignCannedForumsTable {
  campaign_id: string;
  forum_id: string;
  account_id: string;
}

export interface InstancesTable {
  id: string;
  started_at: Timestamp;
  last_seen_at: Timestamp;
}

export interface DB {
  instances: InstancesTable;
  accounts: AccountsTable;
  files: FilesTable;
  users: UsersTable;
  groups: GroupsTable;
  group_members: GroupMembersTable;
  sessions: SessionsTable;
  login_counters: LoginCountersTable;
  websites: WebsitesTable;
  campaigns: CampaignsTable;
  campaign_websites: CampaignWebsitesTable;
  routing_levels: RoutingLevelsTable;
  routing_level_members: RoutingLevelMembersTable;
  visitors: VisitorsTable;
  visits: VisitsTable;
  page_views: PageViewsTable;
  chat_views: ChatViewsTable;
  chats: ChatsTable;
  chat_events: ChatEventsTable;
  chat_assignments: ChatAssignmentsTable;
  agent_presence: AgentPresenceTable;
  agent_connections: AgentConnectionsTable;
  agent_status_periods: AgentStatusPeriodsTable;
  invite_events: InviteEventsTable;
  visitor_invites: VisitorInvitesTable;
  invites: InvitesTable;
  chat_buttons: ChatButtonsTable;
  success_codes: SuccessCodesTable;
  chat_success_codes: ChatSuccessCodesTable;
  goals: GoalsTable;
  web_tabs: WebTabsTable;
  goal_events: GoalEventsTable;
  export_links: ExportLinksTable;
  follow_up_settings: FollowUpSettingsTable;
  follow_ups: FollowUpsTable;
  follow_up_opt_outs: FollowUpOptOutsTable;
  chat_stats_hours: ChatStatsHoursTable;
  chat_stats_agents: ChatStatsAgentsTable;
  chat_stats_codes: ChatStatsCodesTable;
  canned_forums: CannedForumsTable;
  canned_responses: CannedResponsesTable;
  campaign_canned_forums: CampaignCannedForumsTable;
}

export type UserRow = Selectable<UsersTable>;
export type NewUserRow = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type GroupRow = Selectable<GroupsTable>;
export type SessionRow = Selectable<SessionsTable>;
export type WebsiteRow = Selectable<WebsitesTable>;
export type AccountRow = Selectable<AccountsTable>;
export type CampaignRow = Selectable<CampaignsTable>;
export type ChatRow = Selectable<ChatsTable>;
export type ChatEventRow = Selectable<ChatEventsTable>;
export type VisitorRow = Selectable<VisitorsTable>;
export type FollowUpSettingsRow = Selectable<FollowUpSettingsTable>;
export type FollowUpRow = Selectable<FollowUpsTable>;
