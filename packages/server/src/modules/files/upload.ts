import type { MultipartFile } from '@fastify/multipart';
import { ErrorCode, UNSTORABLE_TEXT_MESSAGE, isStorableText } from '@parley/protocol';
import { AppError } from '../../errors.js';

/**
 * Reads one uploaded file completely, refusing it with `tooLarge()` when it is over `maxBytes` (whether the
 * multipart parser throws or only marks the stream truncated), and refusing a file name the database cannot
 * store (multipart bodies do not pass the routes' schemas, so the edge's rule is applied here).
 */
export async function readUpload(
  part: MultipartFile,
  maxBytes: number,
  tooLarge: () => AppError,
): Promise<Buffer> {
  let data: Buffer;
  try {
    data = await part.toBuffer();
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 413) throw tooLarge();
    throw err;
  }
  if (part.file.truncated || data.length > maxBytes) throw tooLarge();
  if (!isStorableText(part.filename))
    throw new AppError(ErrorCode.validationFailed, 'The file name is not valid', 400, {
      file: UNSTORABLE_TEXT_MESSAGE,
    });
  return data;
}
