import type { StaffAction, StaffActionResult } from '../../../shared/contract/fleet';
import { KioskApiError } from '../../../shared/contract';
import type { Log } from '../log';
import type { UpdateService } from '../updates/update-service';
import type { AppControl } from './app-control';
import type { CommandRunner } from './command-ledger';
import type { FleetCommandType } from './fleet-client';
import { callPeer, type PeerHandlers } from './peer-status';

export interface FleetCommandDeps {
  peers: () => PeerHandlers;
  appControl: AppControl;
  updates: UpdateService;
  log: Log;
  fetchConfigNow: () => Promise<void>;
  heartbeatNow: () => Promise<void>;
  /** Runs a function shortly, after the reply has reached the screen. */
  later: (fn: () => void) => void;
}

/** Remote commands from the heartbeat reply (sync_now, reload, relaunch, check_update, clear_cache, send_stats). */
export function createRemoteCommandRunner(deps: FleetCommandDeps): CommandRunner {
  const { peers, appControl, updates } = deps;
  const run = async (type: FleetCommandType): Promise<void> => {
    switch (type) {
      case 'sync_now': {
        const r = await callPeer(peers(), 'syncNow');
        if (r === undefined) throw new Error('sync is not available on this kiosk');
        await deps.fetchConfigNow();
        return;
      }
      case 'reload':
        appControl.reload('remote command');
        return;
      case 'relaunch':
        appControl.relaunch('remote command');
        return;
      case 'check_update':
        updates.checkNow();
        return;
      case 'clear_cache':
        await appControl.clearCache();
        return;
      case 'send_stats': {
        // The usage feature's sender (issue 18); a failed delivery stays due and backs off like a finished day.
        const r = (await callPeer(peers(), 'sendStatsNow')) as { failed?: boolean } | undefined;
        if (r === undefined) throw new Error('usage stats are not available on this kiosk');
        if (r.failed) throw new Error('usage stats not delivered; will retry');
        return;
      }
    }
  };
  return { run };
}

/** The staff screen's action buttons; failures come back as a result, never as a thrown error. */
export function createStaffActions(deps: FleetCommandDeps) {
  const { peers, appControl, updates, log } = deps;
  return async function staffAction(action: StaffAction): Promise<StaffActionResult> {
    log.info('staff action', { action });
    try {
      switch (action) {
        case 'sync_now': {
          const r = (await callPeer(peers(), 'syncNow')) as { started?: boolean; nextTryAt?: string | null } | undefined;
          if (r === undefined) return { ok: false, outcome: 'not_available', detail: 'sync is not available' };
          if (r.nextTryAt) return { ok: false, outcome: 'deferred', detail: r.nextTryAt };
          void deps.fetchConfigNow().then(() => deps.heartbeatNow());
          return { ok: true, outcome: 'started', detail: '' };
        }
        case 'test_print': {
          const r = await callPeer(peers(), 'testPrint');
          if (r === undefined) return { ok: false, outcome: 'not_available', detail: 'printing is not available' };
          return { ok: true, outcome: 'done', detail: '' };
        }
        case 'reload':
          deps.later(() => appControl.reload('staff'));
          return { ok: true, outcome: 'started', detail: '' };
        case 'relaunch':
          deps.later(() => appControl.relaunch('staff'));
          return { ok: true, outcome: 'started', detail: '' };
        case 'check_update':
          updates.checkNow();
          return { ok: true, outcome: 'started', detail: updates.state().kind };
        case 'clear_cache':
          await appControl.clearCache();
          return { ok: true, outcome: 'done', detail: '' };
      }
    } catch (err) {
      const message = err instanceof KioskApiError ? `${err.code}: ${err.message}` : err instanceof Error ? err.message : String(err);
      log.warn('staff action failed', { code: 'staff_action', action, error: message });
      return { ok: false, outcome: 'failed', detail: message.slice(0, 500) };
    }
  };
}
