import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { runInNewContext } from 'node:vm';
import { transformWithOxc } from 'vite';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../shared/schemas/kiosk-config';
import { namespaces } from '../../renderer/i18n/namespaces';
import { localeSplit } from '../../scripts/vite-locale-split';

// Issue 20: the renderer build keeps only one language's texts per chunk (scripts/vite-locale-split.ts).
const plugin = localeSplit({ languages: LANGUAGES, namespacesModule: /\/renderer\/i18n\/namespaces\.ts$/, keepAll: /\/attract\/locales$/ });
const ctx = {
  error(message: string): never {
    throw new Error(message);
  },
};
const transform = (code: string, id: string) => {
  const out = (plugin.transform as (this: typeof ctx, code: string, id: string) => { code: string } | string | null).call(ctx, code, id);
  return typeof out === 'string' ? out : (out?.code ?? null);
};

/** The module's default export after the plugin (the locale tables import nothing at run time). */
async function splitTable(file: string, lang: string): Promise<Record<string, unknown>> {
  const js = (await transformWithOxc(readFileSync(file, 'utf8'), file, { lang: 'ts' })).code;
  const code = transform(js, `${file}?locale=${lang}`)!;
  expect(code).not.toMatch(/^import /m);
  // evaluated as a script: the completion value of its last statement is the exported table
  return runInNewContext(code.replace(/^export default (\w+);?$/m, '$1;')) as Record<string, unknown>;
}

const NAMESPACES = readFileSync(resolve('renderer/i18n/namespaces.ts'), 'utf8');
const FILES = Object.fromEntries(
  [...NAMESPACES.matchAll(/^import (\w+) from '([^']+)';$/gm)].map(([, ns, spec]) => [ns!, resolve('renderer/i18n', `${spec}.ts`)]),
);

describe('locale split (one chunk of texts per language)', () => {
  it('knows every namespace file', () => {
    expect(Object.keys(FILES).sort()).toEqual(Object.keys(namespaces).sort());
  });

  for (const lang of LANGUAGES) {
    it(`keeps exactly the ${lang} texts of every namespace, the attract screen's in all languages`, async () => {
      for (const [ns, file] of Object.entries(FILES)) {
        if (ns === 'attract') continue; // imported without the query: whole
        expect(await splitTable(file, lang), `${ns} ${lang}`).toEqual({ [lang]: namespaces[ns]![lang] });
      }
    });
  }

  it('adds the language to every table import of the namespaces module except the attract screen', () => {
    const js = `import common from "./common";\nimport attract from "../features/attract/locales";\nimport offers from '../features/offers/locales';\nexport const namespaces = { common, attract, offers };`;
    expect(transform(js, '/x/renderer/i18n/namespaces.ts?locale=uk')).toBe(
      `import common from "./common?locale=uk";\nimport attract from "../features/attract/locales";\nimport offers from '../features/offers/locales?locale=uk';\nexport const namespaces = { common, attract, offers };`,
    );
    expect(transform(js, '/x/renderer/i18n/namespaces.ts')).toBeNull();
  });

  it('fails the build on a table it cannot split, rather than shipping every language', () => {
    expect(() => transform('const t = Object.fromEntries([]);\nexport default t;', '/x/renderer/features/y/locales.ts?locale=en')).toThrow(/no locale table/);
    expect(() => transform('const t = { de: {}, en: {} };', '/x/locales.ts?locale=fr')).toThrow(/unknown locale/);
  });
});
