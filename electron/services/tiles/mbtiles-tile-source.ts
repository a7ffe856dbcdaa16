import Database from 'better-sqlite3';
import type { BinaryAsset, TileSource } from '../binary-assets';
import { plainAttribution, rasterTileType } from './tile-format';

/** What the pack says about itself (MBTiles `metadata` table), cleaned for display. */
export interface TilePackInfo {
  name: string | null;
  attribution: string | null;
  minZoom: number | null;
  maxZoom: number | null;
  format: string | null;
}

export class TilePackError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TilePackError';
  }
}

/**
 * Offline tile pack: an MBTiles file (a SQLite database, https://github.com/mapbox/mbtiles-spec),
 * opened read-only. MBTiles stores rows in TMS order (y counted from the south), Leaflet asks
 * in XYZ order (y from the north), so y is flipped: row = 2^z − 1 − y.
 * Only raster packs (png, jpg, webp) can be shown; vector packs (pbf) are refused with a clear message.
 */
export class MbtilesTileSource implements TileSource {
  readonly info: TilePackInfo;
  private readonly db: Database.Database;
  private readonly stmt: Database.Statement<[number, number, number], { tile_data: Buffer }>;

  constructor(readonly file: string) {
    try {
      this.db = new Database(file, { readonly: true, fileMustExist: true });
    } catch (err) {
      throw new TilePackError(`The tile pack ${file} cannot be opened: ${(err as Error).message}`);
    }
    try {
      this.info = readInfo(this.db);
      if (this.info.format === 'pbf') {
        throw new TilePackError(`The tile pack ${file} holds vector tiles (pbf); the kiosk map needs raster tiles (png, jpg or webp).`);
      }
      this.stmt = this.db.prepare('SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?');
    } catch (err) {
      this.db.close();
      if (err instanceof TilePackError) throw err;
      throw new TilePackError(`The tile pack ${file} is not a valid MBTiles file: ${(err as Error).message}`);
    }
  }

  async getTile(z: number, x: number, y: number): Promise<BinaryAsset | null> {
    const size = 2 ** z;
    if (!Number.isInteger(z) || !Number.isInteger(x) || !Number.isInteger(y) || z < 0 || x < 0 || y < 0 || x >= size || y >= size) return null;
    const row = this.stmt.get(z, x, size - 1 - y);
    if (!row?.tile_data) return null;
    const body = Buffer.from(row.tile_data);
    const contentType = await rasterTileType(body);
    if (!contentType) return null; // not an image we can show (e.g. gzip'd vector data in a mislabelled pack)
    return { contentType, body };
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

function readInfo(db: Database.Database): TilePackInfo {
  const rows = db.prepare('SELECT name, value FROM metadata').all() as { name: string; value: string }[];
  const meta = new Map(rows.map((r) => [String(r.name).toLowerCase(), String(r.value ?? '')]));
  const int = (v: string | undefined) => (v !== undefined && /^\d{1,2}$/.test(v.trim()) ? Number(v.trim()) : null);
  const attribution = meta.get('attribution');
  return {
    name: meta.get('name')?.slice(0, 200) ?? null,
    attribution: attribution ? plainAttribution(attribution) || null : null,
    minZoom: int(meta.get('minzoom')),
    maxZoom: int(meta.get('maxzoom')),
    format: meta.get('format')?.trim().toLowerCase() ?? null,
  };
}
