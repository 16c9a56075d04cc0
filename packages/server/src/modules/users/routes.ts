import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CreateUser,
  ErrorBody,
  Id,
  PHOTO_MAX_BYTES,
  UpdateUser,
  User,
  UserListQuery,
  UserPage,
} from '@parley/protocol';
import { ErrorCode } from '@parley/protocol';
import { actorOf } from '../../http/context.js';
import { AppError } from '../../errors.js';
import { readUpload } from '../files/index.js';
import * as users from './service.js';

const manager = { access: 'manager' } as const;
const params = z.object({ id: Id });
const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export async function userRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['users'];

  r.get(
    '/api/users',
    { config: manager, schema: { tags, querystring: UserListQuery, response: { 200: UserPage } } },
    async (req) => users.listUsers(app.db, actorOf(req), req.query),
  );

  r.post(
    '/api/users',
    { config: manager, schema: { tags, body: CreateUser, response: { 201: User, ...errors } } },
    async (req, reply) => reply.status(201).send(await users.createUser(app.db, actorOf(req), req.body)),
  );

  r.get(
    '/api/users/:id',
    { config: manager, schema: { tags, params, response: { 200: User, ...errors } } },
    async (req) => users.getUser(app.db, actorOf(req), req.params.id),
  );

  r.patch(
    '/api/users/:id',
    {
      config: manager,
      schema: {
        tags,
        summary: 'Change a user; `{ "deleted": false }` restores a deleted user',
        params,
        body: UpdateUser,
        response: { 200: User, ...errors },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      return users.updateUser(app, actor, req.params.id, req.body);
    },
  );

  r.delete(
    '/api/users/:id',
    {
      config: manager,
      schema: { tags, summary: 'Soft-delete a user', params, response: { 204: z.null(), ...errors } },
    },
    async (req, reply) => {
      await users.deleteUser(app, actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/api/users/:id/photo',
    {
      config: manager,
      schema: {
        tags,
        summary: 'Upload a profile photo (multipart field `file`: PNG, JPEG, GIF or WebP, at most 2 MB)',
        params,
        consumes: ['multipart/form-data'],
        response: { 200: User, ...errors },
      },
    },
    async (req) => {
      const part = await req.file({ limits: { fileSize: PHOTO_MAX_BYTES, files: 1 } });
      if (!part) {
        throw new AppError(ErrorCode.validationFailed, 'Attach a photo', 400, { file: 'Attach a photo' });
      }
      const data = await readUpload(part, PHOTO_MAX_BYTES, users.photoTooLarge);
      return users.setPhoto(app.db, actorOf(req), req.params.id, { data, filename: part.filename });
    },
  );

  r.delete(
    '/api/users/:id/photo',
    { config: manager, schema: { tags, params, response: { 200: User, ...errors } } },
    async (req) => users.removePhoto(app.db, actorOf(req), req.params.id),
  );
}
