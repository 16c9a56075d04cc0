import type { Migration } from 'kysely';
import * as m001 from './001_foundation.js';
import * as m002 from './002_conversations.js';
import * as m003 from './003_routing.js';
import * as m004 from './004_login_counters.js';
import * as m005 from './005_chat_reports.js';
import * as m006 from './006_chat_list.js';
import * as m007 from './007_statistics.js';
import * as m008 from './008_exports.js';
import * as m009 from './009_statistics_rollups.js';
import * as m010 from './010_chat_views.js';
import * as m011 from './011_invites.js';
import * as m012 from './012_button_availability.js';
import * as m013 from './013_chat_buttons.js';
import * as m014 from './014_visitor_monitoring.js';
import * as m015 from './015_goals.js';
import * as m016 from './016_invite_event_website.js';
import * as m017 from './017_follow_ups.js';
import * as m018 from './018_goals_sales.js';
import * as m019 from './019_agent_tools.js';
import * as m020 from './020_canned_responses.js';
import * as m021 from './021_web_tabs.js';

/** Every migration, in order. Names are stored in the database: never rename one that has shipped. */
export const migrations: Record<string, Migration> = {
  '001_foundation': m001,
  '002_conversations': m002,
  '003_routing': m003,
  '004_login_counters': m004,
  '005_chat_reports': m005,
  '006_chat_list': m006,
  '007_statistics': m007,
  '008_exports': m008,
  '009_statistics_rollups': m009,
  '010_chat_views': m010,
  '011_invites': m011,
  '012_button_availability': m012,
  '013_chat_buttons': m013,
  '014_visitor_monitoring': m014,
  '015_goals': m015,
  '016_invite_event_website': m016,
  '017_follow_ups': m017,
  '018_goals_sales': m018,
  '019_agent_tools': m019,
  '020_canned_responses': m020,
  '021_web_tabs': m021,
};
