import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Config } from '../../environment.js';

/**
 * Secrets at rest (FUP-1: SMTP passwords): AES-256-GCM with a 256-bit key from SECRETS_KEY, or else from
 * `DATA_DIR/secrets.key`, made (32 random bytes, mode 0600) the first time a secret is stored. A stored secret is
 * `v1:<key id>:<base64 of iv | ciphertext | tag>`; the associated data binds it to its row (a ciphertext copied to
 * another campaign does not open). Keys in SECRETS_OLD_KEYS still open what they encrypted; `reencrypt` moves it
 * to the current key. docs/follow-ups.md, "The password and its key".
 */
export const KEY_FILE = 'secrets.key';

type Keys = { primary: Buffer; all: Buffer[] };

const keyId = (key: Buffer) => createHmac('sha256', key).update('parley key id').digest('hex').slice(0, 12);

/** Reads the key file, or makes it: written aside, then linked into place, so two processes agree on one key. */
async function keyFromFile(dataDir: string): Promise<Buffer> {
  const file = path.join(dataDir, KEY_FILE);
  const read = async () => {
    const key = Buffer.from((await fs.readFile(file, 'utf8')).trim(), 'base64');
    if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte key in base64`);
    return key;
  };
  try {
    return await read();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  await fs.mkdir(dataDir, { recursive: true });
  const temp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}`;
  await fs.writeFile(temp, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  try {
    await fs.link(temp, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    await fs.unlink(temp).catch(() => undefined);
  }
  return read();
}

export class SecretBox {
  private keys: Promise<Keys> | undefined;

  constructor(private readonly config: Pick<Config, 'secretsKey' | 'secretsOldKeys' | 'dataDir'>) {}

  private load(): Promise<Keys> {
    this.keys ??= (async () => {
      const primary = this.config.secretsKey ?? (await keyFromFile(this.config.dataDir));
      return { primary, all: [primary, ...this.config.secretsOldKeys] };
    })();
    // A failed read (a file we may not read) is tried again next time.
    this.keys.catch(() => (this.keys = undefined));
    return this.keys;
  }

  async encrypt(plain: string, boundTo: string): Promise<string> {
    const { primary } = await this.load();
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', primary, iv);
    cipher.setAAD(Buffer.from(boundTo));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `v1:${keyId(primary)}:${Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64')}`;
  }

  /** The secret, or an error saying why it cannot be read (a key that is no longer configured, a changed row). */
  async decrypt(stored: string, boundTo: string): Promise<string> {
    const { all } = await this.load();
    const [version, id, data] = stored.split(':');
    if (version !== 'v1' || !id || !data) throw new Error('The stored password is not in a known format');
    const key = all.find((k) => keyId(k) === id);
    if (!key)
      throw new Error(
        'The stored password was encrypted with a key this server does not have (SECRETS_KEY changed?): enter it again',
      );
    const raw = Buffer.from(data, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(boundTo));
    decipher.setAuthTag(raw.subarray(raw.length - 16));
    try {
      return Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString(
        'utf8',
      );
    } catch {
      throw new Error('The stored password could not be decrypted: enter it again');
    }
  }

  /** Whether a stored secret is under the current key (else `reencrypt` moves it). */
  async isCurrent(stored: string): Promise<boolean> {
    const { primary } = await this.load();
    return stored.split(':')[1] === keyId(primary);
  }

  /** A signature of `value` for links that must not be guessable (unsubscribe), under the current key. */
  async sign(purpose: string, value: string): Promise<string> {
    const { primary } = await this.load();
    return this.mac(primary, purpose, value);
  }

  /** Whether `signature` is `value`'s, under the current key or an old one. */
  async verify(purpose: string, value: string, signature: string): Promise<boolean> {
    const { all } = await this.load();
    const given = Buffer.from(signature);
    return all.some((k) => {
      const want = Buffer.from(this.mac(k, purpose, value));
      return want.length === given.length && timingSafeEqual(want, given);
    });
  }

  private mac(key: Buffer, purpose: string, value: string): string {
    const sub = createHmac('sha256', key).update(`parley ${purpose}`).digest();
    return createHmac('sha256', sub).update(value).digest('base64url').slice(0, 27);
  }
}

const boxes = new WeakMap<object, SecretBox>();

/** The secret box of this configuration (one per running instance: the key file is read once). */
export function secretBoxOf(config: Config): SecretBox {
  let box = boxes.get(config);
  if (!box) boxes.set(config, (box = new SecretBox(config)));
  return box;
}
