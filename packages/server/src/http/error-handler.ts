import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ErrorCode, type ErrorBody } from '@livechat/protocol';
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
    if (hasZodFastifySchemaValidationErrors(err)) {
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
