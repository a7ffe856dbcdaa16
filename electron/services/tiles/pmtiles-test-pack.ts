import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { zxyToTileId } from 'pmtiles';

function varint(n: number, out: number[]): void {
  while (n >= 0x80) {
    out.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
}

/**
 * Test helper: writes a small PMTiles v3 file (one root directory, gzip-compressed directory and metadata as
 * `pmtiles convert` writes them, uncompressed tiles). Tiles are given in XYZ order; tile type png unless `tileType`.
 */
export function writeTestPmtiles(
  file: string,
  tiles: { z: number; x: number; y: number; data: Buffer }[],
  metadata: Record<string, unknown> = { name: 'Test', attribution: '© OpenStreetMap contributors' },
  tileType = 2,
): void {
  const entries = tiles.map((t) => ({ id: zxyToTileId(t.z, t.x, t.y), data: t.data })).sort((a, b) => a.id - b.id);
  const dir: number[] = [];
  varint(entries.length, dir);
  let last = 0;
  for (const e of entries) {
    varint(e.id - last, dir);
    last = e.id;
  }
  for (let i = 0; i < entries.length; i++) varint(1, dir);
  for (const e of entries) varint(e.data.length, dir);
  for (let i = 0; i < entries.length; i++) varint(i === 0 ? 1 : 0, dir); // offset + 1 for the first, 0 = right after the previous
  const root = gzipSync(Buffer.from(dir));
  const meta = gzipSync(Buffer.from(JSON.stringify(metadata)));
  const data = Buffer.concat(entries.map((e) => e.data));
  const header = Buffer.alloc(127);
  header.write('PMTiles', 0, 'latin1');
  header.writeUInt8(3, 7);
  const u64 = (pos: number, v: number) => header.writeBigUInt64LE(BigInt(v), pos);
  u64(8, 127);
  u64(16, root.length);
  u64(24, 127 + root.length);
  u64(32, meta.length);
  u64(40, 127 + root.length + meta.length);
  u64(48, 0);
  u64(56, 127 + root.length + meta.length);
  u64(64, data.length);
  u64(72, entries.length);
  u64(80, entries.length);
  u64(88, entries.length);
  header.writeUInt8(1, 96); // clustered
  header.writeUInt8(2, 97); // internal compression gzip
  header.writeUInt8(1, 98); // tile compression none
  header.writeUInt8(tileType, 99);
  const zooms = tiles.map((t) => t.z);
  header.writeUInt8(Math.min(...zooms), 100);
  header.writeUInt8(Math.max(...zooms), 101);
  header.writeInt32LE(7.1 * 1e7, 102);
  header.writeInt32LE(50.7 * 1e7, 106);
  header.writeInt32LE(7.3 * 1e7, 110);
  header.writeInt32LE(50.9 * 1e7, 114);
  header.writeUInt8(Math.max(...zooms), 118);
  header.writeInt32LE(7.21 * 1e7, 119);
  header.writeInt32LE(50.8 * 1e7, 123);
  writeFileSync(file, Buffer.concat([header, root, meta, data]));
}
