import { describe, expect, it } from 'vitest';
import { kioskContract } from './index';
import { METHOD_NAMES } from './method-names';

describe('METHOD_NAMES (zod-free list for the renderer and preload)', () => {
  it('is exactly the calls of the contract, each once', () => {
    expect([...METHOD_NAMES].sort()).toEqual(Object.keys(kioskContract).sort());
    expect(new Set(METHOD_NAMES).size).toBe(METHOD_NAMES.length);
  });
});
