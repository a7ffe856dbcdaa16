import { create } from 'zustand';
import type { StaffStatus } from '../../../shared/contract/fleet';
import { api } from '../../api/kiosk-api';
import { registerReset } from '../../app/reset';

export type StaffView = 'pin' | 'status' | 'cityApi' | 'newPin' | 'confirmPin';

interface StaffState {
  view: StaffView;
  token: string | null;
  setupPin: boolean;
  status: StaffStatus | null;
  /** The new PIN while it is entered a second time. */
  pendingPin: string | null;
  setView(view: StaffView): void;
  unlocked(token: string, setupPin: boolean): void;
  setStatus(status: StaffStatus | null): void;
  setPendingPin(pin: string | null): void;
  /** Ends the session on the main side too. */
  lock(): void;
}

const initial = { view: 'pin' as StaffView, token: null, setupPin: false, status: null, pendingPin: null };

export const useStaff = create<StaffState>((set, get) => ({
  ...initial,
  setView: (view) => set({ view }),
  unlocked: (token, setupPin) => set({ token, setupPin, view: 'status' }),
  setStatus: (status) => set({ status }),
  setPendingPin: (pendingPin) => set({ pendingPin }),
  lock: () => {
    const token = get().token;
    if (token) void api.staffLock({ token }).catch(() => {});
    set({ ...initial });
  },
}));

// Idle reset (and leaving) ends the staff session: nothing stays unlocked.
registerReset(() => useStaff.getState().lock());
