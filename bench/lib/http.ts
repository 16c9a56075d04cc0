import { CSRF_HEADER, SESSION_COOKIE, type Me, type User, type WebsiteList } from '@parley/protocol';

/** A signed-in person on the REST API: the session cookie plus the CSRF token, as the web app sends them. */
export class Session {
  private constructor(
    readonly baseUrl: string,
    readonly cookie: string,
    readonly csrf: string,
    readonly me: Me,
  ) {}

  static async login(baseUrl: string, email: string, password: string): Promise<Session> {
    const res = await fetch(`${baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    if (res.status !== 200) throw new Error(`login as ${email} failed: ${res.status} ${await res.text()}`);
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0]!)
      .find((c) => c.startsWith(`${SESSION_COOKIE}=`));
    if (!cookie) throw new Error('login set no session cookie');
    const me = (await res.json()) as Me;
    return new Session(baseUrl, cookie, me.csrfToken, me);
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { cookie: this.cookie };
    if (method !== 'GET') headers[CSRF_HEADER] = this.csrf;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(this.baseUrl + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : null) as T;
  }

  /** The Demo account's website (host `localhost`): the visitor sockets' `site`. */
  async websiteId(): Promise<string> {
    const list = await this.request<WebsiteList>('GET', '/api/websites');
    const site = list.items[0];
    if (!site) throw new Error('the account has no website');
    return site.id;
  }

  /** An agent with this live chat limit (null: unlimited) and unlimited NRT chats. */
  createAgent(i: number, password: string, liveChatLimit: number | null = null): Promise<User> {
    return this.request<User>('POST', '/api/users', {
      email: `bench-agent-${i}@example.com`,
      password,
      firstName: `Agent${i}`,
      lastName: 'Bench',
      rights: 'agent',
      liveChatLimit,
      nrtChatLimit: null,
    });
  }
}

/** Runs `fn` over `items` with at most `limit` at a time. */
export async function pool<T, R>(
  items: T[],
  limit: number,
  fn: (item: T, i: number) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
