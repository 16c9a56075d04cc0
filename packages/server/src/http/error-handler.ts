import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ErrorCode, type ErrorBody } from '@parley/protocol';
import { isDatabaseUnavailable, UNAVAILABLE_MESSAGE } from '../db/unavailable.js';
import { AppError } from '../errors.js';

const codeByStatus: Record<number, ErrorCode> = {
  400: ErrorCode.validationFailed,
  401: ErrorCode.unauthenticated,
  403: ErrorCode.forbidden,
  404: ErrorCode.notFound,
  409: ErrorCode.conflict,
  413: ErrorCode.payloadTooLarge,
  415: ErrorCode.unsupportedMediaType,
  429: ErrorCode.rateLimited,
  431: ErrorCode.payloadTooLarge,
  408: ErrorCode.validationFailed,
};

const body = (code: string, message: string, fields?: Record<string, string>): ErrorBody => ({
  error: fields ? { code, message, fields } : { code, message },
});

/** One error handler: AppError and validation errors become `{ error: { code, message, fields? } }`; 5xx hide details. */
export function installErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError | AppError, req, reply) => {
    if (err instanceof AppError) {
      if (err.headers) reply.headers(err.headers);
      return reply.status(err.status).send(body(err.code, err.message, err.fields));
    }
    // Schema validation (zod, and the edge's storable-text rule in http/validator.ts) in Fastify's shape.
    if (Array.isArray(err.validation) && err.validation.length > 0) {
      const fields: Record<string, string> = {};
      for (const issue of err.validation) {
        const key =
          issue.instancePath.replace(/^\//, '').replaceAll('/', '.') || (err.validationContext ?? 'body');
        fields[key] ??= issue.message ?? 'Invalid value';
      }
      return reply.status(400).send(body(ErrorCode.validationFailed, 'Some fields are not valid', fields));
    }
    const status = err.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return reply.status(status).send(body(codeByStatus[status] ?? ErrorCode.validationFailed, err.message));
    }
    if (isDatabaseUnavailable(err)) {
      // Nothing was done; the pool reconnects by itself. Clients may send the same request again.
      req.log.warn({ err: err.message }, 'database unreachable');
      return reply
        .status(503)
        .header('retry-after', '2')
        .send(body(ErrorCode.unavailable, UNAVAILABLE_MESSAGE));
    }
    req.log.error({ err }, 'request failed');
    return reply.status(500).send(body(ErrorCode.internal, 'Something went wrong on our side'));
  });
}

/**
 * Errors Fastify answers before routing (a path that is not valid percent-encoding, FST_ERR_BAD_URL): in the
 * same shape as every other error.
 */
export function frameworkErrors(err: FastifyError, _req: FastifyRequest, reply: FastifyReply): void {
  const status = err.statusCode && err.statusCode < 500 ? err.statusCode : 400;
  void reply
    .status(status)
    .send(body(codeByStatus[status] ?? ErrorCode.validationFailed, 'The address is not valid'));
}

/**
 * Requests Node's HTTP parser refuses (headers too large, a NUL or control character in a header, a broken
 * request line) never reach Fastify: answered on the socket, in the same shape as every other error.
 */
export function clientErrorHandler(err: NodeJS.ErrnoException, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, message] =
    err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'The request took too long']
      : err.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'The request headers (or the address) are too large']
        : [400, 'The request is not valid HTTP'];
  const json = JSON.stringify(body(codeByStatus[status] ?? ErrorCode.validationFailed, message));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(json)}\r\n` +
        `Content-Type: application/json\r\nConnection: close\r\n\r\n${json}`,
    );
  }
  socket.destroy();
}
