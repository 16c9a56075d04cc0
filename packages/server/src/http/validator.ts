import type { FastifySchemaCompiler, FastifySchemaValidationError } from 'fastify';
import { validatorCompiler as zodValidatorCompiler } from 'fastify-type-provider-zod';
import type { ZodType } from 'zod';
import { UNSTORABLE_TEXT_MESSAGE, unstorableTextAt } from '@parley/protocol';

/**
 * Every route's schema validation (body, query string, path parameters, headers): the route's zod schema, then
 * one rule for all of them — no string that reaches the code may hold what the database cannot store (NUL, an
 * unpaired surrogate). Checked on what the schema let through, so unknown keys it strips do not count.
 */
export const validatorCompiler: FastifySchemaCompiler<ZodType> = (route) => {
  const validate = zodValidatorCompiler(route);
  return (data) => {
    const result = validate(data) as { value?: unknown; error?: FastifySchemaValidationError[] };
    if (result.error) return result;
    const path = unstorableTextAt(result.value);
    if (!path) return result;
    const error: FastifySchemaValidationError = {
      keyword: 'storable',
      instancePath: path.length ? `/${path.join('/')}` : '',
      schemaPath: '#/storable',
      params: {},
      message: UNSTORABLE_TEXT_MESSAGE,
    };
    return { error: [error] };
  };
};
