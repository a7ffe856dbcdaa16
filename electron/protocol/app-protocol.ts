/**
 * The `app://kiosk/` protocol's request handling, as a plain module (no electron import):
 * serves the built renderer plus the binary routes `/tiles/:z/:x/:y` and `/images/:sha256`, with the same
 * security headers as the browser host. protocol-glue.ts turns the result into a web Response.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { parseImageHash, parseTileAddress, type BinaryAssets } from '../services/binary-assets';
import { APP_HOST, APP_SCHEME } from '../window/navigation-policy';
import { SECURITY_HEADERS, cacheClassForPath, cacheControl } from './security-headers';

export interface AppResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer | null;
}

export const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.wav': 'audio/wav',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

const MAX_PATH_LENGTH = 1024;

function respond(status: number, body: Buffer | string | null, contentType: string, cache: string): AppResponse {
  return {
    status,
    headers: { ...SECURITY_HEADERS, 'content-type': contentType, 'cache-control': cache },
    body: body === null ? null : typeof body === 'string' ? Buffer.from(body, 'utf8') : body,
  };
}
const notFound = () => respond(404, 'not found', 'text/plain; charset=utf-8', 'no-store');

export interface AppProtocolOptions {
  /** Built renderer, out/renderer. */
  rendererDir: string;
  assets: BinaryAssets;
}

/** Returns the handler for `app://kiosk/…` requests. Anything else (other host, method, path outside the renderer) → 404/405. */
export function createAppRequestHandler(opts: AppProtocolOptions) {
  const root = resolve(opts.rendererDir);
  let realRoot: string | null = null;

  return async function handleAppRequest(req: { url: string; method: string }): Promise<AppResponse> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return respond(405, 'method not allowed', 'text/plain; charset=utf-8', 'no-store');
    let url: URL;
    try {
      url = new URL(req.url);
    } catch {
      return notFound();
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.hostname !== APP_HOST || url.port !== '' || url.username !== '' || url.password !== '') return notFound();
    let path: string;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      return notFound();
    }
    if (path.length > MAX_PATH_LENGTH || path.includes('\0') || path.includes('\\')) return notFound();

    const segments = path.split('/').slice(1);
    if (segments[0] === 'tiles' && segments.length === 4) {
      const addr = parseTileAddress(segments[1] ?? '', segments[2] ?? '', segments[3] ?? '');
      const tile = addr && opts.assets.tiles ? await opts.assets.tiles.getTile(addr.z, addr.x, addr.y) : null;
      return tile ? respond(200, tile.body, tile.contentType, cacheControl('tile')) : notFound();
    }
    if (segments[0] === 'images' && segments.length === 2) {
      const sha = parseImageHash(segments[1] ?? '');
      const image = sha && opts.assets.images ? await opts.assets.images.get(sha) : null;
      return image ? respond(200, image.body, image.contentType, cacheControl('image')) : notFound();
    }
    if (segments.some((s) => s === '..' || s === '.' || s.startsWith('.'))) return notFound();

    const rel = path === '/' ? '/index.html' : path;
    const file = resolve(join(root, rel));
    if (file !== root && !file.startsWith(root + sep)) return notFound();
    try {
      // Symlinks must not lead out of the renderer directory either.
      realRoot ??= await realpath(root);
      const real = await realpath(file);
      if (!real.startsWith(realRoot + sep)) return notFound();
      if (!(await stat(real)).isFile()) return notFound();
      const type = MIME_TYPES[extname(real).toLowerCase()] ?? 'application/octet-stream';
      const body = req.method === 'HEAD' ? null : await readFile(real);
      return respond(200, body, type, cacheControl(cacheClassForPath(rel)));
    } catch {
      return notFound();
    }
  };
}

export type AppRequestHandler = ReturnType<typeof createAppRequestHandler>;
