import { beforeEach, describe, expect, it } from 'vitest';
import { resetAll } from '../../app/reset';
import { MERKLISTE_MAX, useMerkliste } from './merkliste-store';

describe('Merkliste store', () => {
  beforeEach(() => useMerkliste.getState().reset());

  it('toggles, keeps the order of adding, removes', () => {
    const s = useMerkliste.getState();
    s.toggle('b');
    s.toggle('a');
    s.toggle('c');
    expect(useMerkliste.getState().ids).toEqual(['b', 'a', 'c']);
    useMerkliste.getState().toggle('a');
    expect(useMerkliste.getState().ids).toEqual(['b', 'c']);
    useMerkliste.getState().remove('b');
    expect(useMerkliste.getState().ids).toEqual(['c']);
  });

  it('holds at most what fits on one slip', () => {
    for (let i = 0; i < MERKLISTE_MAX; i++) expect(useMerkliste.getState().toggle(`o${i}`)).toBe(true);
    expect(useMerkliste.getState().toggle('one-too-many')).toBe(false);
    expect(useMerkliste.getState().ids).toHaveLength(MERKLISTE_MAX);
    // removing still works when full
    expect(useMerkliste.getState().toggle('o0')).toBe(true);
    expect(useMerkliste.getState().ids).toHaveLength(MERKLISTE_MAX - 1);
  });

  it('is emptied by the idle reset', () => {
    useMerkliste.getState().toggle('x');
    resetAll();
    expect(useMerkliste.getState().ids).toEqual([]);
  });
});
