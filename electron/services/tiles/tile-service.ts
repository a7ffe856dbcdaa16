import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../../../shared/logic/clock';
import type { BinaryAsset, TileSource } from '../binary-assets';
import type { ConfigStore } from '../config/config-store';
import type { Log } from '../log';
import { openTilePack, type TilePack } from './tile-pack';
import { OnlineTileSource, type FetchLike } from './online-tile-source';
import { DEFAULT_TILE_CACHE_BYTES, TileDiskCache } from './tile-disk-cache';
import { tileBootInfo, type TileBootInfo } from './tile-boot-info';

export { TILE_URL_TEMPLATE, type TileBootInfo } from './tile-boot-info';
export const TILE_CACHE_FILE = 'tile-cache.sqlite';
const PACK_RETRY_MS = 60_000;

export interface TileService extends TileSource {
  getTile(z: number, x: number, y: number): Promise<BinaryAsset | null>;
  /** null when neither an offline pack nor an online source is configured (the map then shows markers on a plain background). */
  bootInfo(): TileBootInfo | null;
  close(): void;
}

export interface TileServiceOptions {
  dataDir: string;
  config: ConfigStore;
  clock: Clock;
  log: Log;
  version: string;
  fetch?: FetchLike;
  cacheMaxBytes?: number;
}

/**
 * The kiosk's tile source: the offline pack (`config.tilePack`, an MBTiles or PMTiles file in the data directory)
 * first, then the online source (`config.tiles`) behind the disk cache. Reads the configuration on
 * every use, so a remote change of tile settings applies without a restart.
 */
export function createTileService(opts: TileServiceOptions): TileService {
  let packName: string | undefined;
  let pack: TilePack | null = null;
  let packRetryAt = 0;
  let onlineKey: string | undefined;
  let online: OnlineTileSource | null = null;
  let cache: TileDiskCache | null = null;

  const currentPack = (): TilePack | null => {
    const name = opts.config.get().tilePack;
    const now = opts.clock.now().getTime();
    if (name === packName && (pack || now < packRetryAt)) return pack;
    if (name !== packName) {
      pack?.close();
      pack = null;
    }
    packName = name;
    if (!name) return null;
    packRetryAt = now + PACK_RETRY_MS;
    const file = join(opts.dataDir, name);
    if (!existsSync(file)) {
      opts.log.warn('tile pack not found in the data directory', { tilePack: name });
      return null;
    }
    try {
      pack = openTilePack(file);
      opts.log.info('tile pack opened', { tilePack: name, maxZoom: pack.info.maxZoom });
    } catch (err) {
      opts.log.warn('tile pack unusable', { tilePack: name, error: (err as Error).message });
    }
    return pack;
  };

  const currentOnline = (): OnlineTileSource | null => {
    const cfg = opts.config.get();
    const template = cfg.tiles?.urlTemplate;
    if (template === onlineKey) return online;
    onlineKey = template;
    online = null;
    if (!template) return null;
    cache ??= new TileDiskCache(join(opts.dataDir, TILE_CACHE_FILE), opts.cacheMaxBytes ?? DEFAULT_TILE_CACHE_BYTES, opts.log);
    online = new OnlineTileSource({
      urlTemplate: template,
      userAgent: `GEMEINSAM-Kiosk/${opts.version} (Angebotslandkarte Siegburg; kiosk ${cfg.kioskId})`,
      cache,
      clock: opts.clock,
      log: opts.log,
      fetch: opts.fetch,
    });
    return online;
  };

  return {
    async getTile(z, x, y) {
      const fromPack = (await currentPack()?.getTile(z, x, y)) ?? null;
      if (fromPack) return fromPack;
      const src = currentOnline();
      return src ? src.getTile(z, x, y) : null;
    },
    bootInfo() {
      return tileBootInfo(opts.config.get(), opts.dataDir);
    },
    close() {
      pack?.close();
      pack = null;
      cache?.close();
      cache = null;
      online = null;
      packName = undefined;
      onlineKey = undefined;
    },
  };
}
