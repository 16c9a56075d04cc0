import type { MultipartFile } from '@fastify/multipart';
import { ATTACHMENT_MAX_BYTES, ErrorCode } from '@parley/protocol';
import { AppError } from '../../errors.js';
import { classifyAttachment, readUpload, storedFileName } from '../files/index.js';

export type Attachment = { data: Buffer; filename: string; contentType: string };

/** Reads one uploaded chat attachment and checks its size and kind (CON-7). */
export async function readAttachment(part: MultipartFile | undefined): Promise<Attachment> {
  if (!part) throw new AppError(ErrorCode.validationFailed, 'Attach a file', 400, { file: 'Attach a file' });
  const data = await readUpload(part, ATTACHMENT_MAX_BYTES, tooLarge);
  if (data.length === 0)
    throw new AppError(ErrorCode.validationFailed, 'The file is empty', 400, { file: 'The file is empty' });
  // The kind is decided on the name as sent; the stored name is shortened keeping its extension (issue 10.12).
  const contentType = classifyAttachment(data, part.filename || 'file');
  const filename = storedFileName(part.filename);
  if (!contentType) {
    throw new AppError(
      ErrorCode.unsupportedMediaType,
      'This kind of file cannot be sent: use an image, PDF, text, Word, Excel or zip file',
      415,
      { file: 'This kind of file cannot be sent' },
    );
  }
  return { data, filename, contentType };
}

const tooLarge = () =>
  new AppError(
    ErrorCode.payloadTooLarge,
    `The file is larger than ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB`,
    413,
    {
      file: 'The file is too large',
    },
  );

/** What a file message says about its file. */
export const fileMeta = (id: string, a: Attachment) => ({
  id,
  name: a.filename,
  size: a.data.length,
  contentType: a.contentType,
});
