import { api } from '../api/kiosk-api';
import { registerBeforeReset } from './reset';

/**
 * The idle reset (and "Start" after a session) ends the visit: the main side starts the per-visit limits on wishes and
 * slips afresh (issue 13, shared/contract/visit.ts). Fire and forget — the main side also ends a visit by itself
 * after the idle time, so a lost call never locks the next visitor out.
 */
registerBeforeReset(() => {
  void api.endVisit({}).catch(() => {
    /* never disturbs the reset */
  });
});
