import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The layer rules of eslint.config.js (docs/architecture.md), fed one deliberate violation each through ESLint's
 * Node API: every one must be reported, and the allowed imports of each layer must pass.
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT });
});

/** Rule ids ESLint reports for `code` as if it were the file `file` (not written to disk). */
async function rulesFor(file: string, code: string): Promise<string[]> {
  const [r] = await eslint.lintText(code, { filePath: join(ROOT, file) });
  return (r?.messages ?? []).map((m) => m.ruleId ?? `fatal: ${m.message}`);
}

const VIOLATIONS: [layer: string, file: string, code: string, rule: string][] = [
  // shared/: pure TypeScript
  ['shared: node built-in', 'shared/logic/x.ts', "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;", 'no-restricted-imports'],
  ['shared: bare node built-in', 'shared/logic/x.ts', "import { join } from 'path';\nexport const f = join;", 'no-restricted-imports'],
  ['shared: electron', 'shared/logic/x.ts', "import { app } from 'electron';\nexport const a = app;", 'no-restricted-imports'],
  ['shared: any package not listed', 'shared/logic/x.ts', "import React from 'react';\nexport const r = React;", 'no-restricted-imports'],
  ['shared: another layer', 'shared/logic/x.ts', "import { composeKiosk } from '../../electron/services/compose';\nexport const c = composeKiosk;", 'no-restricted-imports'],
  ['shared: dynamic import', 'shared/logic/x.ts', "export const load = () => import('node:fs');", 'no-restricted-syntax'],
  ['shared: process', 'shared/logic/x.ts', 'export const env = process.env.HOME;', 'no-restricted-globals'],
  ['shared: Buffer', 'shared/logic/x.ts', "export const b = Buffer.from('x');", 'no-restricted-globals'],
  ['shared: document', 'shared/logic/x.ts', 'export const d = document.title;', 'no-restricted-globals'],
  ['shared: window', 'shared/logic/x.ts', 'export const w = window.innerWidth;', 'no-restricted-globals'],
  ['shared: globalThis.document', 'shared/logic/x.ts', 'export const d = globalThis.document;', 'no-restricted-globals'],
  // renderer/: shared/ and the listed browser packages
  ['renderer: npm package not on the list', 'renderer/app/x.ts', "import Fastify from 'fastify';\nexport const f = Fastify;", 'no-restricted-imports'],
  ['renderer: node built-in', 'renderer/app/x.ts', "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;", 'no-restricted-imports'],
  ['renderer: electron', 'renderer/app/x.ts', "import { ipcRenderer } from 'electron';\nexport const i = ipcRenderer;", 'no-restricted-imports'],
  ['renderer: main-side code', 'renderer/app/x.ts', "import { composeKiosk } from '../../electron/services/compose';\nexport const c = composeKiosk;", 'no-restricted-imports'],
  ['renderer: dynamic import of a package', 'renderer/app/x.ts', "export const load = () => import('fastify');", 'no-restricted-syntax'],
  ['renderer: dynamic import of another layer', 'renderer/app/x.ts', "export const load = () => import('../../electron/services/compose');", 'no-restricted-syntax'],
  ['renderer: computed dynamic import', 'renderer/app/x.ts', 'export const load = (p: string) => import(p);', 'no-restricted-syntax'],
  ['renderer: process', 'renderer/app/x.ts', 'export const env = process.env.HOME;', 'no-restricted-globals'],
  ['renderer: a value from a zod schema module', 'renderer/app/x.ts', "import { wishContactSchema } from '../../shared/schemas/wish';\nexport const w = wishContactSchema;", '@typescript-eslint/no-restricted-imports'],
  ['renderer: a value from the contract index (builds every schema)', 'renderer/app/x.ts', "import { KioskApiError } from '../../shared/contract';\nexport const k = KioskApiError;", '@typescript-eslint/no-restricted-imports'],
  ['renderer: a value from a contract schema module', 'renderer/features/x/x.tsx', "import { TIMES_OF_DAY } from '../../../shared/contract/offers';\nexport const t = TIMES_OF_DAY;", '@typescript-eslint/no-restricted-imports'],
  // electron/services/: plain Node, never electron — no file-name loophole
  ['services: electron', 'electron/services/tiles/x.ts', "import { app } from 'electron';\nexport const a = app;", 'no-restricted-imports'],
  ['services: electron/main', 'electron/services/tiles/x.ts', "import { app } from 'electron/main';\nexport const a = app;", 'no-restricted-imports'],
  ['services: dynamic electron', 'electron/services/tiles/x.ts', "export const load = () => import('electron');", 'no-restricted-syntax'],
  ['services: require of electron through createRequire', 'electron/services/tiles/x.ts', "import { createRequire } from 'node:module';\nexport const e = createRequire(import.meta.url)('electron');", 'no-restricted-syntax'],
  ['services: require of electron/main', 'electron/services/tiles/x.ts', "import { createRequire } from 'node:module';\nconst req = createRequire(import.meta.url);\nexport const e = req('electron/main');", 'no-restricted-syntax'],
  ['services: a *-glue.ts file is no exception', 'electron/services/brochure/x-glue.ts', "import { BrowserWindow } from 'electron';\nexport const b = BrowserWindow;", 'no-restricted-imports'],
  ['services: the renderer', 'electron/services/tiles/x.ts', "import { App } from '../../../renderer/app/App';\nexport const a = App;", 'no-restricted-imports'],
  ['services: the glue', 'electron/services/tiles/x.ts', "import { createElectronPdfRenderer } from '../../pdf-renderer-glue';\nexport const c = createElectronPdfRenderer;", 'no-restricted-imports'],
  ['host: electron', 'electron/host/x.ts', "import { app } from 'electron';\nexport const a = app;", 'no-restricted-imports'],
  // city-api/: its own server
  ['city-api: the kiosk main side', 'city-api/src/x.ts', "import { composeKiosk } from '../../electron/services/compose';\nexport const c = composeKiosk;", 'no-restricted-imports'],
  ['city-api: electron', 'city-api/src/x.ts', "import { app } from 'electron';\nexport const a = app;", 'no-restricted-imports'],
  ['city-api: dynamic electron', 'city-api/src/x.ts', "export const load = () => import('electron');", 'no-restricted-syntax'],
  ['city-api: require of electron', 'city-api/src/x.ts', "import { createRequire } from 'node:module';\nexport const e = createRequire(import.meta.url)('electron');", 'no-restricted-syntax'],
  ['city-api: dynamic import of the kiosk main side', 'city-api/src/x.ts', "export const load = () => import('../../electron/services/compose');", 'no-restricted-syntax'],
];

const ALLOWED: [layer: string, file: string, code: string][] = [
  ['shared: zod and shared modules', 'shared/logic/x.ts', "import { z } from 'zod';\nimport { hhmm } from '../schemas/text';\nexport const s = z.object({ t: hhmm });"],
  ['renderer: listed packages, shared/, lazy own modules', 'renderer/app/x.ts', "import { useState } from 'react';\nimport 'leaflet/dist/leaflet.css';\nimport { LANGUAGES } from '../../shared/constants';\nexport const s = [useState, LANGUAGES];\nexport const load = () => import('./App');"],
  ['renderer: types from zod modules, values from the zod-free contract parts', 'renderer/app/x.ts', "import type { Language } from '../../shared/schemas/kiosk-config';\nimport { type OfferCard } from '../../shared/contract/offers';\nimport { KioskApiError } from '../../shared/contract/define';\nimport { METHOD_NAMES } from '../../shared/contract/method-names';\nexport type T = [Language, OfferCard];\nexport const v = [KioskApiError, METHOD_NAMES];"],
  ['renderer tests: may compare with the schemas', 'renderer/app/x.test.ts', "import { wishContactSchema } from '../../shared/schemas/wish';\nexport const w = wishContactSchema;"],
  ['services: node, packages, shared/', 'electron/services/tiles/x.ts', "import { join } from 'node:path';\nimport Database from 'better-sqlite3';\nimport { z } from 'zod';\nexport const x = [join, Database, z];"],
  ['glue: electron', 'electron/x-glue.ts', "import { app } from 'electron';\nexport const a = app;"],
  ['glue tests: vi.mock replaces electron without loading it', 'electron/main.test.ts', "import { vi } from 'vitest';\nvi.mock('electron', () => ({ app: {} }));\nexport const v = vi;"],
];

describe('layer rules (eslint.config.js)', () => {
  it.each(VIOLATIONS)('%s is reported', async (_layer, file, code, rule) => {
    expect(await rulesFor(file, code)).toContain(rule);
  });

  it.each(ALLOWED)('%s pass', async (_layer, file, code) => {
    expect(await rulesFor(file, code)).toEqual([]);
  });
});
