import { PHOTO_MAX_BYTES, PHOTO_TYPES } from '@parley/protocol';
import { t } from '../i18n';

export const PHOTO_ACCEPT = PHOTO_TYPES.join(',');
export const photoHint = () => t('photo.hint', { mb: PHOTO_MAX_BYTES / 1024 / 1024 });

/** The same checks the server makes, so a wrong file is refused before it is sent. */
export function photoProblem(file: File): string | null {
  if (!(PHOTO_TYPES as readonly string[]).includes(file.type)) {
    return t('photo.notImage', { name: file.name, hint: photoHint() });
  }
  if (file.size > PHOTO_MAX_BYTES) {
    return t('photo.tooLarge', {
      name: file.name,
      size: file.size / 1024 / 1024,
      max: PHOTO_MAX_BYTES / 1024 / 1024,
    });
  }
  return null;
}
