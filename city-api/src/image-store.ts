import { createHash } from 'node:crypto';
import type { CityDb } from './city-db';

/** Stores an image the server serves at /images/<sha256>; returns its sha256 and size. */
export function putImage(db: CityDb, bytes: Buffer, contentType: 'image/png' | 'image/jpeg' | 'image/webp'): { sha256: string; bytes: number } {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  db.prepare(`INSERT OR REPLACE INTO images (sha256, content_type, bytes) VALUES (?, ?, ?)`).run(sha256, contentType, bytes);
  return { sha256, bytes: bytes.length };
}
