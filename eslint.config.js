// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// ---- Layer rules (docs/architecture.md). Allow-lists: anything not listed here fails lint. ----

/**
 * npm packages the renderer (browser code) may import, with their sub-paths (`leaflet` allows `leaflet/dist/…`).
 * Add a browser library here when the renderer needs one; never a Node or main-process package.
 */
export const RENDERER_PACKAGES = [
  'react',
  'react-dom',
  'react-i18next',
  'i18next',
  'zustand',
  'zod/mini',
  'leaflet',
  'supercluster',
  'qrcode',
  '@fontsource/atkinson-hyperlegible-next',
  '@fontsource/noto-sans',
  '@fontsource/noto-sans-arabic',
  '@echogarden/espeak-ng-emscripten',
  'vitest', // renderer unit tests
];
/** npm packages shared/ (pure TypeScript, used by every layer) may import. */
export const SHARED_PACKAGES = ['zod', 'vitest'];

const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
/** Matches every import source that is neither relative nor one of `packages` (or a sub-path of one). */
const notIn = (packages) => `^(?!\\.{1,2}/|(${packages.map(escapeRe).join('|')})(/|$))`;
/** no-restricted-syntax selectors that hold in every layer. */
const ALWAYS = [
  { selector: "CallExpression[callee.object.name='it'][callee.property.name='only']", message: 'no focused tests' },
  { selector: "ImportExpression[source.type!='Literal']", message: 'Dynamic imports take a literal path (the layer rules must be able to check it).' },
];
const ELECTRON = '^electron(/|$)';
/** Any call whose first argument is the literal 'electron' or 'electron/…' (require, createRequire(…)(…), module.require);
 *  vitest's vi.mock('electron') replaces electron rather than loading it and stays allowed. */
const REQUIRE_ELECTRON = 'CallExpression:not([callee.object.name="vi"])[arguments.0.type="Literal"][arguments.0.value=/^electron(\\/|$)/]';
const onlyGlue = 'Only the thin Electron glue (electron/main.ts, electron/preload.ts, electron/*-glue.ts, electron/window/*-glue.ts, electron/protocol/*-glue.ts) may import electron — nothing in electron/services/ or electron/host/, whatever its name.';
/** The Electron glue: the only files that may import electron. A folder of its own, never inside electron/services/. */
const GLUE = ['electron/main.ts', 'electron/preload.ts', 'electron/*-glue.ts', 'electron/*-glue.test.ts', 'electron/{window,protocol}/*-glue.ts', 'electron/{window,protocol}/*-glue.test.ts'];
const noNodeGlobals = ['process', 'Buffer', 'global', 'require', 'module', '__dirname', '__filename', 'setImmediate'].map((name) => ({
  name,
  message: 'Node globals are not available in this layer.',
}));
const DOM_GLOBALS = ['window', 'document', 'self', 'navigator', 'localStorage', 'sessionStorage', 'location', 'fetch', 'XMLHttpRequest', 'WebSocket', 'indexedDB'].map((name) => ({
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
      'no-restricted-syntax': ['error', ...ALWAYS],
    },
  },
  // shared/: pure TypeScript — only zod, no node, no electron, no DOM, no other layer, no dynamic imports, no host globals.
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { regex: notIn(SHARED_PACKAGES), message: `shared/ is pure TypeScript: it may import only ${SHARED_PACKAGES.join(', ')} (eslint.config.js SHARED_PACKAGES).` },
          { regex: '(^|/)(electron|renderer|city-api|tests|bench|scripts)(/|$)', message: 'shared/ imports nothing from other layers.' },
        ],
      }],
      'no-restricted-globals': ['error', ...noNodeGlobals, ...DOM_GLOBALS, { name: 'globalThis', message: 'shared/ is pure: no access to host globals through globalThis.' }],
      'no-restricted-syntax': ['error', ...ALWAYS, { selector: 'ImportExpression', message: 'shared/ has no dynamic imports.' }],
    },
  },
  // renderer/: browser code — shared/ and the listed browser packages only (RENDERER_PACKAGES).
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { regex: notIn(RENDERER_PACKAGES), message: 'renderer/ may import only shared/ and the browser packages in RENDERER_PACKAGES (eslint.config.js); add a browser library there.' },
          { regex: '(^|/)(electron|city-api|tests|bench|scripts)(/|$)', message: 'renderer/ may import only shared/ and browser libraries; talk to the main process through the KioskApi.' },
        ],
      }],
      'no-restricted-globals': ['error', ...noNodeGlobals],
      'no-restricted-syntax': ['error', ...ALWAYS,
        { selector: 'ImportExpression[source.value=/^(?!\\.{1,2}\\/)/]', message: 'renderer/ loads only its own modules on demand (relative paths): import() of a package or another layer is not allowed.' },
        { selector: 'ImportExpression[source.value=/(^|\\/)(electron|city-api|tests)(\\/|$)/]', message: 'renderer/ does not load other layers.' },
      ],
    },
  },
  // renderer/ screens: only types from the zod modules (shared/schemas/*, shared/contract/* except its zod-free parts), so
  // the first screen loads no zod (issue 20). Values come from shared/constants.ts and the zod-free contract modules.
  // Tests may compare with the schemas.
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/**/*.test.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [{
          regex: '(^|/)shared/(schemas(/|$)|contract(/(?!(define|method-names|printer-error|bridge-error)$)|$))',
          allowTypeImports: true,
          message: 'renderer/ takes only types from zod modules (shared/schemas, shared/contract): values from shared/constants.ts or shared/contract/{define,method-names,printer-error,bridge-error}, so no zod reaches the screens.',
        }],
      }],
    },
  },
  // electron/ services, host, protocol, window policies: plain Node modules, never electron (no file-name exceptions).
  {
    files: ['electron/**/*.ts'],
    ignores: GLUE,
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { regex: ELECTRON, message: onlyGlue },
          { regex: '(^|/)renderer(/|$)', message: 'The main side does not import the UI.' },
          { regex: '(^|/)(main|preload|[^/]*-glue)$', message: 'Plain modules do not import the Electron glue; the glue imports them.' },
        ],
      }],
      'no-restricted-syntax': ['error', ...ALWAYS,
        { selector: 'ImportExpression[source.value=/^electron(\\/|$)/]', message: onlyGlue },
        { selector: 'ImportExpression[source.value=/(^|\\/)(renderer|city-api)(\\/|$)/]', message: 'The main side does not load other layers.' },
        // require('electron'), createRequire(import.meta.url)('electron'), module.require('electron/main'): a call
        // that loads electron by name is an import the rules above cannot see
        { selector: REQUIRE_ELECTRON, message: onlyGlue },
      ],
    },
  },
  // Electron glue: may import electron, still never the renderer.
  {
    files: GLUE,
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '(^|/)renderer(/|$)', message: 'The main side does not import the UI.' }] }],
    },
  },
  // Reference city API server: its own program; uses shared/ schemas, never the kiosk's electron/ or renderer/.
  {
    files: ['city-api/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { regex: ELECTRON, message: 'city-api/ is a plain Node server: no electron.' },
          { regex: '(^|/)(renderer|electron)(/|$)', message: 'city-api/ shares only shared/ with the kiosk.' },
        ],
      }],
      'no-restricted-syntax': ['error', ...ALWAYS,
        { selector: 'ImportExpression[source.value=/(^|\\/)(electron|renderer)(\\/|$)/]', message: 'city-api/ shares only shared/ with the kiosk: no import() of electron or the kiosk.' },
        { selector: REQUIRE_ELECTRON, message: 'city-api/ is a plain Node server: no require() of electron.' },
      ],
    },
  },
);
