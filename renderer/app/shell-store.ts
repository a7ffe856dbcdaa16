import { create } from 'zustand';
import { registerReset } from './reset';

export type ShellDialog = 'language' | 'textSize' | 'noVoice' | null;

interface ShellState {
  /** Increases on every reset: the shell re-mounts every screen, so no typed text or open panel survives. */
  epoch: number;
  dialog: ShellDialog;
  openDialog(d: ShellDialog): void;
  reset(): void;
}

export const useShell = create<ShellState>((set) => ({
  epoch: 0,
  dialog: null,
  openDialog: (dialog) => set({ dialog }),
  reset: () => set((s) => ({ epoch: s.epoch + 1, dialog: null })),
}));

registerReset(() => useShell.getState().reset());
