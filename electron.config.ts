import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { LANGUAGES } from './shared/constants';
import { localeSplit } from './scripts/vite-locale-split';

/** electron-vite: main process, preload and renderer. Used as `electron-vite build -c electron.config.ts`. */
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: { input: { index: resolve(__dirname, 'electron/main.ts') }, external: ['better-sqlite3', 'electron-updater'] },
    },
  },
  preload: {
    build: {
      // The preload runs sandboxed: it can require only 'electron', so everything else (the contract, zod) is bundled in.
      externalizeDeps: false,
      outDir: 'out/preload',
      rollupOptions: { input: { index: resolve(__dirname, 'electron/preload.ts') }, output: { format: 'cjs' } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    base: './',
    // one chunk of texts per language, German in the first screen (scripts/vite-locale-split.ts)
    plugins: [react(), localeSplit({ languages: LANGUAGES, namespacesModule: /\/renderer\/i18n\/namespaces\.ts$/, keepAll: /\/attract\/locales$/ })],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      // electron-vite leaves the renderer unminified by default (1.55 MB of JS); kiosks load it from disk, but a
      // cold start still parses all of it, so minify like any web build.
      minify: true,
      rollupOptions: { input: resolve(__dirname, 'renderer/index.html') },
    },
  },
});
