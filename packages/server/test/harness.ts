import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { CSRF_HEADER, type Me } from '@parley/protocol';
import { loadConfig, type Config } from '../src/environment.js';
import { openDatabase, type DatabaseHandle } from '../src/db/database.js';
import { startRuntime, type Runtime } from '../src/runtime.js';

export const ADMIN = { email: 'admin@example.com', password: 'admin-password-1' };

/** A fresh, migrated database: a PGlite loaded from the run's dump, or a copy of the PostgreSQL template. */
export async function freshDatabase(): Promise<DatabaseHandle & { name?: string }> {
  const template = inject('pgTemplate');
  const url = process.env.DATABASE_URL;
  if (template && url) {
    const name = `parley_t_${process.pid}_${randomUUID().slice(0, 8)}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name} template ${template}`);
    await admin.end();
    const u = new URL(url);
    u.pathname = `/${name}`;
    const handle = await openDatabase({ databaseUrl: u.toString() });
    return {
      ...handle,
      name,
      close: async () => {
        await handle.close();
        const a = new pg.Client({ connectionString: url });
        await a.connect();
        await a.query(`drop database if exists ${name} with (force)`);
        await a.end();
      },
    };
  }
  return openDatabase({ pgliteDump: inject('pgliteDump') });
}

export type TestApp = {
  url: string;
  runtime: Runtime;
  config: Config;
  /** A client signed in as the Demo account's manager. */
  admin: TestClient;
  close(): Promise<void>;
};

/** Starts the real app on a random port with a fresh database, as `npm start` would. */
export async function startTestApp(
  env: Record<string, string> = {},
  database?: DatabaseHandle,
  /** Receives the app's error logs (pino JSON lines), for tests that assert nothing failed on our side. */
  errorLog?: { write(line: string): void },
): Promise<TestApp> {
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    LOGIN_RATE_PER_IP: '1000',
    LOGIN_RATE_PER_EMAIL: '50',
    API_RATE_PER_MINUTE: '100000',
    // Tests and benchmarks open many visitors from one address (127.0.0.1).
    VISITOR_SOCKETS_PER_IP: '100000',
    VISITOR_HELLOS_PER_IP_PER_MINUTE: '100000',
    VISITOR_CHATS_PER_IP_PER_MINUTE: '100000',
    VISITOR_UPLOADS_PER_IP_PER_HOUR: '100000',
    WIDGET_CONFIG_PER_IP_PER_MINUTE: '100000',
    ...(process.env.REDIS_URL
      ? { REDIS_URL: process.env.REDIS_URL, REDIS_PREFIX: `test:${randomUUID()}:` }
      : {}),
    ...env,
  });
  const logger = errorLog
    ? { level: 'error', stream: errorLog }
    : process.env.TEST_LOG
      ? { level: process.env.TEST_LOG }
      : false;
  const runtime = await startRuntime(config, { database: database ?? (await freshDatabase()), logger });
  await runtime.app.listen({ port: 0, host: '127.0.0.1' });
  const address = runtime.app.server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  const url = `http://127.0.0.1:${address.port}`;
  const admin = await TestClient.login(url, ADMIN.email, ADMIN.password);
  return { url, runtime, config, admin, close: () => runtime.stop() };
}

export type Res<T = unknown> = { status: number; body: T; headers: Headers };

/** A cookie-keeping HTTP client that sends the CSRF token like the web app does. */
export class TestClient {
  cookie = '';
  csrf = '';
  me: Me | undefined;
  constructor(readonly baseUrl: string) {}

  static async login(baseUrl: string, email: string, password: string): Promise<TestClient> {
    const c = new TestClient(baseUrl);
    const res = await c.post<Me>('/api/auth/login', { email, password });
    if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
    return c;
  }

  async request<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Res<T>> {
    const h: Record<string, string> = { ...headers };
    if (this.cookie) h.cookie = this.cookie;
    if (this.csrf && method !== 'GET') h[CSRF_HEADER] = this.csrf;
    let payload: BodyInit | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      h['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const res = await fetch(this.baseUrl + path, { method, headers: h, body: payload, redirect: 'manual' });
    const setCookie = res.headers.getSetCookie();
    for (const sc of setCookie) {
      const [pair] = sc.split(';');
      if (pair?.startsWith('sid=')) this.cookie = pair.endsWith('=') ? '' : pair;
    }
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON */
    }
    if (path === '/api/auth/login' || path === '/api/me') {
      if (res.status === 200) {
        this.me = parsed as Me;
        this.csrf = this.me.csrfToken;
      }
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  get<T = unknown>(path: string) {
    return this.request<T>('GET', path);
  }
  post<T = unknown>(path: string, body?: unknown) {
    return this.request<T>('POST', path, body);
  }
  patch<T = unknown>(path: string, body?: unknown) {
    return this.request<T>('PATCH', path, body);
  }
  put<T = unknown>(path: string, body?: unknown) {
    return this.request<T>('PUT', path, body);
  }
  delete<T = unknown>(path: string) {
    return this.request<T>('DELETE', path);
  }
}
