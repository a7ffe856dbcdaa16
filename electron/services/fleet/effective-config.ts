import type { KioskConfig } from '../../../shared/schemas/kiosk-config';
import type { ConfigStore } from '../config/config-store';
import type { Log } from '../log';
import type { Updater } from '../updates/updater';
import { readLocalConfigRaw, writeKioskConfigPatch } from './kiosk-config-writer';
import { mergeEffectiveConfig, parseRemoteConfig, type RemoteConfig } from './remote-config';
import type { KeyValueStore } from './sync-state-store';

export const REMOTE_CONFIG_KEY = 'fleet.remote_config';

export interface EffectiveConfigDeps {
  config: ConfigStore;
  dataDir: string;
  store: KeyValueStore;
  log: Log;
  updater: Updater;
}

/**
 * The effective configuration: kiosk.json ← remote config (only keys not in kiosk.json) ← staff changes, applied
 * live through the config store. The last remote config (with its ETag) is kept in the store across restarts.
 */
export function createEffectiveConfig({ config, dataDir, store, log, updater }: EffectiveConfigDeps) {
  const base = config.get();
  const localKeys = new Set(Object.keys(readLocalConfigRaw(dataDir)));
  const staffPatch: Partial<KioskConfig> = {};
  let remote: RemoteConfig | null = null;
  let etag: string | null = null;

  const apply = () => {
    let next: KioskConfig;
    try {
      next = mergeEffectiveConfig(base, remote?.patch ?? null, localKeys, staffPatch);
    } catch (err) {
      log.warn('remote configuration not applied', { error: err instanceof Error ? err.message : String(err) });
      return;
    }
    if (JSON.stringify(next) !== JSON.stringify(config.get())) config.set(next);
  };
  const applyUpdateFeed = () => {
    if (remote?.update) updater.setFeed?.(remote.update.feedUrl, remote.update.channel);
  };

  const cached = store.get<{ etag: string | null; body: unknown }>(REMOTE_CONFIG_KEY);
  if (cached) {
    remote = parseRemoteConfig(cached.body);
    etag = cached.etag;
    apply();
    applyUpdateFeed();
  }

  /** Bumped on every change of the effective configuration; the renderer reloads its boot info when it changes. */
  let rev = 0;
  const unsubscribe = config.subscribe(() => {
    rev++;
  });

  return {
    remote: () => remote,
    etag: () => etag,
    /** Forget the ETag (new city API settings: fetch everything again). */
    forgetEtag() {
      etag = null;
    },
    /** A new remote config body arrived: keep it, apply it. */
    setRemote(body: unknown, newEtag: string | null): RemoteConfig {
      remote = parseRemoteConfig(body);
      etag = newEtag;
      store.set(REMOTE_CONFIG_KEY, { etag, body });
      apply();
      applyUpdateFeed();
      return remote;
    },
    /** A change made on the staff screen: written to kiosk.json (atomically) and applied; local wins from now on. */
    writeLocal(patch: Partial<KioskConfig>) {
      writeKioskConfigPatch(dataDir, patch);
      Object.assign(staffPatch, patch);
      for (const k of Object.keys(patch)) localKeys.add(k);
      apply();
    },
    /** What staff set in this run (kiosk.json is only read at start). */
    staffPatch: (): Readonly<Partial<KioskConfig>> => staffPatch,
    rev: () => rev,
    stop: unsubscribe,
  };
}

export type EffectiveConfig = ReturnType<typeof createEffectiveConfig>;
