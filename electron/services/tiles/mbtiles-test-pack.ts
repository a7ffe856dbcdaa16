import Database from 'better-sqlite3';

/** Test helper: writes a small MBTiles file. Tiles are given in XYZ order and stored TMS-flipped, as real packs are. */
export function writeTestMbtiles(
  file: string,
  tiles: { z: number; x: number; y: number; data: Buffer }[],
  metadata: Record<string, string> = { name: 'Test', format: 'png', minzoom: '0', maxzoom: '16' },
): void {
  const db = new Database(file);
  db.exec(`
    CREATE TABLE metadata (name TEXT, value TEXT);
    CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);
    CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row);
  `);
  const meta = db.prepare('INSERT INTO metadata (name, value) VALUES (?, ?)');
  for (const [k, v] of Object.entries(metadata)) meta.run(k, v);
  const ins = db.prepare('INSERT INTO tiles (zoom_level, tile_column, tile_row, tile_data) VALUES (?, ?, ?, ?)');
  for (const t of tiles) ins.run(t.z, t.x, 2 ** t.z - 1 - t.y, t.data);
  db.close();
}
