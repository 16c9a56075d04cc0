import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { KEY_FILE, SecretBox } from './secret-box.js';

// FUP-1: the SMTP password at rest: AES-256-GCM, a key from SECRETS_KEY or the data directory, rotation.
const dirs: string[] = [];
const tempDir = async () => {
  const d = await mkdtemp(path.join(tmpdir(), 'parley-secrets-'));
  dirs.push(d);
  return d;
};
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('SecretBox', () => {
  it('encrypts with the configured key; the secret is bound to its row', async () => {
    const box = new SecretBox({ secretsKey: randomBytes(32), secretsOldKeys: [], dataDir: await tempDir() });
    const stored = await box.encrypt('s3cret pässword', 'campaign-1');
    expect(stored).toMatch(/^v1:[0-9a-f]{12}:[A-Za-z0-9+/=]+$/);
    expect(stored).not.toContain('s3cret');
    expect(await box.encrypt('s3cret pässword', 'campaign-1')).not.toBe(stored);
    expect(await box.decrypt(stored, 'campaign-1')).toBe('s3cret pässword');
    await expect(box.decrypt(stored, 'campaign-2')).rejects.toThrow('could not be decrypted');
    const [v, id, data] = stored.split(':');
    const flipped = Buffer.from(data!, 'base64');
    flipped[20]! ^= 1;
    await expect(box.decrypt(`${v}:${id}:${flipped.toString('base64')}`, 'campaign-1')).rejects.toThrow();
  });

  it('without SECRETS_KEY, makes one key file in the data directory (0600), shared by every box of it', async () => {
    const dataDir = await tempDir();
    const boxes = Array.from(
      { length: 4 },
      () => new SecretBox({ secretsKey: undefined, secretsOldKeys: [], dataDir }),
    );
    const stored = await Promise.all(boxes.map((b, i) => b.encrypt(`pw${i}`, 'c')));
    for (const [i, s] of stored.entries()) expect(await boxes[(i + 1) % 4]!.decrypt(s, 'c')).toBe(`pw${i}`);
    const file = path.join(dataDir, KEY_FILE);
    expect(Buffer.from((await readFile(file, 'utf8')).trim(), 'base64')).toHaveLength(32);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('rotation: an old key still opens what it encrypted, and says it is not current', async () => {
    const dataDir = await tempDir();
    const oldKey = randomBytes(32);
    const before = new SecretBox({ secretsKey: oldKey, secretsOldKeys: [], dataDir });
    const stored = await before.encrypt('pw', 'c');
    const sig = await before.sign('unsubscribe', 'id-1');
    const after = new SecretBox({ secretsKey: randomBytes(32), secretsOldKeys: [oldKey], dataDir });
    expect(await after.decrypt(stored, 'c')).toBe('pw');
    expect(await after.isCurrent(stored)).toBe(false);
    expect(await after.isCurrent(await after.encrypt('pw', 'c'))).toBe(true);
    expect(await after.verify('unsubscribe', 'id-1', sig)).toBe(true);
    expect(await after.verify('unsubscribe', 'id-2', sig)).toBe(false);
    const without = new SecretBox({ secretsKey: randomBytes(32), secretsOldKeys: [], dataDir });
    await expect(without.decrypt(stored, 'c')).rejects.toThrow('key this server does not have');
  });
});
