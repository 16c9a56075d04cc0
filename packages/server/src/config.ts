import { z } from 'zod';
import path from 'node:path';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'Use true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const url = (what: string) => z.url({ message: `${what} must be a URL` });

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
  SECRET_KEY: z.string().min(32, 'SECRET_KEY must be at least 32 characters').optional(),
  HELP_URL: url('HELP_URL').default('https://help.parley.chat/'),
  ADMIN_EMAIL: z.email({ message: 'ADMIN_EMAIL must be an email address' }).optional(),
  ADMIN_PASSWORD: z.string().min(10, 'ADMIN_PASSWORD must be at least 10 characters').optional(),
  TRUST_PROXY: bool.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(24 * 14),
  LOGIN_RATE_PER_IP: z.coerce.number().int().min(1).default(20),
  LOGIN_RATE_PER_EMAIL: z.coerce.number().int().min(1).default(8),
  LOGIN_RATE_WINDOW_SECONDS: z.coerce.number().int().min(1).default(300),
  API_RATE_PER_MINUTE: z.coerce.number().int().min(1).default(1200),
  VISITOR_FRAMES_PER_SECOND: z.coerce.number().int().min(1).default(10),
  EXIT_WITH_PARENT: bool.default(false),
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
  secretKey: string | undefined;
  helpUrl: string;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  trustProxy: boolean;
  logLevel: string;
  sessionTtlHours: number;
  loginRatePerIp: number;
  loginRatePerEmail: number;
  loginRateWindowSeconds: number;
  apiRatePerMinute: number;
  /** Frames a visitor socket may send per second (bursts of four times as many); beyond: rate_limited. */
  visitorFramesPerSecond: number;
  /** Stop when the process that started this one goes away (test and benchmark harnesses). */
  exitWithParent: boolean;
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
    secretKey: c.SECRET_KEY,
    helpUrl: c.HELP_URL,
    adminEmail: c.ADMIN_EMAIL,
    adminPassword: c.ADMIN_PASSWORD,
    trustProxy: c.TRUST_PROXY,
    logLevel: c.LOG_LEVEL,
    sessionTtlHours: c.SESSION_TTL_HOURS,
    loginRatePerIp: c.LOGIN_RATE_PER_IP,
    loginRatePerEmail: c.LOGIN_RATE_PER_EMAIL,
    loginRateWindowSeconds: c.LOGIN_RATE_WINDOW_SECONDS,
    apiRatePerMinute: c.API_RATE_PER_MINUTE,
    visitorFramesPerSecond: c.VISITOR_FRAMES_PER_SECOND,
    exitWithParent: c.EXIT_WITH_PARENT,
  };
}
