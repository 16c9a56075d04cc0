import type { FastifyRequest } from 'fastify';
import type { Config } from '../environment.js';

/** The URL visitors' browsers reach this server at: PUBLIC_URL, else what the request was addressed to. */
export function publicBaseUrl(config: Config, req: FastifyRequest): string {
  return config.publicUrl ?? `${req.protocol}://${req.host}`;
}
