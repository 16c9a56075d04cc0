import { ErrorCode } from '@parley/protocol';

/** The one error type services throw; the HTTP error handler turns it into `{ error: { code, message, fields } }`. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly status: number,
    readonly fields?: Record<string, string>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new AppError(ErrorCode.notFound, `${what} not found`, 404);
export const forbidden = (message = 'You do not have the rights to do this') =>
  new AppError(ErrorCode.forbidden, message, 403);
export const conflict = (message: string, fields?: Record<string, string>) =>
  new AppError(ErrorCode.conflict, message, 409, fields);
export const invalid = (fields: Record<string, string>, message = 'Some fields are not valid') =>
  new AppError(ErrorCode.validationFailed, message, 400, fields);
