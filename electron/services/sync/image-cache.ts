import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import type { BinaryAsset, ImageStore } from '../binary-assets';

export type ImageType = 'image/png' | 'image/jpeg' | 'image/webp';

const SHOWN: Record<string, ImageType> = { 'image/png': 'image/png', 'image/jpeg': 'image/jpeg', 'image/webp': 'image/webp' };

/**
 * Content type from the bytes (never from the server's header), by `file-type` - the same sniffer as the
 * city API's photo check (city-api/src/photo.ts). Only PNG, JPEG and WebP are shown; anything else (SVG,
 * GIF, APNG, HTML, too short to tell) is null.
 */
export async function sniffImageType(b: Uint8Array): Promise<ImageType | null> {
  const found = await fileTypeFromBuffer(b).catch(() => undefined);
  return (found && SHOWN[found.mime]) ?? null;
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
  /** Checks type (magic bytes), size and hash; stores atomically. Rejects with ImageRejectedError. */
  put(sha256: string, bytes: Buffer, maxBytes: number): Promise<ImageType>;
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
    async put(sha, bytes, maxBytes) {
      if (!SHA.test(sha)) throw new ImageRejectedError('invalid sha256');
      if (bytes.length === 0 || bytes.length > maxBytes) throw new ImageRejectedError(`size ${bytes.length} outside 1..${maxBytes}`);
      const type = await sniffImageType(bytes);
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
