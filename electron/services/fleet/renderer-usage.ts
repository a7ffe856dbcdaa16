import type { z } from 'zod';
import type { rendererHeartbeatInputSchema } from '../../../shared/contract/fleet';

type RendererHeartbeatInput = z.infer<typeof rendererHeartbeatInputSchema>;

/** Usage of the public UI as the renderer reports it with its heartbeat. */
export interface Usage {
  idleS: number;
  formDirty: boolean;
  printing: boolean;
  lastHeartbeatAt: number | null;
}

/** A renderer heartbeat older than this no longer says a form is being filled in. */
const FRESH_MS = 60_000;

/**
 * Tracks the renderer's heartbeats: how long the screen has been idle, whether a form is half filled in.
 * The update policy (install only when nobody uses the kiosk) and the Electron watchdog read it.
 */
export function createRendererUsage(opts: { now: () => number; isPrinting?: () => boolean }) {
  const startedAt = opts.now();
  let lastBeat: { at: number; idleS: number; formDirty: boolean; screen: string | null } | null = null;
  const listeners = new Set<() => void>();

  return {
    usage(): Usage {
      const t = opts.now();
      const fresh = lastBeat !== null && t - lastBeat.at < FRESH_MS;
      return {
        idleS: lastBeat ? lastBeat.idleS + Math.max(0, t - lastBeat.at) / 1000 : Math.max(0, t - startedAt) / 1000,
        formDirty: fresh ? lastBeat!.formDirty : false,
        printing: opts.isPrinting?.() ?? false,
        lastHeartbeatAt: lastBeat?.at ?? null,
      };
    },
    beat(input: RendererHeartbeatInput) {
      lastBeat = { at: opts.now(), idleS: input.idleS ?? 0, formDirty: input.formDirty ?? false, screen: input.screen ?? null };
      for (const l of listeners) l();
    },
    /** Called on every renderer heartbeat (the watchdog listens). */
    onBeat(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export type RendererUsage = ReturnType<typeof createRendererUsage>;
