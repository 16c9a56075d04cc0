const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!@#%&*?';

/** A strong random password ("Generate" buttons): 16 characters from a 64-symbol alphabet, 96 bits. */
export function generatePassword(length = 16): string {
  const bytes = new Uint8Array(length);
  globalThis.crypto.getRandomValues(bytes);
  // 64 symbols: a byte modulo 64 is uniform.
  return Array.from(bytes, (b) => ALPHABET[b % 64]).join('');
}
