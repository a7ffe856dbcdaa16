import { create } from 'zustand';
import { registerReset } from '../../app/reset';

export interface MapView {
  lat: number;
  lon: number;
  zoom: number;
}

/** What the card beside the map shows: one offer, or the offers at one spot (when the map cannot zoom further). */
export type MapSelection = { kind: 'offer'; id: string } | { kind: 'group'; ids: string[] } | null;

interface MapState {
  /** Last view, so that "back" from an offer's detail returns to the same place on the map. */
  view: MapView | null;
  selection: MapSelection;
  /** The tile layer failed (no pack, offline, provider down): markers are shown on a plain background. */
  tilesFailed: boolean;
  setView(view: MapView): void;
  select(selection: MapSelection): void;
  setTilesFailed(failed: boolean): void;
  reset(): void;
}

export const useMapStore = create<MapState>((set) => ({
  view: null,
  selection: null,
  tilesFailed: false,
  setView: (view) => set({ view }),
  select: (selection) => set({ selection }),
  setTilesFailed: (tilesFailed) => set({ tilesFailed }),
  reset: () => set({ view: null, selection: null, tilesFailed: false }),
}));

registerReset(() => useMapStore.getState().reset());
