import { normalizeIP } from '@fastify/rate-limit';

/**
 * The key a client address is limited by (sign-in counters, API and visitor limits): IPv4 as itself (also when
 * written IPv4-mapped), IPv6 by its /64 — one subscriber usually holds a whole /64 and could otherwise take a
 * fresh address for every request. `req.ip` is already the client's address as TRUST_PROXY decides, for
 * requests and sockets alike.
 */
export const addressKey = (ip: string): string => normalizeIP(ip, 64);
