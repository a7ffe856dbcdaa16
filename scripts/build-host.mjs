#!/usr/bin/env node
// Bundles the browser host (electron/host/cli.ts and the services it composes) into out/host/cli.mjs, with its
// npm packages inside (only the native better-sqlite3 stays external; receiptline and pmtiles load on first use
// through createRequire). Starting the bundle with plain `node` is several times faster than compiling the
// TypeScript on every start with tsx, which matters when every end-to-end test starts its own host; bundling the
// packages too saves Node resolving and loading some 300 files of fastify, zod, ical.js, qrcode (issue 20: CPU until
// listening 660 -> 460 ms, median of 5).
// `npm run build` makes it; `npm run host` (scripts/host.mjs) runs it, building it first when it is missing.
// Beside it out/host/prepare-data.mjs, the worker that opens and migrates the database while the host already listens.
import { mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const HOST_BUNDLE = resolve(ROOT, 'out/host/cli.mjs');

/** The database worker the host starts after it listens (electron/host/prepare-data.ts), bundled on its own beside it. */
export const HOST_WORKER_BUNDLE = resolve(ROOT, 'out/host/prepare-data.mjs');

/** Name prefix of the host bundle's chunks in out/host/. */
const CHUNK_PREFIX = 'chunk-';
/** Chunks of earlier builds are removed once this old: a host started from the previous entry just before may still import them. */
const STALE_CHUNK_MS = 10 * 60 * 1000;

/**
 * Minified (issue 20: less to parse at every start), names kept (`keepNames`: function and class names stay readable in
 * stack traces of the kiosk logs) and a source map beside each file, not loaded at run time: for the original file and
 * line of a logged stack, start the host with `node --enable-source-maps out/host/cli.mjs`.
 */
async function bundle(entry, outDir, fileName, emptyOutDir) {
  await build({
    configFile: false,
    root: ROOT,
    logLevel: 'warn',
    ssr: { noExternal: true, external: ['better-sqlite3'] },
    build: {
      ssr: resolve(ROOT, entry),
      outDir,
      emptyOutDir,
      target: 'node20',
      minify: true,
      sourcemap: true,
      // Chunks (the kiosk's services, imported by cli.ts once it listens) sit beside the entry, so their import.meta.url
      // points into out/host/ like the entry's; hashed names, so a new build never overwrites a chunk in use.
      rollupOptions: { output: { format: 'esm', entryFileNames: fileName, chunkFileNames: `${CHUNK_PREFIX}[name]-[hash].mjs`, keepNames: true } },
    },
  });
}

/**
 * Builds into a private folder, then renames the files into place (chunks, worker, entry last): hosts starting
 * meanwhile never see half a file. `hostDir`: where cli.mjs goes (out/host; tests pass a folder of their own).
 */
export async function buildHost(hostDir = dirname(HOST_BUNDLE)) {
  const staging = resolve(ROOT, 'out', `.host-build-${process.pid}-${Date.now()}`);
  await bundle('electron/host/cli.ts', staging, 'cli.mjs', true);
  await bundle('electron/host/prepare-data.ts', staging, 'prepare-data.mjs', false);
  mkdirSync(hostDir, { recursive: true });
  const chunks = readdirSync(staging).filter((f) => f.startsWith(CHUNK_PREFIX));
  for (const name of chunks) renameSync(join(staging, name), join(hostDir, name));
  const now = Date.now();
  for (const name of readdirSync(hostDir)) {
    if (name.startsWith(CHUNK_PREFIX) && !chunks.includes(name) && now - statSync(join(hostDir, name)).mtimeMs > STALE_CHUNK_MS) rmSync(join(hostDir, name), { force: true });
  }
  for (const target of [HOST_WORKER_BUNDLE, HOST_BUNDLE].map((f) => join(hostDir, basename(f)))) {
    const name = basename(target);
    renameSync(join(staging, `${name}.map`), `${target}.map`);
    renameSync(join(staging, name), target);
  }
  rmSync(staging, { recursive: true, force: true });
  return join(hostDir, basename(HOST_BUNDLE));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // `node scripts/build-host.mjs [folder]`: into out/host, or into the folder given (electron/host/host-bundle.test.ts).
  const built = await buildHost(process.argv[2] ? resolve(process.argv[2]) : undefined);
  console.log(`built ${built}`);
}
