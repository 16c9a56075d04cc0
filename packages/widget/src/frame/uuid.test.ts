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

  afterEach(() => vi.restoreAllMocks());

  it('uses crypto.randomUUID in a secure context', () => {
    vi.stubGlobal('isSecureContext', true);
    const randomUUID = vi.spyOn(crypto, 'randomUUID');
    const id = uuid();
    expect(randomUUID).toHaveBeenCalledTimes(1);
    expect(id).toBe(randomUUID.mock.results[0]!.value);
    expect(id).toMatch(V4);
  });

  it('does not call crypto.randomUUID outside a secure context, even where it exists', () => {
    vi.stubGlobal('isSecureContext', false);
    const randomUUID = vi.spyOn(crypto, 'randomUUID');
    expect(uuid()).toMatch(V4);
    expect(randomUUID).not.toHaveBeenCalled();
  });
});
