import { closeSync, openSync, read, readSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { Header, PMTiles, Source } from 'pmtiles';
import { lazyModule } from '../lazy-module';
import type { BinaryAsset } from '../binary-assets';
import { TilePackError, type TilePackInfo } from './mbtiles-tile-source';
import { plainAttribution, rasterTileType } from './tile-format';
import type { TilePack } from './tile-pack';

const HEADER_BYTES = 127;
/** Loaded when a PMTiles pack is opened, not at every start (most kiosks have an MBTiles pack or none). */
const pmtiles = lazyModule<typeof import('pmtiles')>('pmtiles');

function readAt(fd: number, offset: number, length: number): Buffer {
  const buf = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, buf, done, length - done, offset + done);
    if (n === 0) break;
    done += n;
  }
  return done === length ? buf : buf.subarray(0, done);
}

const toArrayBuffer = (b: Buffer): ArrayBuffer => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

/**
 * Offline tile pack in PMTiles v3 (https://github.com/protomaps/PMTiles), the single-file format current tools
 * (Protomaps, tilemaker, planetiler, `pmtiles convert`) produce. Read with the `pmtiles` package through a local
 * file source (positioned reads on one file descriptor); header and metadata are read once, synchronously, at open.
 * Only raster packs (png, jpg, webp) can be shown; vector packs are refused with a clear message, as for MBTiles.
 */
export class PmtilesTileSource implements TilePack {
  readonly info: TilePackInfo;
  private readonly fd: number;
  private readonly archive: PMTiles;
  private closed = false;

  constructor(readonly file: string) {
    try {
      this.fd = openSync(file, 'r');
    } catch (err) {
      throw new TilePackError(`The tile pack ${file} cannot be opened: ${(err as Error).message}`);
    }
    try {
      const head = readAt(this.fd, 0, HEADER_BYTES);
      if (head.length < HEADER_BYTES || head.toString('latin1', 0, 7) !== 'PMTiles') throw new TilePackError(`The tile pack ${file} is not a PMTiles file.`);
      const { bytesToHeader, TileType } = pmtiles();
      const header: Header = bytesToHeader(toArrayBuffer(head));
      if (header.tileType === TileType.Mvt || header.tileType === TileType.Mlt) {
        throw new TilePackError(`The tile pack ${file} holds vector tiles; the kiosk map needs raster tiles (png, jpg or webp).`);
      }
      const meta = readMetadata(this.fd, header);
      this.info = {
        name: typeof meta.name === 'string' ? meta.name.slice(0, 200) : null,
        attribution: typeof meta.attribution === 'string' ? plainAttribution(meta.attribution) : null,
        minZoom: header.minZoom,
        maxZoom: header.maxZoom,
        format: header.tileType === TileType.Png ? 'png' : header.tileType === TileType.Jpeg ? 'jpg' : header.tileType === TileType.Webp ? 'webp' : null,
      };
    } catch (err) {
      closeSync(this.fd);
      if (err instanceof TilePackError) throw err;
      throw new TilePackError(`The tile pack ${file} is not a valid PMTiles file: ${(err as Error).message}`);
    }
    const fd = this.fd;
    const source: Source = {
      getKey: () => file,
      getBytes: (offset, length) =>
        new Promise((resolve, reject) => {
          const buf = Buffer.alloc(length);
          read(fd, buf, 0, length, offset, (err, n) => (err ? reject(err) : resolve({ data: toArrayBuffer(buf.subarray(0, n)) })));
        }),
    };
    this.archive = new (pmtiles().PMTiles)(source);
  }

  async getTile(z: number, x: number, y: number): Promise<BinaryAsset | null> {
    const size = 2 ** z;
    if (this.closed || !Number.isInteger(z) || !Number.isInteger(x) || !Number.isInteger(y) || z < 0 || z > 26 || x < 0 || y < 0 || x >= size || y >= size) return null;
    const tile = await this.archive.getZxy(z, x, y);
    if (!tile) return null;
    const body = Buffer.from(tile.data);
    const contentType = await rasterTileType(body);
    return contentType ? { contentType, body } : null;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
  }
}

function readMetadata(fd: number, header: Header): Record<string, unknown> {
  if (!header.jsonMetadataLength) return {};
  let raw = readAt(fd, header.jsonMetadataOffset, Math.min(header.jsonMetadataLength, 1 << 20));
  const { Compression } = pmtiles();
  if (header.internalCompression === Compression.Gzip) raw = gunzipSync(raw);
  else if (header.internalCompression !== Compression.None && header.internalCompression !== Compression.Unknown) return {};
  try {
    const parsed: unknown = JSON.parse(raw.toString('utf8'));
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
