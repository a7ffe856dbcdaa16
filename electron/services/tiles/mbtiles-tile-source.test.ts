import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FAKE_TILE_PNG } from '../../../tests/fakes/fake-tile-source';
import { MbtilesTileSource, TilePackError } from './mbtiles-tile-source';
import { writeTestMbtiles } from './mbtiles-test-pack';

const pngWithMark = (mark: number) => Buffer.concat([FAKE_TILE_PNG, Buffer.from([mark])]);

describe('MBTiles offline pack', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mbtiles-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads tiles with the TMS row flipped to XYZ', async () => {
    const file = join(dir, 'pack.mbtiles');
    // Raw TMS rows, written directly: at z=2 XYZ y=1 is TMS row 2, XYZ y=2 is TMS row 1.
    const db = new Database(file);
    db.exec('CREATE TABLE metadata (name TEXT, value TEXT); CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);');
    db.prepare("INSERT INTO metadata VALUES ('format', 'png')").run();
    db.prepare('INSERT INTO tiles VALUES (2, 1, 2, ?)').run(pngWithMark(1));
    db.prepare('INSERT INTO tiles VALUES (2, 1, 1, ?)').run(pngWithMark(2));
    db.close();

    const pack = new MbtilesTileSource(file);
    try {
      const a = await pack.getTile(2, 1, 1);
      expect(a?.contentType).toBe('image/png');
      expect(a?.body.at(-1)).toBe(1);
      expect((await pack.getTile(2, 1, 2))?.body.at(-1)).toBe(2);
      expect((await pack.getTile(2, 0, 0))).toBeNull(); // not in the pack
      expect((await pack.getTile(2, 4, 0))).toBeNull(); // outside the world
      expect((await pack.getTile(-1, 0, 0))).toBeNull();
    } finally {
      pack.close();
    }
  });

  it('reports metadata with HTML removed from the attribution', async () => {
    const file = join(dir, 'meta.mbtiles');
    writeTestMbtiles(file, [{ z: 0, x: 0, y: 0, data: FAKE_TILE_PNG }], {
      name: 'Siegburg',
      format: 'png',
      minzoom: '10',
      maxzoom: '17',
      attribution: '<a href="https://www.openstreetmap.org/copyright">&copy; OpenStreetMap</a> contributors',
    });
    const pack = new MbtilesTileSource(file);
    try {
      expect(pack.info).toEqual({ name: 'Siegburg', attribution: '© OpenStreetMap contributors', minZoom: 10, maxZoom: 17, format: 'png' });
      expect((await pack.getTile(0, 0, 0))?.body.equals(FAKE_TILE_PNG)).toBe(true);
    } finally {
      pack.close();
    }
  });

  it('recognises jpeg and refuses data that is no raster image', async () => {
    const file = join(dir, 'mixed.mbtiles');
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]);
    writeTestMbtiles(file, [
      { z: 1, x: 0, y: 0, data: jpeg },
      { z: 1, x: 1, y: 0, data: Buffer.from('not an image') },
    ]);
    const pack = new MbtilesTileSource(file);
    try {
      expect((await pack.getTile(1, 0, 0))?.contentType).toBe('image/jpeg');
      expect((await pack.getTile(1, 1, 0))).toBeNull();
    } finally {
      pack.close();
    }
  });

  it('refuses vector packs and files that are not MBTiles, with a clear error', () => {
    const vector = join(dir, 'vector.mbtiles');
    writeTestMbtiles(vector, [], { format: 'pbf' });
    expect(() => new MbtilesTileSource(vector)).toThrow(/vector tiles/);

    const junk = join(dir, 'junk.mbtiles');
    writeFileSync(junk, 'this is not sqlite at all, just some bytes that are long enough to look like a header....');
    expect(() => new MbtilesTileSource(junk)).toThrow(TilePackError);

    expect(() => new MbtilesTileSource(join(dir, 'missing.mbtiles'))).toThrow(TilePackError);
  });

  it('never writes to the pack', () => {
    const file = join(dir, 'ro.mbtiles');
    writeTestMbtiles(file, [{ z: 0, x: 0, y: 0, data: FAKE_TILE_PNG }]);
    const pack = new MbtilesTileSource(file);
    try {
      const db = (pack as unknown as { db: Database.Database }).db;
      expect(db.readonly).toBe(true);
    } finally {
      pack.close();
    }
  });
});
