import { api } from '../api/kiosk-api';
import { useNav } from './nav-store';
import { useReadAloud } from './read-aloud-store';
import { registerBeforeReset } from './reset';
import { createSessionTracker } from './session-usage';
import { useSettings } from './settings-store';

/** Feeds the stores into the session tracker and reports each session through the contract (fire and forget). */
const tracker = createSessionTracker((summary) => {
  void api.recordSession(summary).catch(() => {
    /* counting must never disturb the visitor */
  });
});

const s0 = useSettings.getState();
tracker.observe({ language: s0.language });
useNav.subscribe((n) => tracker.observe({ screen: n.stack[n.stack.length - 1] }));
useSettings.subscribe((s) => tracker.observe({ language: s.language, textSize: s.textSize, contrast: s.contrast }));
useReadAloud.subscribe((r) => r.speaking && tracker.observe({ speaking: true }));
registerBeforeReset(() => tracker.end());
