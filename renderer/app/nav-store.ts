import { create } from 'zustand';
import { registerReset } from './reset';

/** Screens of the kiosk. Add a name here and a component in app/screens.tsx. */
export type ScreenName =
  | 'attract'
  | 'start'
  | 'offers' // list + filters
  | 'map'
  | 'detail' // params.id
  | 'week' // Heute und diese Woche
  | 'wish'
  | 'clubs' // Ihr Verein möchte ein Angebot eintragen?
  | 'merkliste'
  | 'help'
  | 'staff';

export interface Screen {
  name: ScreenName;
  params?: Record<string, string>;
}

interface NavState {
  stack: Screen[];
  go(screen: Screen): void;
  back(): void;
  home(): void;
  reset(): void;
}

const ATTRACT: Screen = { name: 'attract' };

export const useNav = create<NavState>((set) => ({
  stack: [ATTRACT],
  go: (screen) => set((s) => ({ stack: [...s.stack, screen] })),
  back: () => set((s) => ({ stack: s.stack.length > 2 ? s.stack.slice(0, -1) : [{ name: 'start' }] })),
  home: () => set({ stack: [{ name: 'start' }] }),
  reset: () => set({ stack: [ATTRACT] }),
}));

registerReset(() => useNav.getState().reset());

export const useCurrentScreen = () => useNav((s) => s.stack[s.stack.length - 1] ?? ATTRACT);
