import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../tests/fakes/fake-clock';
import { kioskConfigSchema } from '../../../shared/schemas/kiosk-config';
import { createConfigStore } from '../config/config-store';
import { silentLog } from '../log';
import { FAKE_TILE_PNG } from '../../../tests/fakes/fake-tile-source';
import { TilePackError } from './mbtiles-tile-source';
import { PmtilesTileSource } from './pmtiles-tile-source';
import { writeTestPmtiles } from './pmtiles-test-pack';
import { createTileService, TILE_URL_TEMPLATE } from './tile-service';

const tile = (label: string) => Buffer.concat([FAKE_TILE_PNG, Buffer.from(label)]);
// Siegburg town centre at zoom 12–14, plus a tile far away.
const TILES = [
  { z: 12, x: 2129, y: 1370, data: tile('z12') },
  { z: 13, x: 4258, y: 2740, data: tile('z13a') },
  { z: 13, x: 4259, y: 2740, data: tile('z13b') },
  { z: 14, x: 8517, y: 5481, data: tile('z14') },
  { z: 2, x: 0, y: 3, data: tile('z2') },
];

describe('PMTiles offline tile pack', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pmtiles-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('serves each tile of the pack by z/x/y and nothing else', async () => {
    writeTestPmtiles(join(dir, 'siegburg.pmtiles'), TILES);
    const pack = new PmtilesTileSource(join(dir, 'siegburg.pmtiles'));
    try {
      for (const t of TILES) expect((await pack.getTile(t.z, t.x, t.y))?.body.equals(t.data), `${t.z}/${t.x}/${t.y}`).toBe(true);
      expect((await pack.getTile(12, 2129, 1370))?.contentType).toBe('image/png');
      expect(await pack.getTile(13, 4260, 2740)).toBeNull();
      expect(await pack.getTile(15, 0, 0)).toBeNull();
      expect(await pack.getTile(3, 9, 0)).toBeNull();
      expect(pack.info).toMatchObject({ attribution: '© OpenStreetMap contributors', minZoom: 2, maxZoom: 14, format: 'png' });
    } finally {
      pack.close();
    }
  });

  it('refuses a vector pack, a file that is not PMTiles and a missing file, naming the file', () => {
    writeTestPmtiles(join(dir, 'vector.pmtiles'), TILES, {}, 1);
    expect(() => new PmtilesTileSource(join(dir, 'vector.pmtiles'))).toThrow(/vector\.pmtiles holds vector tiles/);
    writeFileSync(join(dir, 'kaputt.pmtiles'), Buffer.alloc(4096, 7));
    expect(() => new PmtilesTileSource(join(dir, 'kaputt.pmtiles'))).toThrow(TilePackError);
    expect(() => new PmtilesTileSource(join(dir, 'kaputt.pmtiles'))).toThrow(/kaputt\.pmtiles is not a PMTiles file/);
    expect(() => new PmtilesTileSource(join(dir, 'fehlt.pmtiles'))).toThrow(/fehlt\.pmtiles cannot be opened/);
  });

  it('is used by the tile service when kiosk.json names a .pmtiles pack, with its attribution and zoom', async () => {
    writeTestPmtiles(join(dir, 'siegburg.pmtiles'), TILES, { name: 'Siegburg', attribution: '<a href="https://osm.org">© OpenStreetMap</a>' });
    const service = createTileService({
      dataDir: dir,
      config: createConfigStore(kioskConfigSchema.parse({ tilePack: 'siegburg.pmtiles' })),
      clock: new FakeClock(),
      log: silentLog,
      version: 't',
    });
    try {
      expect(service.bootInfo()).toEqual({ urlTemplate: TILE_URL_TEMPLATE, attribution: '© OpenStreetMap', maxZoom: 14 });
      expect((await service.getTile(14, 8517, 5481))?.body.equals(TILES[3]!.data)).toBe(true);
    } finally {
      service.close();
    }
  });
});
