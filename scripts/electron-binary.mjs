// Finds the Electron binary WITHOUT triggering electron's on-demand download (requiring the `electron`
// package from Node would start one). Used by scripts/start.mjs.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** @returns {{ available: true, path: string, version: string } | { available: false, reason: string }} */
export function findElectronBinary(root, env = process.env) {
  const pkgDir = join(root, 'node_modules', 'electron');
  if (!existsSync(join(pkgDir, 'package.json'))) return { available: false, reason: 'the electron package is not installed' };
  const version = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')).version;
  const pathFile = join(pkgDir, 'path.txt');
  if (!existsSync(pathFile)) return { available: false, reason: 'its binary was never downloaded, node_modules/electron/path.txt is missing' };
  const rel = readFileSync(pathFile, 'utf8').trim();
  const dist = env.ELECTRON_OVERRIDE_DIST_PATH || join(pkgDir, 'dist');
  const bin = join(dist, rel);
  if (!rel || !existsSync(bin)) return { available: false, reason: `its binary ${bin} is missing` };
  return { available: true, path: bin, version };
}
