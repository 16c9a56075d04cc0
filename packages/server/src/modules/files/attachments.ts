import { sniffImageType } from './sniff.js';

const startsWith = (data: Uint8Array, bytes: number[]) => bytes.every((b, i) => data[i] === b);

/**
 * The content type of a chat attachment, decided from its bytes (and, for zip-based office files and plain
 * text, its name), or null when it is not an accepted kind (CON-7). Never trusts the client's Content-Type.
 */
export function classifyAttachment(data: Uint8Array, filename: string): string | null {
  const image = sniffImageType(data);
  if (image) return image;
  const ext = filename.toLowerCase().split('.').pop() ?? '';
  if (startsWith(data, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf'; // %PDF-
  if (startsWith(data, [0x50, 0x4b, 0x03, 0x04])) {
    if (ext === 'docx') return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    if (ext === 'xlsx') return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    return 'application/zip';
  }
  if ((ext === 'txt' || ext === 'log' || ext === 'csv') && isText(data)) return 'text/plain';
  return null;
}

function isText(data: Uint8Array): boolean {
  if (data.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(data);
    return true;
  } catch {
    return false;
  }
}

/** Longest extension kept when a name is shortened (`.docx`, `.jpeg`; anything longer is not a real one). */
const MAX_EXTENSION = 16;

/**
 * A file name as stored and shown: path and header characters replaced, and at most `max` characters — cut
 * from the middle of the base name so the extension (which decides the kind, see `classifyAttachment`) stays.
 */
export function storedFileName(raw: string, max = 200): string {
  const name = (raw || 'file').replace(/[\r\n"\\/]/g, '_');
  const chars = [...name];
  if (chars.length <= max) return name;
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? [...name.slice(dot)] : [];
  if (ext.length === 0 || ext.length > MAX_EXTENSION) return chars.slice(0, max).join('');
  return chars.slice(0, max - ext.length).join('') + ext.join('');
}
