// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

/** Node's built-in modules, with and without the node: prefix. */
const NODE_BUILTINS = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

const layer = (message) => ({ message });
const noElectron = { name: 'electron', ...layer('Only the thin Electron glue (electron/main.ts, electron/preload.ts, electron/ipc-glue.ts, electron/window/*-glue.ts, electron/updates-glue.ts) may import electron.') };
const noNode = NODE_BUILTINS.map((name) => ({ name, ...layer('This layer runs in the browser / must stay pure: no Node built-ins.') }));
const mainOnlyPackages = ['better-sqlite3', 'fastify', '@fastify/static', 'electron-updater', 'receiptline'].map((name) => ({
  name,
  ...layer('Main-process packages are not allowed in this layer.'),
}));
const DOM_GLOBALS = ['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'location', 'fetch'].map((name) => ({
  name,
  message: 'shared/ is pure: no DOM or network globals.',
}));

export default tseslint.config(
  {
    ignores: ['node_modules/**', 'out/**', 'dist/**', 'release/**', 'test-results/**', 'playwright-report/**', 'screenshots/**', 'reports/**', '.kiosk-data/**', 'city-api/public/vendor/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'warn',
      'no-restricted-syntax': ['error', { selector: "CallExpression[callee.object.name='it'][callee.property.name='only']", message: 'no focused tests' }],
    },
  },
  // shared/: pure TypeScript — no electron, no node, no DOM, no other layer.
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noElectron, ...noNode, ...mainOnlyPackages, { name: 'react', message: 'shared/ has no UI.' }],
        patterns: [{ regex: '(^|/)(electron|renderer|city-api)(/|$)', message: 'shared/ imports nothing from other layers.' }],
      }],
      'no-restricted-globals': ['error', ...DOM_GLOBALS],
    },
  },
  // renderer/: browser code — shared/ and browser libraries only.
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noElectron, ...noNode, ...mainOnlyPackages],
        patterns: [{ regex: '(^|/)(electron|city-api)(/|$)', message: 'renderer/ may import only shared/ and browser libraries; talk to the main process through the KioskApi.' }],
      }],
    },
  },
  // electron/ services and host: plain Node modules, never electron.
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/main.ts', 'electron/preload.ts', 'electron/**/*-glue.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noElectron],
        patterns: [{ regex: '(^|/)renderer(/|$)', message: 'The main side does not import the UI.' }],
      }],
    },
  },
  // Electron glue: may import electron, still never the renderer.
  {
    files: ['electron/main.ts', 'electron/preload.ts', 'electron/**/*-glue.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '(^|/)renderer(/|$)', message: 'The main side does not import the UI.' }] }],
    },
  },
  // Reference city API server: its own program; uses shared/ schemas, never the kiosk's electron/ or renderer/.
  {
    files: ['city-api/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noElectron],
        patterns: [{ regex: '(^|/)(renderer|electron)(/|$)', message: 'city-api/ shares only shared/ with the kiosk.' }],
      }],
    },
  },
);
