import { useEffect } from 'react';
import { api } from '../../api/kiosk-api';
import { useBoot } from '../../app/boot-store';
import { useNav } from '../../app/nav-store';
import { useWishForm } from '../wish/wish-store';
import { cornerAt, createCornerGesture } from './corner-gesture';

/** How often the page tells the main side it is alive (the watchdog reloads after 10 s of silence). */
export const HEARTBEAT_EVERY_MS = 3000;

function wishFormDirty(): boolean {
  const w = useWishForm.getState();
  if (w.phase === 'sent') return false;
  return w.text.trim() !== '' || w.interests.length > 0 || Object.values(w.contact ?? {}).some((v) => typeof v === 'string' && v.trim() !== '');
}

/**
 * Mounted once by the shell. Renders nothing:
 * - watches taps for the hidden staff gesture (four corners in order, 72 px zones). The taps go through to whatever
 *   is under them, except a corner tap that continues a sequence already begun (then it is swallowed, so the fixed
 *   bar's corner buttons are never pressed by the gesture);
 * - sends the renderer heartbeat with the idle time and whether a form holds unsent input (update policy, watchdog),
 *   reloads when the main side asks for it (browser host), and reloads the boot info when the configuration changed.
 */
export function StaffAccess() {
  useEffect(() => {
    const gesture = createCornerGesture();
    let swallowClick = false;
    let lastTouch = performance.now();
    const onDown = (e: PointerEvent) => {
      lastTouch = performance.now();
      const corner = cornerAt(e.clientX, e.clientY, window.innerWidth, window.innerHeight);
      const continues = gesture.expects(corner, e.timeStamp);
      const opened = gesture.tap(corner, e.timeStamp);
      if (continues) {
        e.preventDefault();
        e.stopPropagation();
        swallowClick = true;
      }
      if (opened) {
        const nav = useNav.getState();
        const current = nav.stack[nav.stack.length - 1];
        if (current?.name !== 'staff') nav.go({ name: 'staff' });
      }
    };
    const onClick = (e: MouseEvent) => {
      if (!swallowClick) return;
      swallowClick = false;
      e.preventDefault();
      e.stopPropagation();
    };
    const onKey = () => {
      lastTouch = performance.now();
    };
    window.addEventListener('pointerdown', onDown, { capture: true });
    window.addEventListener('click', onClick, { capture: true });
    window.addEventListener('keydown', onKey, { capture: true, passive: true });

    let stopped = false;
    let configRev: number | null = null;
    const beat = async () => {
      if (stopped) return;
      const nav = useNav.getState();
      try {
        const r = await api.rendererHeartbeat({
          idleS: Math.max(0, (performance.now() - lastTouch) / 1000),
          formDirty: wishFormDirty(),
          screen: nav.stack[nav.stack.length - 1]?.name ?? 'attract',
        });
        if (r.reload) return window.location.reload();
        // Configuration changed on the main side (remote config, staff): reload boot info so it applies live.
        if (configRev !== null && r.configRev !== configRev) void useBoot.getState().load();
        configRev = r.configRev;
      } catch {
        // main side not reachable: the next beat tries again
      }
    };
    void beat();
    const timer = window.setInterval(() => void beat(), HEARTBEAT_EVERY_MS);
    return () => {
      stopped = true;
      window.clearInterval(timer);
      window.removeEventListener('pointerdown', onDown, { capture: true });
      window.removeEventListener('click', onClick, { capture: true });
      window.removeEventListener('keydown', onKey, { capture: true });
    };
  }, []);
  return null;
}
