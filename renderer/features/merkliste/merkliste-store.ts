import { create } from 'zustand';
import { registerReset } from '../../app/reset';
import { MAX_SLIP_OFFERS } from '../../../shared/constants';

/** The most offers the Merkliste holds: what fits on one printed slip. */
export const MERKLISTE_MAX = MAX_SLIP_OFFERS;

interface MerklisteState {
  /** Offer ids in the order they were added. */
  ids: string[];
  /** Adds or removes; returns false when the list is full and the id was not added. */
  toggle(id: string): boolean;
  remove(id: string): void;
  clear(): void;
  reset(): void;
}

/** Offers a person collected during this visit. Only ids, only in memory; the idle reset empties it. */
export const useMerkliste = create<MerklisteState>((set, get) => ({
  ids: [],
  toggle: (id) => {
    const { ids } = get();
    if (ids.includes(id)) {
      set({ ids: ids.filter((i) => i !== id) });
      return true;
    }
    if (ids.length >= MERKLISTE_MAX) return false;
    set({ ids: [...ids, id] });
    return true;
  },
  remove: (id) => set((s) => ({ ids: s.ids.filter((i) => i !== id) })),
  clear: () => set({ ids: [] }),
  reset: () => set({ ids: [] }),
}));

registerReset(() => useMerkliste.getState().reset());

export const useIsMerked = (id: string) => useMerkliste((s) => s.ids.includes(id));
export const useMerklisteCount = () => useMerkliste((s) => s.ids.length);
