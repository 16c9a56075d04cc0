import type { MultipartFile } from '@fastify/multipart';
import type { AppError } from '../../errors.js';

/**
 * Reads one uploaded file completely, refusing it with `tooLarge()` when it is over `maxBytes` (whether the
 * multipart parser throws or only marks the stream truncated).
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
  return data;
}
