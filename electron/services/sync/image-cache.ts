import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BinaryAsset, ImageStore } from '../binary-assets';

export type ImageType = 'image/png' | 'image/jpeg' | 'image/webp';

/** Content type from the first bytes (never from the server's header). */
export function sniffImageType(b: Buffer): ImageType | null {
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  return null;
}

export class ImageRejectedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImageRejectedError';
  }
}

const SHA = /^[0-9a-f]{64}$/;
const EXT: Record<ImageType, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp' };
const TYPE_BY_EXT: Record<string, ImageType> = { png: 'image/png', jpg: 'image/jpeg', webp: 'image/webp' };

/** Content-addressed image cache in the data directory. Images are shown only from here. */
export interface ImageCache extends ImageStore {
  get(sha256: string): BinaryAsset | null;
  has(sha256: string): boolean;
  /** Checks type (magic bytes), size and hash; stores atomically. Throws ImageRejectedError. */
  put(sha256: string, bytes: Buffer, maxBytes: number): ImageType;
  /** Removes cached images not in `keep`; returns how many were removed. */
  prune(keep: Set<string>): number;
  count(): number;
}

export function createImageCache(dir: string): ImageCache {
  mkdirSync(dir, { recursive: true });
  const index = new Map<string, ImageType>();
  for (const f of readdirSync(dir)) {
    const m = /^([0-9a-f]{64})\.(png|jpg|webp)$/.exec(f);
    if (m) index.set(m[1]!, TYPE_BY_EXT[m[2]!]!);
    else if (f.endsWith('.tmp')) rmSync(join(dir, f), { force: true });
  }
  const file = (sha: string, type: ImageType) => join(dir, `${sha}.${EXT[type]}`);
  return {
    get(sha) {
      if (!SHA.test(sha)) return null;
      const type = index.get(sha);
      if (!type) return null;
      try {
        return { contentType: type, body: readFileSync(file(sha, type)) };
      } catch {
        index.delete(sha);
        return null;
      }
    },
    has: (sha) => index.has(sha),
    put(sha, bytes, maxBytes) {
      if (!SHA.test(sha)) throw new ImageRejectedError('invalid sha256');
      if (bytes.length === 0 || bytes.length > maxBytes) throw new ImageRejectedError(`size ${bytes.length} outside 1..${maxBytes}`);
      const type = sniffImageType(bytes);
      if (!type) throw new ImageRejectedError('not a PNG, JPEG or WebP image');
      const actual = createHash('sha256').update(bytes).digest('hex');
      if (actual !== sha) throw new ImageRejectedError('sha256 does not match');
      const tmp = join(dir, `${sha}.${process.pid}.tmp`);
      writeFileSync(tmp, bytes);
      renameSync(tmp, file(sha, type));
      index.set(sha, type);
      return type;
    },
    prune(keep) {
      let n = 0;
      for (const [sha, type] of [...index]) {
        if (keep.has(sha)) continue;
        rmSync(file(sha, type), { force: true });
        index.delete(sha);
        n++;
      }
      return n;
    },
    count: () => index.size,
  };
}
