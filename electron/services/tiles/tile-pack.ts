import type { BinaryAsset } from '../binary-assets';
import { MbtilesTileSource, type TilePackInfo } from './mbtiles-tile-source';
import { PmtilesTileSource } from './pmtiles-tile-source';

/** An offline tile pack in the data directory, whichever format it has. */
export interface TilePack {
  readonly info: TilePackInfo;
  getTile(z: number, x: number, y: number): BinaryAsset | null | Promise<BinaryAsset | null>;
  close(): void;
}

/** Opens an MBTiles or PMTiles pack by its file name's ending; throws TilePackError with a message naming the file. */
export function openTilePack(file: string): TilePack {
  return file.toLowerCase().endsWith('.pmtiles') ? new PmtilesTileSource(file) : new MbtilesTileSource(file);
}
