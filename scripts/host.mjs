#!/usr/bin/env node
// `npm run host -- --port <p> --data-dir <dir>`: runs the bundled browser host (out/host/cli.mjs) with plain node.
// Builds what is missing first (the renderer with electron-vite, the host bundle with scripts/build-host.mjs),
// so a fresh clone works; `npm run build` rebuilds both after a change.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HOST_BUNDLE, HOST_WORKER_BUNDLE, buildHost } from './build-host.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

if (!existsSync(join(ROOT, 'out/renderer/index.html'))) {
  const r = spawnSync(join(ROOT, 'node_modules/.bin/electron-vite'), ['build', '-c', 'electron.config.ts'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status || 1);
}
if (!existsSync(HOST_BUNDLE) || !existsSync(HOST_WORKER_BUNDLE)) await buildHost();

const child = spawn(process.execPath, [HOST_BUNDLE, ...process.argv.slice(2)], { cwd: ROOT, stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
