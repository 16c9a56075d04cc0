import type { FastifyRequest } from 'fastify';

/**
 * Credentials that travel in an address: a token link's path (`/exports/t/<token>/…`, EXP-9) and a visitor's
 * token in the query of the widget's keyless requests (`/widget/invite-events?…&token=`). Request logs keep the
 * address without them; tokens are stored hashed, and must not be readable in the logs either.
 */
export function redactUrl(url: string): string {
  return url
    .replace(/^(\/exports\/t\/)[^/?#]+/, '$1[redacted]')
    .replace(/([?&]token=)[^&#]*/g, '$1[redacted]');
}

/** Fastify's request serializer, with the address redacted (the other fields as Fastify logs them). */
export function serializeRequest(req: FastifyRequest) {
  return {
    method: req.method,
    url: redactUrl(req.url),
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}

/** The logger option with the redacting serializer added (false stays false: no logger). */
export function withRedactedRequests(logger: boolean | object): boolean | object {
  if (logger === false) return false;
  return { ...(logger === true ? {} : logger), serializers: { req: serializeRequest } };
}
