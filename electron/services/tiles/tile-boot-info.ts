import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { KioskConfig } from '../../../shared/schemas/kiosk-config';
import type { TilePackInfo } from './mbtiles-tile-source';
import { openTilePack } from './tile-pack';

/** Where the renderer finds tiles: the browser host's route, or app://kiosk/tiles/… in Electron (same relative URL). */
export const TILE_URL_TEMPLATE = '/tiles/{z}/{x}/{y}';

/** What getBootInfo reports to the map. */
export interface TileBootInfo {
  urlTemplate: string;
  attribution: string;
  maxZoom: number;
}

const packInfoCache = new Map<string, { mtimeMs: number; size: number; info: TilePackInfo | null }>();

/** Metadata of the offline pack, or null when it is missing or unusable (read once per file version). */
export function readPackInfo(dataDir: string, tilePack: string | undefined): TilePackInfo | null {
  if (!tilePack || !/\.(mbtiles|pmtiles)$/i.test(tilePack)) return null;
  const file = join(dataDir, tilePack);
  let st;
  try {
    st = statSync(file);
  } catch {
    packInfoCache.delete(file);
    return null;
  }
  const cached = packInfoCache.get(file);
  if (cached && cached.mtimeMs === st.mtimeMs && cached.size === st.size) return cached.info;
  let info: TilePackInfo | null = null;
  try {
    const pack = openTilePack(file);
    info = pack.info;
    pack.close();
  } catch {
    info = null;
  }
  packInfoCache.set(file, { mtimeMs: st.mtimeMs, size: st.size, info });
  return info;
}

/**
 * getBootInfo's `tiles`: the URL template, attribution and max zoom when an offline pack (present and
 * readable) or an online source is configured; null otherwise (the map then shows its markers on a
 * plain background and the cards carry the street names).
 */
export function tileBootInfo(config: Pick<KioskConfig, 'tilePack' | 'tiles'>, dataDir: string): TileBootInfo | null {
  const pack = readPackInfo(dataDir, config.tilePack);
  const online = config.tiles;
  if (!pack && !online) return null;
  const attributions = [pack ? (pack.attribution ?? pack.name ?? config.tilePack ?? null) : null, online?.attribution ?? null].filter(
    (a, i, all): a is string => !!a && all.indexOf(a) === i,
  );
  const maxZoom = Math.min(22, Math.max(pack?.maxZoom ?? 0, online?.maxZoom ?? 0) || 18);
  return { urlTemplate: TILE_URL_TEMPLATE, attribution: attributions.join(' · '), maxZoom };
}
