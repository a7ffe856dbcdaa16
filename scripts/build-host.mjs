#!/usr/bin/env node
// Bundles the browser host (electron/host/cli.ts and the services it composes) into out/host/cli.mjs, with its
// npm packages inside (only the native better-sqlite3 stays external; receiptline and pmtiles load on first use
// through createRequire). Starting the bundle with plain `node` is several times faster than compiling the
// TypeScript on every start with tsx, which matters when every end-to-end test starts its own host; bundling the
// packages too saves Node resolving and loading some 300 files of fastify, zod, ical.js, qrcode (issue 20: CPU until
// listening 660 -> 460 ms, median of 5).
// `npm run build` makes it; `npm run host` (scripts/host.mjs) runs it, building it first when it is missing.
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const HOST_BUNDLE = resolve(ROOT, 'out/host/cli.mjs');

/** Builds into a private folder, then renames the file into place: hosts starting meanwhile never see half a file. */
export async function buildHost() {
  const staging = resolve(ROOT, 'out', `.host-build-${process.pid}`);
  await build({
    configFile: false,
    root: ROOT,
    logLevel: 'warn',
    ssr: { noExternal: true, external: ['better-sqlite3'] },
    build: {
      ssr: resolve(ROOT, 'electron/host/cli.ts'),
      outDir: staging,
      emptyOutDir: true,
      target: 'node20',
      minify: false,
      sourcemap: false,
      rollupOptions: { output: { format: 'esm', entryFileNames: 'cli.mjs' } },
    },
  });
  mkdirSync(dirname(HOST_BUNDLE), { recursive: true });
  renameSync(join(staging, 'cli.mjs'), HOST_BUNDLE);
  rmSync(staging, { recursive: true, force: true });
  return HOST_BUNDLE;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildHost();
  console.log(`built ${HOST_BUNDLE}`);
}
