import { z } from 'zod';
import path from 'node:path';
import ipaddr from 'ipaddr.js';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'Use true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const url = (what: string) => z.url({ message: `${what} must be a URL` });

const count = (name: string) =>
  z.coerce
    .number({ message: `${name} must be a whole number` })
    .int(`${name} must be a whole number`)
    .min(1, `${name} must be at least 1`);

/** proxy-addr's names for whole ranges, which Fastify's trustProxy also takes. */
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isProxyAddress(entry: string): boolean {
  if (PROXY_RANGE_NAMES.has(entry)) return true;
  const address = entry.split('/')[0]!;
  // Strict forms only: ipaddr.js alone would also take `1.5` or hex parts.
  const strict = address.includes(':')
    ? ipaddr.IPv6.isValid(address)
    : ipaddr.IPv4.isValidFourPartDecimal(address);
  try {
    if (entry.includes('/')) ipaddr.parseCIDR(entry);
    return strict;
  } catch {
    return false;
  }
}

/**
 * Which proxies' X-Forwarded-For entries to believe: none (`false`, the default), the last N hops, or the hops
 * that come from these addresses. `true` (every hop) is refused: a client could then choose its own address.
 */
const TrustProxy = z
  .string()
  .trim()
  .transform((v, ctx): false | number | string[] => {
    const lower = v.toLowerCase();
    if (lower === 'false' || lower === 'no' || lower === '0') return false;
    if (lower === 'true' || lower === 'yes') {
      ctx.addIssue({
        code: 'custom',
        message:
          '`true` would believe every X-Forwarded-For entry, so any client could choose its own address ' +
          '(and get around IP allow lists and sign-in limits). Give the number of proxies in front of Parley ' +
          '(TRUST_PROXY=1 behind one load balancer) or their addresses or subnets, comma-separated ' +
          '(TRUST_PROXY=10.0.0.0/8,192.168.1.10)',
      });
      return z.NEVER;
    }
    if (/^\d+$/.test(v)) return Number(v);
    const entries = v.split(',').map((e) => e.trim());
    const bad = entries.find((e) => !isProxyAddress(e));
    if (bad !== undefined) {
      ctx.addIssue({
        code: 'custom',
        message: `“${bad}” is not a number of proxies, an IP address or a subnet (e.g. 1, or 10.0.0.0/8,192.168.1.10)`,
      });
      return z.NEVER;
    }
    return entries;
  });

/** A 256-bit key: 64 hex digits or 44 characters of base64 (`openssl rand -base64 32`). */
const SecretKey = (name: string) =>
  z.string().transform((v, ctx) => {
    const t = v.trim();
    const key = /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
    if (key.length !== 32 || (!/^[0-9a-fA-F]{64}$/.test(t) && key.toString('base64') !== t)) {
      ctx.addIssue({
        code: 'custom',
        message: `${name} must be 32 random bytes as 64 hex digits or base64 (openssl rand -base64 32)`,
      });
      return z.NEVER;
    }
    return key;
  });

const ConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('0.0.0.0'),
  PORT: z.coerce
    .number({ message: 'PORT must be a number' })
    .int()
    .min(0, 'PORT must be between 0 and 65535')
    .max(65535, 'PORT must be between 0 and 65535')
    .default(3000),
  PUBLIC_URL: url('PUBLIC_URL').optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://')
    .optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'REDIS_URL must start with redis:// or rediss://')
    .optional(),
  REDIS_PREFIX: z.string().max(100).default('parley:'),
  HELP_URL: url('HELP_URL').default('https://help.parley.chat/'),
  ADMIN_EMAIL: z.email({ message: 'ADMIN_EMAIL must be an email address' }).optional(),
  ADMIN_PASSWORD: z.string().min(10, 'ADMIN_PASSWORD must be at least 10 characters').optional(),
  TRUST_PROXY: TrustProxy.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(24 * 14),
  LOGIN_RATE_PER_IP: count('LOGIN_RATE_PER_IP').default(20),
  LOGIN_RATE_PER_EMAIL: count('LOGIN_RATE_PER_EMAIL').default(8),
  LOGIN_RATE_PER_EMAIL_TOTAL: count('LOGIN_RATE_PER_EMAIL_TOTAL').default(100),
  LOGIN_RATE_WINDOW_SECONDS: count('LOGIN_RATE_WINDOW_SECONDS').default(300),
  API_RATE_PER_MINUTE: count('API_RATE_PER_MINUTE').default(1200),
  VISITOR_FRAMES_PER_SECOND: count('VISITOR_FRAMES_PER_SECOND').default(10),
  COBROWSE_FRAMES_PER_SECOND: count('COBROWSE_FRAMES_PER_SECOND').default(20),
  COBROWSE_BYTES_PER_SECOND: count('COBROWSE_BYTES_PER_SECOND').default(512 * 1024),
  VISITOR_SOCKETS_PER_IP: count('VISITOR_SOCKETS_PER_IP').default(200),
  VISITOR_HELLOS_PER_IP_PER_MINUTE: count('VISITOR_HELLOS_PER_IP_PER_MINUTE').default(300),
  VISITOR_CHATS_PER_IP_PER_MINUTE: count('VISITOR_CHATS_PER_IP_PER_MINUTE').default(10),
  VISITOR_UPLOADS_PER_IP_PER_HOUR: count('VISITOR_UPLOADS_PER_IP_PER_HOUR').default(60),
  VISITOR_UPLOADS_PER_CHAT: count('VISITOR_UPLOADS_PER_CHAT').default(20),
  WIDGET_CONFIG_PER_IP_PER_MINUTE: count('WIDGET_CONFIG_PER_IP_PER_MINUTE').default(600),
  WIDGET_REFRESH_SECONDS: count('WIDGET_REFRESH_SECONDS').default(30),
  BEACONS_PER_IP_PER_MINUTE: count('BEACONS_PER_IP_PER_MINUTE').default(1200),
  BEACONS_PER_VISITOR_PER_MINUTE: count('BEACONS_PER_VISITOR_PER_MINUTE').default(60),
  VISITOR_COUNTRY_HEADER: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9-]{1,64}$/, 'VISITOR_COUNTRY_HEADER must be a header name such as CF-IPCountry')
    .optional(),
  EXPORT_LINK_DOWNLOADS_PER_IP_PER_MINUTE: count('EXPORT_LINK_DOWNLOADS_PER_IP_PER_MINUTE').default(30),
  EXIT_WITH_PARENT: bool.default(false),
  SECRETS_KEY: SecretKey('SECRETS_KEY').optional(),
  SECRETS_OLD_KEYS: z
    .string()
    .transform((v, ctx) => {
      const keys = v
        .split(',')
        .map((k) => k.trim())
        .filter(Boolean);
      for (const k of keys) {
        const parsed = SecretKey('SECRETS_OLD_KEYS').safeParse(k);
        if (!parsed.success) {
          ctx.addIssue({ code: 'custom', message: parsed.error.issues[0]!.message });
          return z.NEVER;
        }
      }
      return keys.map((k) => SecretKey('SECRETS_OLD_KEYS').parse(k));
    })
    .optional(),
  SMTP_TIMEOUT_SECONDS: count('SMTP_TIMEOUT_SECONDS')
    .max(300, 'SMTP_TIMEOUT_SECONDS is at most 300')
    .default(20),
  FOLLOW_UP_ATTEMPTS: count('FOLLOW_UP_ATTEMPTS').max(50, 'FOLLOW_UP_ATTEMPTS is at most 50').default(8),
  FOLLOW_UP_RETRY_SECONDS: count('FOLLOW_UP_RETRY_SECONDS').default(60),
  FOLLOW_UP_ANSWER_DELAY_SECONDS: z.coerce
    .number({ message: 'FOLLOW_UP_ANSWER_DELAY_SECONDS must be a whole number' })
    .int('FOLLOW_UP_ANSWER_DELAY_SECONDS must be a whole number')
    .min(0, 'FOLLOW_UP_ANSWER_DELAY_SECONDS must be 0 or more')
    .default(60),
});

export type Config = {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  publicUrl: string | undefined;
  dataDir: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  /** Prefix of every Redis key and channel, so installations (or test runs) can share one Redis. */
  redisPrefix: string;
  helpUrl: string;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  /** Proxies whose X-Forwarded-For entries are believed: none, the last N hops, or these addresses/subnets. */
  trustProxy: false | number | string[];
  logLevel: string;
  sessionTtlHours: number;
  /** Failed sign-ins from one address (any email) within a window before it must wait (back-off). */
  loginRatePerIp: number;
  /** Failed sign-ins for one email address from one address within a window before that pair must wait. */
  loginRatePerEmail: number;
  /** Failed sign-ins for one email address from everywhere; applies to addresses without a recent success. */
  loginRatePerEmailTotal: number;
  loginRateWindowSeconds: number;
  /** REST requests per minute per signed-in user, or per address without a session. */
  apiRatePerMinute: number;
  /** Frames a visitor socket may send per second (bursts of four times as many); beyond: rate_limited. */
  visitorFramesPerSecond: number;
  /**
   * TLS-5: screen sharing's own budget per visitor socket: frames per second (bursts of three times as many) and
   * bytes per second (bursts of a full snapshot, COBROWSE_BATCH_MAX); beyond, the events are dropped with a
   * `rate_limited` error (the widget sends a full snapshot a moment later) and the agent is told.
   */
  cobrowseFramesPerSecond: number;
  cobrowseBytesPerSecond: number;
  /** Visitor sockets open at once from one address (all instances together when Redis is configured). */
  visitorSocketsPerIp: number;
  visitorHellosPerIpPerMinute: number;
  visitorChatsPerIpPerMinute: number;
  visitorUploadsPerIpPerHour: number;
  /** Files a visitor may send in one chat. */
  visitorUploadsPerChat: number;
  widgetConfigPerIpPerMinute: number;
  /** How often a visible page's loader asks /widget/config again (INV-1: the widget follows agents). */
  widgetRefreshSeconds: number;
  /** TLS-6: beacons (page views and heartbeats) per address and minute; a heartbeat is one per 10 s per tab. */
  beaconsPerIpPerMinute: number;
  /** Beacons per visitor (token) and minute, from every address together. */
  beaconsPerVisitorPerMinute: number;
  /**
   * A request header set by a trusted proxy in front of Parley with the visitor's country (two letters), e.g.
   * `cf-ipcountry` behind Cloudflare. Unset (the default): no country is stored. Only set it when every request
   * passes that proxy, which overwrites the header (a client could otherwise choose its own country).
   */
  visitorCountryHeader: string | undefined;
  /** Downloads through export token links (EXP-9) per address and minute; beyond: 429. */
  exportLinkDownloadsPerIpPerMinute: number;
  /** Stop when the process that started this one goes away (test and benchmark harnesses). */
  exitWithParent: boolean;
  /**
   * The key that encrypts secrets at rest (SMTP passwords, FUP-1); without it, `DATA_DIR/secrets.key`, made on
   * first use. `secretsOldKeys`: earlier keys, still read while what they encrypted is encrypted again.
   */
  secretsKey: Buffer | undefined;
  secretsOldKeys: Buffer[];
  /** How long one SMTP exchange may take (connecting, TLS, greeting, each answer) before it counts as failed. */
  smtpTimeoutSeconds: number;
  /** Attempts at a follow-up email before it is listed as failed (FUP-2). */
  followUpAttempts: number;
  /** The wait before the second attempt; it doubles with each attempt after that (at most six hours). */
  followUpRetrySeconds: number;
  /** An agent's answer to an NRT chat is mailed after this long, so that a few quick messages go in one email. */
  followUpAnswerDelaySeconds: number;
};

export class ConfigError extends Error {}

/** Reads and validates the environment; the only place that reads `process.env`. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ConfigSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  return {
    env: c.NODE_ENV,
    host: c.HOST,
    port: c.PORT,
    publicUrl: c.PUBLIC_URL?.replace(/\/$/, ''),
    dataDir: path.resolve(c.DATA_DIR),
    databaseUrl: c.DATABASE_URL,
    redisUrl: c.REDIS_URL,
    redisPrefix: c.REDIS_PREFIX,
    helpUrl: c.HELP_URL,
    adminEmail: c.ADMIN_EMAIL,
    adminPassword: c.ADMIN_PASSWORD,
    trustProxy: c.TRUST_PROXY,
    logLevel: c.LOG_LEVEL,
    sessionTtlHours: c.SESSION_TTL_HOURS,
    loginRatePerIp: c.LOGIN_RATE_PER_IP,
    loginRatePerEmail: c.LOGIN_RATE_PER_EMAIL,
    loginRatePerEmailTotal: c.LOGIN_RATE_PER_EMAIL_TOTAL,
    loginRateWindowSeconds: c.LOGIN_RATE_WINDOW_SECONDS,
    apiRatePerMinute: c.API_RATE_PER_MINUTE,
    visitorFramesPerSecond: c.VISITOR_FRAMES_PER_SECOND,
    cobrowseFramesPerSecond: c.COBROWSE_FRAMES_PER_SECOND,
    cobrowseBytesPerSecond: c.COBROWSE_BYTES_PER_SECOND,
    visitorSocketsPerIp: c.VISITOR_SOCKETS_PER_IP,
    visitorHellosPerIpPerMinute: c.VISITOR_HELLOS_PER_IP_PER_MINUTE,
    visitorChatsPerIpPerMinute: c.VISITOR_CHATS_PER_IP_PER_MINUTE,
    visitorUploadsPerIpPerHour: c.VISITOR_UPLOADS_PER_IP_PER_HOUR,
    visitorUploadsPerChat: c.VISITOR_UPLOADS_PER_CHAT,
    widgetConfigPerIpPerMinute: c.WIDGET_CONFIG_PER_IP_PER_MINUTE,
    widgetRefreshSeconds: c.WIDGET_REFRESH_SECONDS,
    exportLinkDownloadsPerIpPerMinute: c.EXPORT_LINK_DOWNLOADS_PER_IP_PER_MINUTE,
    beaconsPerIpPerMinute: c.BEACONS_PER_IP_PER_MINUTE,
    beaconsPerVisitorPerMinute: c.BEACONS_PER_VISITOR_PER_MINUTE,
    visitorCountryHeader: c.VISITOR_COUNTRY_HEADER,
    exitWithParent: c.EXIT_WITH_PARENT,
    secretsKey: c.SECRETS_KEY,
    secretsOldKeys: c.SECRETS_OLD_KEYS ?? [],
    smtpTimeoutSeconds: c.SMTP_TIMEOUT_SECONDS,
    followUpAttempts: c.FOLLOW_UP_ATTEMPTS,
    followUpRetrySeconds: c.FOLLOW_UP_RETRY_SECONDS,
    followUpAnswerDelaySeconds: c.FOLLOW_UP_ANSWER_DELAY_SECONDS,
  };
}
