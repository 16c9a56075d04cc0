import type { Config } from '../environment.js';
import type { Db } from '../db/database.js';
import type { Bus } from '../bus/index.js';
import type { DomainEvents } from '../events/index.js';
import type { Actor } from '../modules/identity/index.js';

/** Who may call a route: anyone, any signed-in user (default under /api), or managers only. */
export type Access = 'public' | 'user' | 'manager';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    config: Config;
    bus: Bus;
    events: DomainEvents;
  }
  interface FastifyRequest {
    actor: Actor | null;
    /** Who the API request limit counts this request against: `user:<id>` once the session is known, else
     * `ip:<address>`. Never the session token. */
    clientKey: string;
  }
  interface FastifyContextConfig {
    access?: Access;
  }
}

/** The signed-in actor of a route that is not public (the guard has already checked it). */
export function actorOf(req: { actor: Actor | null }): Actor {
  if (!req.actor) throw new Error('actorOf() used on a public route');
  return req.actor;
}
