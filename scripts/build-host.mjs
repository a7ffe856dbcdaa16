#!/usr/bin/env node
// Bundles the browser host (electron/host/cli.ts and the services it composes) into out/host/cli.mjs, with its
// npm packages inside (only the native better-sqlite3 stays external; receiptline and pmtiles load on first use
// through createRequire). Starting the bundle with plain `node` is several times faster than compiling the
// TypeScript on every start with tsx, which matters when every end-to-end test starts its own host; bundling the
// packages too saves Node resolving and loading some 300 files of fastify, zod, ical.js, qrcode (issue 20: CPU until
// listening 660 -> 460 ms, median of 5).
// `npm run build` makes it; `npm run host` (scripts/host.mjs) runs it, building it first when it is missing.
// Beside it out/host/prepare-data.mjs, the worker that opens and migrates the database while the host already listens.
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const HOST_BUNDLE = resolve(ROOT, 'out/host/cli.mjs');

/** The database worker the host starts after it listens (electron/host/prepare-data.ts), bundled on its own beside it. */
export const HOST_WORKER_BUNDLE = resolve(ROOT, 'out/host/prepare-data.mjs');

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
      rollupOptions: { output: { format: 'esm', entryFileNames: fileName, keepNames: true } },
    },
  });
}

/** Builds into a private folder, then renames the files into place (worker first): hosts starting meanwhile never see half a file. */
export async function buildHost() {
  const staging = resolve(ROOT, 'out', `.host-build-${process.pid}`);
  await bundle('electron/host/cli.ts', staging, 'cli.mjs', true);
  await bundle('electron/host/prepare-data.ts', staging, 'prepare-data.mjs', false);
  mkdirSync(dirname(HOST_BUNDLE), { recursive: true });
  for (const target of [HOST_WORKER_BUNDLE, HOST_BUNDLE]) {
    const name = basename(target);
    renameSync(join(staging, `${name}.map`), `${target}.map`);
    renameSync(join(staging, name), target);
  }
  rmSync(staging, { recursive: true, force: true });
  return HOST_BUNDLE;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildHost();
  console.log(`built ${HOST_BUNDLE}`);
}
