import type { BinaryAsset, TileSource } from '../../electron/services/binary-assets';

/** Smallest valid PNG (1×1, one pale pixel), used as the fake source's tile. */
export const FAKE_TILE_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGN48f4JAAV+Arxzg4D9AAAAAElFTkSuQmCC',
  'base64',
);

/**
 * Tile source for tests: answers from a table (key "z/x/y"), or with the same small PNG for every
 * tile when built with `everyTile`. Records what was asked for.
 */
export class FakeTileSource implements TileSource {
  readonly requests: string[] = [];
  constructor(
    private readonly tiles: Map<string, BinaryAsset> = new Map(),
    private readonly everyTile: BinaryAsset | null = null,
  ) {}

  static everywhere(body: Buffer = FAKE_TILE_PNG): FakeTileSource {
    return new FakeTileSource(new Map(), { contentType: 'image/png', body });
  }

  getTile(z: number, x: number, y: number): BinaryAsset | null {
    const key = `${z}/${x}/${y}`;
    this.requests.push(key);
    return this.tiles.get(key) ?? this.everyTile;
  }
}
