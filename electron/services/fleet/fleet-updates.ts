import type { Clock } from '../../../shared/logic/clock';
import type { ConfigStore } from '../config/config-store';
import type { Log } from '../log';
import { createUpdateService, type UpdateService } from '../updates/update-service';
import type { Updater } from '../updates/updater';
import type { Usage } from './renderer-usage';

/** App updates: installed only inside the maintenance window while nobody uses the kiosk (renderer usage). */
export function createFleetUpdates(deps: { updater: Updater; clock: Clock; log: Log; config: ConfigStore; usage: () => Usage }): UpdateService {
  const { config } = deps;
  return createUpdateService({
    updater: deps.updater,
    clock: deps.clock,
    log: deps.log,
    usage: () => {
      const u = deps.usage();
      return { idleS: u.idleS, printing: u.printing, formDirty: u.formDirty, window: config.get().maintenanceWindow };
    },
  });
}
