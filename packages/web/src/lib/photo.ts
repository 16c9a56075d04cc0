import { PHOTO_MAX_BYTES, PHOTO_TYPES } from '@livechat/protocol';

export const PHOTO_ACCEPT = PHOTO_TYPES.join(',');
export const PHOTO_HINT = `PNG, JPEG, GIF or WebP, at most ${PHOTO_MAX_BYTES / 1024 / 1024} MB`;

/** The same checks the server makes, so a wrong file is refused before it is sent. */
export function photoProblem(file: File): string | null {
  if (!(PHOTO_TYPES as readonly string[]).includes(file.type)) {
    return `“${file.name}” is not a supported image. Use ${PHOTO_HINT}.`;
  }
  if (file.size > PHOTO_MAX_BYTES) {
    const mb = (file.size / 1024 / 1024).toFixed(1);
    return `“${file.name}” is ${mb} MB; a photo can be at most ${PHOTO_MAX_BYTES / 1024 / 1024} MB.`;
  }
  return null;
}
