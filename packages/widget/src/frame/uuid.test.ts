import { afterEach, describe, expect, it, vi } from 'vitest';
import { uuid } from './uuid';

const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('uuid', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('makes v4 UUIDs without crypto.randomUUID (insecure contexts)', () => {
    vi.stubGlobal('isSecureContext', false);
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const id = uuid();
      expect(id).toMatch(V4);
      seen.add(id);
    }
    expect(seen.size).toBe(200);
  });

  it('uses crypto.randomUUID where it exists', () => {
    vi.stubGlobal('isSecureContext', true);
    expect(uuid()).toMatch(V4);
  });
});
