/**
 * Binary assets served next to the kiosk API: map tiles and content-addressed images.
 * The browser host serves them as `GET /tiles/:z/:x/:y` and `GET /images/:sha256`,
 * Electron's `app://kiosk/` protocol under the same paths. The map feature provides `tiles`,
 * the sync feature `images`; both are optional (absent → 404).
 */

/** One binary response body with its MIME type. */
export interface BinaryAsset {
  contentType: string;
  body: Buffer;
}

type MaybePromise<T> = T | Promise<T>;

/** Map tiles (offline pack or cached online source). null = no such tile. */
export interface TileSource {
  getTile(z: number, x: number, y: number): MaybePromise<BinaryAsset | null>;
}

/** Images synced from the city API, addressed by the lowercase hex SHA-256 of their bytes. null = unknown. */
export interface ImageStore {
  get(sha256: string): MaybePromise<BinaryAsset | null>;
}

/** What a host needs to serve binary routes. */
export interface BinaryAssets {
  tiles?: TileSource;
  images?: ImageStore;
}

/** Route parameter checks shared by the browser host and the app:// protocol. */
export const SHA256_HEX = /^[0-9a-f]{64}$/;
const MAX_ZOOM = 22;

/** Parses tile coordinates from path segments; null when they are not a valid XYZ tile address. */
export function parseTileAddress(z: string, x: string, y: string): { z: number; x: number; y: number } | null {
  const dec = /^(0|[1-9][0-9]{0,6})$/;
  if (!dec.test(z) || !dec.test(x) || !dec.test(y)) return null;
  const zn = Number(z);
  const xn = Number(x);
  const yn = Number(y);
  if (zn > MAX_ZOOM) return null;
  const size = 2 ** zn;
  if (xn >= size || yn >= size) return null;
  return { z: zn, x: xn, y: yn };
}

/** Lowercase SHA-256 hex or null. */
export function parseImageHash(sha: string): string | null {
  return SHA256_HEX.test(sha) ? sha : null;
}
