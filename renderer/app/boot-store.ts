import { create } from 'zustand';
import { api } from '../api/kiosk-api';
import type { BootInfo } from '../../shared/contract/offers';
import { useSettings } from './settings-store';

/** Production defaults until the main side answers (kiosk.json defaults). */
export const DEFAULT_IDLE = { warnAfterS: 90, countdownS: 30 } as const;

interface BootState {
  info: BootInfo | null;
  failed: boolean;
  load(): Promise<void>;
}

/** What the kiosk knows about itself (position, languages, idle times, tiles …), loaded once at start. */
export const useBoot = create<BootState>((set) => ({
  info: null,
  failed: false,
  load: async () => {
    try {
      const info = await api.getBootInfo({});
      set({ info, failed: false });
      useSettings.getState().setDefaultLanguage(info.locale);
    } catch (_err) {
      set({ failed: true });
    }
  },
}));

export const useBootInfo = () => useBoot((s) => s.info);
